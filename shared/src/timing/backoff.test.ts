import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from './backoff';

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

  it('without jitter doubles from the base up to the cap, even for huge attempt numbers', () => {
    const policy = { baseMs: 250, maxMs: 5000 };
    expect([0, 1, 2, 3, 4, 5, 6].map((attempt) => backoffCeiling(attempt, policy))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000,
    ]);
    expect(backoffCeiling(10_000, policy)).toBe(5000);
  });
});
