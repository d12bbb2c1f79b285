import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('reconnection backoff', () => {
  it('stays between half the base and the cap, whatever the attempt and the jitter', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const delay = backoffDelay(attempt, { baseMs: 1000, maxMs: 30_000 }, () => r);
        return delay >= 500 && delay <= 30_000;
      }),
    );
  });

  it('grows with the attempt and spreads kiosks apart', () => {
    const policy = { baseMs: 1000, maxMs: 30_000 };
    expect(backoffDelay(0, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 1)).toBe(8000);
    expect(backoffDelay(10, policy, () => 1)).toBe(30_000);
    expect(backoffDelay(10, policy, () => 0)).toBe(500);
  });
});
