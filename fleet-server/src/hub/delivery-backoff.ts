// When the hub retries a delivery its ministry could not take: exponential backoff from `baseMs`, doubling per
// attempt, capped at `maxMs` (a ministry down for a day is retried every few minutes, not in a tight loop).
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_DELIVERY_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 10 * 60_000 };

/** Delay before attempt number `attempts + 1`, given `attempts` failed ones (≥ 1). */
export function backoffDelayMs(policy: BackoffPolicy, attempts: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}
