// Who keeps a kiosk's link when a second connection authenticates as the same kiosk. The boot id (a random id the
// kiosk software draws at each start, kept in memory, sent in the handshake and the hello) is the proof of
// continuity: a stolen credential comes from the kiosk's disk, its boot id does not. The outbox stream id lives on
// that same disk and a stream position is self-declared, so neither proves anything and neither is used here.
export interface LinkHolder {
  /** The established connection's boot id (its handshake's, else its hello's); undefined for an older kiosk. */
  bootId: string | undefined;
  /** When the established connection last sent anything (epoch ms). */
  lastSeenAt: number;
}

/**
 * - `accept`: no connection holds the link;
 * - `replace`: the holder fell silent (a network drop), declared no boot id (an older kiosk: the former rule), or
 *   the newcomer is the same boot reconnecting;
 * - `refuse`: a live holder with another boot id keeps the link (LINK_CONTESTED).
 */
export type NewcomerVerdict = 'accept' | 'replace' | 'refuse';

export function judgeNewcomer(
  holder: LinkHolder | undefined,
  newcomerBootId: string | undefined,
  nowMs: number,
  silentAfterMs: number,
): NewcomerVerdict {
  if (!holder) return 'accept';
  if (nowMs - holder.lastSeenAt >= silentAfterMs) return 'replace';
  if (holder.bootId === undefined || newcomerBootId === holder.bootId) return 'replace';
  return 'refuse';
}
