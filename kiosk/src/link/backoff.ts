// Reconnection delay: exponential with full jitter (AWS architecture blog, "Exponential Backoff And
// Jitter"), so a fleet that lost its server does not reconnect in lockstep.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(policy.baseMs / 2 + random() * (ceiling - policy.baseMs / 2));
}
