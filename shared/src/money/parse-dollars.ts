// Parsing of decimal dollar strings from configuration ("12.50", "120", "-0.5") into integer cents by string
// arithmetic, never through a float (docs/domain.md "Money").
import { z } from 'zod';
import { GuichetError } from '../errors/guichet-error';
import type { Cents } from './cents';
import { cents } from './cents';

const DECIMAL_DOLLARS = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** "12.50" → 1250 cents. At most two decimals; no thousands separators, exponents, currency signs or spaces. */
export function parseDollars(text: string): Cents {
  const match = DECIMAL_DOLLARS.exec(text);
  if (!match) {
    throw new GuichetError(
      'MONEY_BAD_DECIMAL',
      `expected a dollar amount like "12.50" (at most two decimals), got ${JSON.stringify(text)}`,
      {
        details: { text },
      },
    );
  }
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
  if (digits > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new GuichetError('MONEY_NOT_INTEGER_CENTS', `the amount ${text} is too large to count in cents exactly`, {
      details: { text },
    });
  }
  const value = Number(digits);
  return cents(sign === '-' && value !== 0 ? -value : value);
}

/** A dollar string in a configuration file, parsed to cents. */
export const DollarsSchema = z.string().transform((text, ctx): Cents => {
  try {
    return parseDollars(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
