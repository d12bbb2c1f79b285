// Locale formatting for the screen (Intl): amounts en-CA "$1,234.56" / fr-CA "1 234,56 $", ISO dates in long
// form, distances. Same normalisation as the receipts (shared/src/money/format-money.ts): plain spaces.
import { LOCALES, type Lang } from './i18n';

export function formatMoney(cents: number, lang: Lang): string {
  const whole = Math.trunc(Math.abs(cents) / 100);
  const fraction = String(Math.abs(cents) % 100).padStart(2, '0');
  const decimal = `${cents < 0 ? '-' : ''}${whole}.${fraction}`;
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'CAD' })
    .format(decimal as unknown as number)
    .replace(/[\u00a0\u202f]/g, ' ');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A display value: an ISO date becomes a long local date, anything else is shown as is. */
export function formatValue(value: string, lang: Lang): string {
  if (!ISO_DATE.test(value)) return value;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${value}T00:00:00Z`),
  );
}

export function formatKm(km: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(km);
}
