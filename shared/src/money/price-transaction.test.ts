import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cents } from './cents';
import { feeFor } from './fee-schedule';
import { FEE_SCHEDULES } from './fee-schedules';
import { priceTransaction } from './price-transaction';

describe('priceTransaction', () => {
  it('adds the $1.00 kiosk fee to a $120.00 sticker renewal and carries the split', () => {
    const fee = feeFor(
      { jurisdiction: 'ON', channel: 'kiosk', serviceId: 'vehicle-sticker-renewal', at: '2026-11-23T15:00:00Z' },
      FEE_SCHEDULES,
    );
    expect(priceTransaction({ servicePriceCents: cents(12000), fee })).toEqual({
      serviceCents: 12000,
      feeCents: 100,
      totalCents: 12100,
      feeSplit: [
        { party: 'province', cents: 50 },
        { party: 'contractor', cents: 50 },
      ],
    });
  });

  it('rejects a negative service price and a split that does not add up to the fee', () => {
    const fee = { feeCents: cents(100), split: [{ party: 'province', cents: cents(50) }] };
    expect(() => priceTransaction({ servicePriceCents: cents(-1), fee })).toThrow(
      expect.objectContaining({ name: 'GuichetError', code: 'MONEY_NEGATIVE_PRICE' }),
    );
    expect(() => priceTransaction({ servicePriceCents: cents(100), fee })).toThrow(
      expect.objectContaining({
        code: 'FEE_SPLIT_MISMATCH',
        message: 'the fee split adds up to 50 cents, not the fee of 100',
      }),
    );
  });

  it('property: total = service + fee, and the fee split always adds up to the fee', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 5 }),
        (price, feeCents, ws) => {
          const schedule = {
            jurisdiction: 'ON',
            timezone: 'America/Toronto',
            currency: 'CAD' as const,
            entries: [
              {
                channel: 'kiosk' as const,
                serviceId: '*',
                feeCents: cents(feeCents),
                split: ws.map((weight, i) => ({ party: `p${i}`, weight })),
                validFrom: '2025-01-01',
                validTo: null,
              },
            ],
          };
          const fee = feeFor({ jurisdiction: 'ON', channel: 'kiosk', serviceId: 's', at: '2026-01-01T12:00:00Z' }, [
            schedule,
          ]);
          const priced = priceTransaction({ servicePriceCents: cents(price), fee });
          expect(priced.totalCents).toBe(price + feeCents);
          expect(priced.feeSplit.reduce((sum, p) => sum + p.cents, 0)).toBe(feeCents);
        },
      ),
      { numRuns: 200 },
    );
  });
});
