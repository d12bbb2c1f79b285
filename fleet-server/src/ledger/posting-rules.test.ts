import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MINISTRY_IDS, cents, splitByWeights } from '@guichet/shared';
import { isBalanced, postingsFor, reversalOf } from './posting-rules';

const guichetError = (code: string): unknown => expect.objectContaining({ name: 'GuichetError', code });

describe('postingsFor', () => {
  it('posts a $120.00 sticker with the $1.00 fee split 50/50', () => {
    expect(
      postingsFor({
        txId: 'T1',
        totalCents: cents(12100),
        ministryAmounts: [{ ministryId: 'transportation', cents: cents(12000) }],
        feeSplit: [
          { party: 'province', cents: cents(50) },
          { party: 'contractor', cents: cents(50) },
        ],
      }),
    ).toEqual([
      { account: 'card-clearing', debitCents: 12100, creditCents: 0 },
      { account: 'ministry-payable:transportation', debitCents: 0, creditCents: 12000 },
      { account: 'fee:province', debitCents: 0, creditCents: 50 },
      { account: 'fee:contractor', debitCents: 0, creditCents: 50 },
    ]);
  });

  it('posts nothing for a free service', () => {
    const free = postingsFor({
      txId: 'T2',
      totalCents: cents(0),
      ministryAmounts: [
        { ministryId: 'transportation', cents: cents(0) },
        { ministryId: 'health', cents: cents(0) },
      ],
      feeSplit: [],
    });
    expect(free).toEqual([]);
  });

  it('refuses parts that do not add up to the total, and negative amounts', () => {
    const base = { txId: 'T3', ministryAmounts: [{ ministryId: 'health' as const, cents: cents(100) }], feeSplit: [] };
    expect(() => postingsFor({ ...base, totalCents: cents(101) })).toThrow(guichetError('LEDGER_UNBALANCED'));
    expect(() =>
      postingsFor({ ...base, totalCents: cents(0), feeSplit: [{ party: 'province', cents: cents(-100) }] }),
    ).toThrow(guichetError('LEDGER_NEGATIVE_AMOUNT'));
  });

  it('property: every posting balances, credits add up to the total, and a reversal mirrors it to zero', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...MINISTRY_IDS), fc.integer({ min: 0, max: 5_000_000 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 0, max: 100_000 }),
        fc
          .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 4 })
          .filter((w) => w.some((x) => x > 0)),
        (amounts, feeCents, weights) => {
          const feeSplit = splitByWeights(
            cents(feeCents),
            weights.map((weight, i) => ({ party: `party-${i}`, weight })),
          );
          const ministryAmounts = amounts.map(([ministryId, c]) => ({ ministryId, cents: cents(c) }));
          const total = ministryAmounts.reduce((s, m) => s + m.cents, 0) + feeCents;
          const lines = postingsFor({ txId: 'T', totalCents: cents(total), ministryAmounts, feeSplit });
          expect(isBalanced(lines)).toBe(true);
          expect(lines.reduce((s, l) => s + l.creditCents, 0)).toBe(total);
          expect(lines.every((l) => (l.debitCents === 0) !== (l.creditCents === 0))).toBe(true);
          expect(new Set(lines.map((l) => l.account)).size).toBe(lines.length);
          const reversal = reversalOf(lines);
          expect(isBalanced(reversal)).toBe(true);
          const net = new Map<string, number>();
          for (const l of [...lines, ...reversal])
            net.set(l.account, (net.get(l.account) ?? 0) + l.debitCents - l.creditCents);
          expect([...net.values()].every((v) => v === 0)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
