// Pure pricing of a quote: the service amount from the price list (with the variant the ministry's records
// decide, e.g. a northern-Ontario sticker) or from the ministry (a ticket's amount due), or nothing for a free
// service; plus the convenience fee of the effective fee schedule, split exactly. Also the quote's lines for
// the screen and receipt: the ministries' non-personal lines, then the amounts.
import type {
  Cents,
  FeeSchedule,
  MinistryId,
  PriceList,
  ServiceId,
  SplitPart,
  TransactionPrice,
} from '@guichet/shared';
import { ZERO_CENTS, feeFor, formatCents, priceFor, priceTransaction, serviceById } from '@guichet/shared';
import { TxRefusal } from './tx-refusal';

export interface DisplayLine {
  label: string;
  value: string;
}

export interface MinistryValidation {
  ministryId: MinistryId;
  amountDueCents?: Cents;
  priceVariant?: string;
  lines: DisplayLine[];
}

export interface PricingInput {
  serviceId: ServiceId;
  /** The valid answers of the recipient ministries, in delivery order. */
  validations: readonly MinistryValidation[];
  priceList: PriceList;
  feeSchedules: readonly FeeSchedule[];
  jurisdiction: string;
  at: Date;
  lang: 'en' | 'fr';
}

export interface PricedQuote extends TransactionPrice {
  /** Where the service amount goes: the ministry that sets it (the first recipient of a fan-out), others 0. */
  ministryAmounts: { ministryId: MinistryId; cents: Cents }[];
  lines: DisplayLine[];
}

export const MAX_LINES = 12;

export function priceQuote(input: PricingInput): PricedQuote {
  const service = serviceById(input.serviceId);
  const first = input.validations[0];
  let servicePriceCents: Cents = ZERO_CENTS;
  if (service.priceSource === 'price-list') {
    const variant = input.validations.find((v) => v.priceVariant !== undefined)?.priceVariant;
    servicePriceCents = priceFor(input.priceList, {
      serviceId: service.id,
      ...(variant === undefined ? {} : { variant }),
      at: input.at,
    });
  } else if (service.priceSource === 'amount-due') {
    const due = first?.amountDueCents;
    if (due === undefined || due < 0)
      throw new TxRefusal(
        'MINISTRY_UNAVAILABLE',
        `the ${first?.ministryId ?? 'issuing'} system did not say what is due`,
        true,
      );
    servicePriceCents = due;
  }
  const fee = service.feeApplies
    ? feeFor(
        { jurisdiction: input.jurisdiction, channel: 'kiosk', serviceId: service.id, at: input.at },
        input.feeSchedules,
      )
    : { feeCents: ZERO_CENTS, split: [] as SplitPart[] };
  const price = priceTransaction({ servicePriceCents, fee });
  const ministryAmounts = input.validations.map((v, i) => ({
    ministryId: v.ministryId,
    cents: i === 0 ? price.serviceCents : ZERO_CENTS,
  }));
  const locale = input.lang === 'fr' ? 'fr-CA' : 'en-CA';
  const amountLines: DisplayLine[] = [
    { label: 'tx.service-amount', value: formatCents(price.serviceCents, locale) },
    { label: 'tx.fee', value: formatCents(price.feeCents, locale) },
    { label: 'tx.total', value: formatCents(price.totalCents, locale) },
  ];
  const ministryLines = input.validations.flatMap((v) => v.lines).slice(0, MAX_LINES - amountLines.length);
  return { ...price, ministryAmounts, lines: [...ministryLines, ...amountLines] };
}
