// Effective dating of fee schedules and price lists: half-open periods [validFrom, validTo) of local dates
// (YYYY-MM-DD in the jurisdiction's time zone), validTo null for "until further notice".
import { z } from 'zod';

export const EffectiveDate = z.iso.date();

export const EffectivePeriod = z.object({ validFrom: EffectiveDate, validTo: EffectiveDate.nullable().default(null) });
export type EffectivePeriod = z.infer<typeof EffectivePeriod>;

export function isValidPeriod(period: EffectivePeriod): boolean {
  return period.validTo === null || period.validFrom < period.validTo;
}

/** ISO dates compare as strings. */
export function periodContains(period: EffectivePeriod, date: string): boolean {
  return period.validFrom <= date && (period.validTo === null || date < period.validTo);
}

export function periodsOverlap(a: EffectivePeriod, b: EffectivePeriod): boolean {
  return (a.validTo === null || b.validFrom < a.validTo) && (b.validTo === null || a.validFrom < b.validTo);
}

/** The local calendar date (YYYY-MM-DD) of an instant in an IANA time zone; en-CA formats dates as ISO. */
export function localDateAt(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Adds a zod issue for every pair of items with the same key whose periods overlap.
 * Used by the fee schedule and the price list: one key must never have two prices at one date.
 */
export function checkNoOverlaps<T extends EffectivePeriod>(
  items: readonly T[],
  keyOf: (item: T) => string,
  ctx: z.RefinementCtx,
  pathPrefix: PropertyKey[],
): void {
  items.forEach((item, i) => {
    if (!isValidPeriod(item))
      ctx.addIssue({ code: 'custom', path: [...pathPrefix, i, 'validTo'], message: 'validTo must be after validFrom' });
    for (let j = 0; j < i; j++) {
      const other = items[j] as T;
      if (keyOf(other) === keyOf(item) && periodsOverlap(other, item)) {
        ctx.addIssue({
          code: 'custom',
          path: [...pathPrefix, i, 'validFrom'],
          message: `overlapping effective periods for ${keyOf(item)}: entries ${j} and ${i}`,
        });
      }
    }
  });
}
