import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents } from './cents';
import type { SplitShare } from './fee-split';
import { SplitShares, splitByWeights } from './fee-split';

const share = (party: string, weight: number): SplitShare => ({ party, weight });
const amounts = (parts: { cents: number }[]) => parts.map((p) => p.cents);

const guichetError = (code: string): unknown => expect.objectContaining({ name: 'GuichetError', code });

describe('splitByWeights (largest remainder, ties by listing order)', () => {
  it('splits $1.00 50/50 and in basis points', () => {
    expect(splitByWeights(cents(100), [share('province', 5000), share('contractor', 5000)])).toEqual([
      { party: 'province', cents: 50 },
      { party: 'contractor', cents: 50 },
    ]);
    expect(amounts(splitByWeights(cents(100), [share('state', 5000), share('portal', 5000)]))).toEqual([50, 50]);
    expect(amounts(splitByWeights(cents(100), [share('a', 7500), share('b', 2500)]))).toEqual([75, 25]);
  });

  it('gives an odd cent to the first listed party on a tie', () => {
    expect(amounts(splitByWeights(cents(101), [share('province', 1), share('contractor', 1)]))).toEqual([51, 50]);
    expect(amounts(splitByWeights(cents(101), [share('contractor', 1), share('province', 1)]))).toEqual([51, 50]);
    expect(amounts(splitByWeights(cents(100), [share('a', 1), share('b', 1), share('c', 1)]))).toEqual([34, 33, 33]);
    expect(amounts(splitByWeights(cents(2), [share('a', 1), share('b', 1), share('c', 1)]))).toEqual([1, 1, 0]);
  });

  it('gives leftover cents to the largest remainders before listing order', () => {
    // exact shares 10 × (1/6, 2/6, 3/6) = 1.667, 3.333, 5: the 0.667 remainder wins the leftover cent
    expect(amounts(splitByWeights(cents(10), [share('a', 1), share('b', 2), share('c', 3)]))).toEqual([2, 3, 5]);
    // exact shares 1 × (0.2, 0.3, 0.5): the leftover cent goes to c (remainder 0.5)
    expect(amounts(splitByWeights(cents(1), [share('a', 2), share('b', 3), share('c', 5)]))).toEqual([0, 0, 1]);
  });

  it('splits a refund as the exact negation of the charge', () => {
    const shares = [share('a', 1), share('b', 1), share('c', 1)];
    expect(amounts(splitByWeights(cents(-100), shares))).toEqual([-34, -33, -33]);
    expect(amounts(splitByWeights(cents(0), shares)).every((c) => Object.is(c, 0))).toBe(true);
  });

  it('rejects a split with no party or only zero weights', () => {
    for (const shares of [[], [share('a', 0), share('b', 0)], [share('a', -1), share('b', 2)], [share('a', 0.5)]]) {
      expect(() => splitByWeights(cents(100), shares)).toThrow(guichetError('FEE_SPLIT_BAD_WEIGHTS'));
    }
    expect(SplitShares.safeParse([share('a', 0)]).success).toBe(false);
    expect(SplitShares.safeParse([share('a', 1), share('a', 1)]).success).toBe(false);
    expect(SplitShares.safeParse([share('Province', 1)]).success).toBe(false);
  });

  const weights = fc
    .array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 8 })
    .filter((ws) => ws.some((w) => w > 0));
  const sharesOf = (ws: number[]) => ws.map((w, i) => share(`p${i}`, w));
  const anyAmount = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.maxSafeInteger());

  it('property: parts are non-negative integers that add up exactly to the whole', () => {
    fc.assert(
      fc.property(anyAmount.map(Math.abs), weights, (total, ws) => {
        const parts = amounts(splitByWeights(cents(total), sharesOf(ws)));
        expect(parts.every((c) => Number.isSafeInteger(c) && c >= 0)).toBe(true);
        expect(parts.reduce((a, b) => BigInt(a) + BigInt(b), 0n)).toBe(BigInt(total));
      }),
      { numRuns: 500 },
    );
  });

  it('property: no part is a full cent or more from its exact share, and a zero weight gets nothing', () => {
    fc.assert(
      fc.property(anyAmount, weights, (total, ws) => {
        const parts = amounts(splitByWeights(cents(total), sharesOf(ws)));
        const sum = BigInt(ws.reduce((a, b) => a + b, 0));
        parts.forEach((part, i) => {
          // |part − total·w/W| < 1  ⇔  |part·W − total·w| < W, in integers
          const deviation = BigInt(part) * sum - BigInt(total) * BigInt(ws[i] as number);
          expect(deviation < sum && -deviation < sum).toBe(true);
          if (ws[i] === 0) expect(part).toBe(0);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('property: the split is deterministic, and scaling all weights does not change it', () => {
    fc.assert(
      fc.property(anyAmount, weights, fc.integer({ min: 2, max: 1000 }), (total, ws, k) => {
        const once = splitByWeights(cents(total), sharesOf(ws));
        expect(splitByWeights(cents(total), sharesOf(ws))).toEqual(once);
        expect(splitByWeights(cents(total), sharesOf(ws.map((w) => w * k)))).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});
