// The one reconnection backoff: exponential from `baseMs`, capped at `maxMs`. backoffDelay adds full jitter
// (AWS architecture blog, "Exponential Backoff And Jitter") so a fleet that lost its server does not reconnect
// in lockstep; backoffCeiling is the same curve without jitter, for a lone device polled by one kiosk.

export interface BackoffPolicy {
  /** The delay of attempt 0 (without jitter). */
  baseMs: number;
  /** No delay is ever longer. */
  maxMs: number;
}

/** The delay before retry `attempt` (0-based) without jitter: baseMs · 2^attempt, capped at maxMs. */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
}

/** The delay before retry `attempt` with full jitter: between half the base and the ceiling, `random` in [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = backoffCeiling(attempt, policy);
  return Math.round(policy.baseMs / 2 + random() * (ceiling - policy.baseMs / 2));
}
