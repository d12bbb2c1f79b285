// Service prices as configuration (docs/domain.md "Services": prices are the ministries' to set, never in
// code): an effective-dated list of service → dollar price, optionally per variant (e.g. southern/northern
// Ontario sticker fees), parsed to integer cents at the boundary.
import { z } from 'zod';
import { GuichetError } from '../errors/guichet-error';
import { TimeZone } from '../sites/sites-file';
import type { Cents } from '../money/cents';
import { EffectivePeriod, checkNoOverlaps, localDateAt, periodContains } from '../money/effective-period';
import { DollarsSchema } from '../money/parse-dollars';
import { parseTable } from '../money/parse-table';
import { ServiceId } from './services';

export const PriceEntry = EffectivePeriod.extend({
  serviceId: ServiceId,
  /** A pricing variant of the service (`southern-ontario`, `northern-ontario`, …); absent when there is one price. */
  variant: z
    .string()
    .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/)
    .optional(),
  /** The ministry's price in dollars, "120.00", parsed to cents without floats. */
  price: DollarsSchema.refine((c) => c >= 0, 'a price cannot be negative'),
});
export type PriceEntry = z.infer<typeof PriceEntry>;

export const PriceList = z
  .object({
    description: z.string().optional(),
    currency: z.literal('CAD'),
    /** Effective dates are local dates in this zone. */
    timezone: TimeZone,
    prices: z.array(PriceEntry),
  })
  .superRefine((list, ctx) =>
    checkNoOverlaps(list.prices, (p) => `${p.serviceId}${p.variant ? `/${p.variant}` : ''}`, ctx, ['prices']),
  );
export type PriceList = z.infer<typeof PriceList>;

/** Parses a price list (from a configuration file), or throws PRICE_LIST_INVALID naming every problem. */
export function parsePriceList(data: unknown): PriceList {
  return parseTable(PriceList, data, 'PRICE_LIST_INVALID', 'price list');
}

/** The service's price at an instant (its local date in the list's zone), or PRICE_NOT_FOUND. */
export function priceFor(list: PriceList, query: { serviceId: string; variant?: string; at: Date }): Cents {
  const date = localDateAt(query.at, list.timezone);
  const entry = list.prices.find(
    (p) => p.serviceId === query.serviceId && p.variant === query.variant && periodContains(p, date),
  );
  if (!entry) {
    const what = query.variant ? `${query.serviceId} (${query.variant})` : query.serviceId;
    throw new GuichetError('PRICE_NOT_FOUND', `no price for ${what} on ${date}`, {
      details: { serviceId: query.serviceId, variant: query.variant, date },
    });
  }
  return entry.price;
}
