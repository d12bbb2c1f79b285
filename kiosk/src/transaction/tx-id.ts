// Transaction ids: 10 Crockford base32 characters of the millisecond timestamp (so ids sort by time) and 10
// random ones (50 bits: unique across the fleet). The id is the payment terminal's sale reference and the hub's
// idempotency key, so it is minted once, journaled first, and never reused.
import { GuichetError, TxId } from '@guichet/shared';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `random` returns numbers in [0, 1) (Math.random or a seeded generator in tests). */
export function newTxId(clock: () => Date, random: () => number): TxId {
  let ms = clock().getTime();
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 32 ** 10)
    throw new GuichetError('TX_BAD_CLOCK', `cannot mint a transaction id at ${String(ms)} ms`);
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[ms % 32]! + time;
    ms = Math.floor(ms / 32);
  }
  let tail = '';
  for (let i = 0; i < 10; i++) tail += CROCKFORD[Math.min(31, Math.floor(random() * 32))]!;
  return TxId.parse(time + tail);
}

/** The instant encoded in a transaction id's first 10 characters. */
export function txIdTime(txId: TxId): Date {
  let ms = 0;
  for (const c of txId.slice(0, 10)) ms = ms * 32 + CROCKFORD.indexOf(c);
  return new Date(ms);
}
