// The throttling limits of sign-in and API tokens (docs/SECURITY.md "Throttling" quotes them).
import type { FailureLimit } from './failure-limiter';

const MINUTE = 60 * 1000;

export interface ThrottleLimits {
  /** Failed sign-ins from one address (or IPv6 /64). */
  signInPerAddress: FailureLimit;
  /** Failed sign-ins for one user name, from anywhere: slows guessing from many addresses. */
  signInPerAccount: FailureLimit;
  /** Wrong bearer tokens from one address. */
  tokenPerAddress: FailureLimit;
  /** Keys each limiter tracks at most (least recently failed evicted first). */
  maxKeys: number;
}

export const THROTTLE_LIMITS: ThrottleLimits = {
  signInPerAddress: { limit: 20, windowMs: 15 * MINUTE },
  signInPerAccount: { limit: 10, windowMs: 15 * MINUTE },
  tokenPerAddress: { limit: 20, windowMs: 5 * MINUTE },
  maxKeys: 10_000,
};
