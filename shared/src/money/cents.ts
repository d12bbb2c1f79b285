// Money as a branded integer number of cents (docs/domain.md "Money": all amounts are integer cents; docs/conventions.md:
// there is no float money anywhere). Negative amounts are allowed (refunds, reversals, differences).
import { z } from 'zod';
import { GuichetError } from '../errors/guichet-error';

/** An amount in integer cents; `z.int()` also rejects NaN, ±Infinity and integers beyond ±(2^53 − 1). */
export const CentsSchema = z.int().brand<'Cents'>();
export type Cents = z.infer<typeof CentsSchema>;

/** A non-negative amount in cents (a price, a fee). */
export const NonNegativeCentsSchema = z.int().nonnegative().brand<'Cents'>();

export const ZERO_CENTS = 0 as Cents;

/** Makes a `Cents` from a number of cents, or throws MONEY_NOT_INTEGER_CENTS for NaN, fractions and unsafe integers. */
export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) {
    throw new GuichetError(
      'MONEY_NOT_INTEGER_CENTS',
      `an amount must be a safe integer number of cents, got ${String(value)}`,
      {
        details: { value: String(value) },
      },
    );
  }
  return value as Cents;
}

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** a + b, checked: a sum beyond the safe integer range throws rather than silently losing cents. */
export function addCents(a: Cents, b: Cents): Cents {
  return cents(a + b);
}

export function subtractCents(a: Cents, b: Cents): Cents {
  return cents(a - b);
}

export function sumCents(amounts: Iterable<Cents>): Cents {
  let total = ZERO_CENTS;
  for (const amount of amounts) total = addCents(total, amount);
  return total;
}
