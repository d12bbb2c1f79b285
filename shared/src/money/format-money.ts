// Display of amounts for the bilingual kiosk: en-CA "$1,234.56", fr-CA "1 234,56 $", through Intl.NumberFormat.
//
// Normalisation: ICU versions differ in the spaces they put in French amounts (U+00A0 no-break space in some,
// U+202F narrow no-break space in others) and in the minus sign (U+2212 in some locales). Both are replaced by
// plain ASCII (space, hyphen-minus) so receipts (printer code pages have no U+202F), screens and tests get the
// same string on every Node build. Screens keep an amount on one line with CSS (`white-space: nowrap`).
import type { Cents } from './cents';
import { cents } from './cents';
import type { DisplayLocale } from '../i18n/bilingual';

export type Currency = 'CAD' | 'USD';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: DisplayLocale, currency: Currency): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    formatters.set(key, found);
  }
  return found;
}

/** The exact decimal string of an amount of cents ("-1234.05"), built from integers so no float ever rounds it. */
export function centsToDecimalString(amount: Cents): `${number}` {
  const value = cents(amount);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${fraction}` as `${number}`;
}

/** Formats an amount for display: `formatCents(123456, 'fr-CA')` → "1 234,56 $". */
export function formatCents(amount: Cents, locale: DisplayLocale, currency: Currency = 'CAD'): string {
  // Intl formats a decimal string exactly (ECMA-402 NumberFormat v3), so no division by 100 in floating point.
  return formatter(locale, currency)
    .format(centsToDecimalString(amount))
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\u2212/g, '-');
}
