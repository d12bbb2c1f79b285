// The amounts of one transaction: the ministry's service price plus the convenience fee, with the fee's split
// (docs/domain.md "Services": service price + $1.00).
import type { Cents } from './cents';
import { addCents, cents } from './cents';
import type { SplitPart } from './fee-split';
import { GuichetError } from '../errors/guichet-error';

export interface TransactionPrice {
  serviceCents: Cents;
  feeCents: Cents;
  totalCents: Cents;
  feeSplit: SplitPart[];
}

export function priceTransaction(input: {
  servicePriceCents: Cents;
  fee: { feeCents: Cents; split: readonly SplitPart[] };
}): TransactionPrice {
  const serviceCents = cents(input.servicePriceCents);
  if (serviceCents < 0)
    throw new GuichetError('MONEY_NEGATIVE_PRICE', `a service price cannot be negative (${serviceCents} cents)`);
  const feeSplit = input.fee.split.map((part) => ({ ...part }));
  const splitTotal = feeSplit.reduce((sum, part) => sum + part.cents, 0);
  if (splitTotal !== input.fee.feeCents) {
    throw new GuichetError(
      'FEE_SPLIT_MISMATCH',
      `the fee split adds up to ${splitTotal} cents, not the fee of ${input.fee.feeCents}`,
    );
  }
  return {
    serviceCents,
    feeCents: input.fee.feeCents,
    totalCents: addCents(serviceCents, input.fee.feeCents),
    feeSplit,
  };
}
