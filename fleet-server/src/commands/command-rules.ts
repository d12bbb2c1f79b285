// Remote commands on the fleet side, the pure rules: what a technician may ask for, how long each kind may wait
// for an offline kiosk, and how a command's state moves (queued → sent → acknowledged → done | failed | expired).
import { z } from 'zod';
import { MAX_LOG_EXCERPT_BYTES, type CommandResult } from '@guichet/shared';

/** What the API accepts: the kiosk's remote commands plus out of service on/off (which is the target state). */
export const CommandRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('restart-runtime') }),
  z.object({ type: z.literal('reboot') }),
  z.object({ type: z.literal('print-test-page'), lang: z.enum(['en', 'fr']).default('en') }),
  z.object({
    type: z.literal('collect-logs'),
    maxBytes: z.number().int().min(1024).max(MAX_LOG_EXCERPT_BYTES).default(MAX_LOG_EXCERPT_BYTES),
  }),
  z.object({ type: z.literal('out-of-service'), reason: z.string().max(200).optional() }),
  z.object({ type: z.literal('in-service'), reason: z.string().max(200).optional() }),
]);
export type CommandRequest = z.infer<typeof CommandRequest>;
export type FleetCommandType = CommandRequest['type'];

export const COMMAND_STATES = ['queued', 'sent', 'acknowledged', 'done', 'failed', 'expired'] as const;
export const CommandState = z.enum(COMMAND_STATES);
export type CommandState = z.infer<typeof CommandState>;

const MINUTE = 60_000;

/**
 * How long a command may wait for its kiosk to take it (be acknowledged) before it expires and is never
 * delivered. A restart or reboot that arrives an hour late may land in the middle of a citizen's transaction, or
 * surprise the technician who left: 5 minutes. A test page or a log excerpt is harmless later: 1 hour. Out of
 * service on/off never expires: it is the target state, idempotent, re-sent whole at every welcome.
 */
export const COMMAND_TTL_MS: Readonly<Record<FleetCommandType, number | null>> = {
  'restart-runtime': 5 * MINUTE,
  reboot: 5 * MINUTE,
  'print-test-page': 60 * MINUTE,
  'collect-logs': 60 * MINUTE,
  'out-of-service': null,
  'in-service': null,
};

export function expiryOf(type: FleetCommandType, createdAt: Date): Date | undefined {
  const ttl = COMMAND_TTL_MS[type];
  return ttl === null ? undefined : new Date(createdAt.getTime() + ttl);
}

export const isFinalState = (state: CommandState): boolean =>
  state === 'done' || state === 'failed' || state === 'expired';

/** A command not yet taken by its kiosk whose time is up: it expires (and is never sent again). */
export function hasExpired(state: CommandState, expiresAt: Date | undefined, now: Date): boolean {
  return (state === 'queued' || state === 'sent') && expiresAt !== undefined && now.getTime() >= expiresAt.getTime();
}

/**
 * Whether to (re)send a command to its kiosk when it says hello: everything not finished and not expired. An
 * acknowledged one too: the kiosk answers again from its own record (a result lost with the link is not lost).
 */
export function isDeliverable(state: CommandState, expiresAt: Date | undefined, now: Date): boolean {
  if (state === 'acknowledged') return true;
  return (state === 'queued' || state === 'sent') && !hasExpired(state, expiresAt, now);
}

/** The result's status; a kiosk predating `status` sends only `ok`. */
export function resultStatus(result: Pick<CommandResult, 'ok' | 'status'>): 'accepted' | 'done' | 'failed' {
  return result.status ?? (result.ok ? 'done' : 'failed');
}

/**
 * The state a kiosk's answer moves a command to, or undefined when it changes nothing (a repeated answer, or
 * one about a finished command). An expired command that had been sent may still be answered: the kiosk got it
 * before it expired, and what it did is what the record must say.
 */
export function stateAfterResult(
  state: CommandState,
  wasSent: boolean,
  status: 'accepted' | 'done' | 'failed',
): CommandState | undefined {
  const open = state === 'queued' || state === 'sent' || state === 'acknowledged' || (state === 'expired' && wasSent);
  if (!open) return undefined;
  if (status === 'accepted') return state === 'acknowledged' ? undefined : 'acknowledged';
  return status;
}
