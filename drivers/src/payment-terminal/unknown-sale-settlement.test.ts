// The unknown-sale settlement policy alone, over scripted query and reversal answers (no terminal, no link).
import { describe, expect, it } from 'vitest';
import type { ReversalResult, TransactionStatus } from './payment-results';
import { settleUnknownSale, type SettlementStep } from './unknown-sale-settlement';

function step(
  query: TransactionStatus['state'] | 'no-answer',
  reversal: ReversalResult['outcome'],
  windowLeftMs: number,
): SettlementStep & { reversals: number } {
  const s = {
    reference: 'R-1',
    windowLeftMs,
    retryMs: 5_000,
    reversals: 0,
    query: () => Promise.resolve(query),
    reverse: () => {
      s.reversals++;
      return Promise.resolve(reversal);
    },
  };
  return s;
}

describe('settleUnknownSale', () => {
  it('declined or already reversed settle at once, without a reversal', async () => {
    for (const [state, finding] of [
      ['declined', 'declined'],
      ['reversed', 'already-reversed'],
    ] as const) {
      const s = step(state, 'reversed', 60_000);
      expect(await settleUnknownSale(s)).toEqual({ outcome: 'not-charged', reference: 'R-1', finding });
      expect(s.reversals).toBe(0);
    }
  });

  it('an approval is reversed whatever the window; a refused reversal of an approval needs a person', async () => {
    expect(await settleUnknownSale(step('approved', 'reversed', 60_000))).toMatchObject({ finding: 'reversed' });
    expect(await settleUnknownSale(step('approved', 'refused', 0))).toMatchObject({
      outcome: 'retry-later',
      reason: 'reversal-refused',
    });
  });

  it('inside the window, busy, not-found or no answer settle nothing; retry no later than the window end', async () => {
    for (const state of ['busy', 'not-found', 'no-answer'] as const) {
      const s = step(state, 'reversed', 1_200);
      expect(await settleUnknownSale(s)).toEqual({
        outcome: 'retry-later',
        reference: 'R-1',
        reason: state,
        retryAfterMs: 1_200,
      });
      expect(s.reversals).toBe(0);
    }
  });

  it('past the window, nothing conclusive is reversed anyway and a reversal that finds nothing is final', async () => {
    const s = step('not-found', 'not-found', 0);
    expect(await settleUnknownSale(s)).toEqual({
      outcome: 'not-charged',
      reference: 'R-1',
      finding: 'not-found-after-window',
    });
    expect(s.reversals).toBe(1);
    expect(await settleUnknownSale(step('busy', 'unknown', -1))).toEqual({
      outcome: 'retry-later',
      reference: 'R-1',
      reason: 'reversal-unknown',
      retryAfterMs: 5_000,
    });
    expect(await settleUnknownSale(step('no-answer', 'refused', 0))).toMatchObject({ finding: 'declined' });
  });
});
