// Amounts in reconciliation lines: dollars and cents built from integers, negatives included.
import { describe, expect, it } from 'vitest';
import { cents } from '@guichet/shared';
import { dollars, formatDiscrepancy } from './format-report';

describe('format-report', () => {
  it('formats cents as dollars exactly', () => {
    expect([0, 5, 100, 13000, 123456789, -250].map(dollars)).toEqual([
      '$0.00',
      '$0.05',
      '$1.00',
      '$130.00',
      '$1234567.89',
      '-$2.50',
    ]);
    expect(() => dollars(1.5)).toThrow(/integer number of cents/);
  });

  it('writes the delivery findings with the ministry concerned', () => {
    const base = { txId: '01JDX000000000000002', kioskId: 'K-TORONTO-03' } as const;
    expect(
      formatDiscrepancy({
        ...base,
        kind: 'delivery-missing',
        reason: 'delivered-not-on-file',
        ministryId: 'transportation',
      }),
    ).toBe(
      'delivery-missing 01JDX000000000000002 kiosk=K-TORONTO-03 reason=delivered-not-on-file ministry=transportation',
    );
    expect(
      formatDiscrepancy({ ...base, kind: 'delivery-refused', reason: 'ministry-refused', ministryId: 'health' }),
    ).toBe('delivery-refused 01JDX000000000000002 kiosk=K-TORONTO-03 reason=ministry-refused ministry=health');
  });

  it('writes kind, txId, kiosk, reason, then what disagrees', () => {
    expect(
      formatDiscrepancy({
        kind: 'unbalanced-postings',
        reason: 'debits-not-credits',
        txId: '01JDX000000000000001',
        kioskId: null,
        state: 'reversal',
        debitCents: cents(100),
        creditCents: cents(99),
      }),
    ).toBe(
      'unbalanced-postings 01JDX000000000000001 kiosk=- reason=debits-not-credits state=reversal debits=$1.00 credits=$0.99',
    );
  });
});
