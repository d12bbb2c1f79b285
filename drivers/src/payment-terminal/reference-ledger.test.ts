// The reference ledger alone: one reference is one sale of one amount, and memory is bounded.
import { isGuichetError } from '@guichet/shared';
import { describe, expect, it } from 'vitest';
import { ReferenceLedger } from './reference-ledger';

describe('ReferenceLedger', () => {
  it('a new reference is a sale to send; a finished one is answered again, not sent twice', () => {
    const ledger = new ReferenceLedger();
    expect(ledger.saleToRepeat('R-1', 500)).toBeUndefined();
    ledger.remember('R-1', { amountCents: 500, saleSentAtMs: 1 });
    expect(ledger.saleToRepeat('R-1', 500)).toBeUndefined(); // sent, no final result yet: may be sent again
    const result = { outcome: 'approved', reference: 'R-1', amountCents: 500 } as const;
    ledger.remember('R-1', { result });
    expect(ledger.saleToRepeat('R-1', 500)).toBe(result);
    expect(ledger.get('R-1')).toMatchObject({ amountCents: 500, saleSentAtMs: 1, result });
  });

  it('refuses another amount, or any sale after a reversal was asked, with PAYMENT_REFERENCE_REUSED', () => {
    const ledger = new ReferenceLedger();
    ledger.remember('R-1', { amountCents: 500 });
    expect(() => ledger.saleToRepeat('R-1', 600)).toThrow(
      expect.objectContaining({ code: 'PAYMENT_REFERENCE_REUSED' }) as Error,
    );
    ledger.remember('R-2', { reversalRequested: true });
    let thrown: unknown;
    try {
      ledger.saleToRepeat('R-2', 500);
    } catch (error) {
      thrown = error;
    }
    expect(isGuichetError(thrown, 'PAYMENT_REFERENCE_REUSED')).toBe(true);
  });

  it('forgets the oldest reference past its capacity', () => {
    const ledger = new ReferenceLedger(2);
    ledger.remember('A', { amountCents: 1 });
    ledger.remember('B', { amountCents: 2 });
    ledger.remember('C', { amountCents: 3 });
    expect([ledger.get('A'), ledger.get('B')?.amountCents, ledger.get('C')?.amountCents]).toEqual([undefined, 2, 3]);
  });
});
