// AAMVA dates to ISO: version 00/01 files write CCYYMMDD everywhere; from version 02 on, US issuers write
// MMDDCCYY and Canadian ones CCYYMMDD (annex D, "date" data type). Open-source parsers disagree about version 02
// Canadian cards, so a date that is no calendar date in the prescribed order but is one in the other order is
// read that way and reported as unverified.
import type { IssuerCountry } from './aamva-issuers';

export type DateOrder = 'CCYYMMDD' | 'MMDDCCYY';

export function prescribedDateOrder(aamvaVersion: number, country: IssuerCountry): DateOrder {
  if (aamvaVersion <= 1) return 'CCYYMMDD';
  return country === 'USA' ? 'MMDDCCYY' : 'CCYYMMDD';
}

/** ISO date of 8 digits in `order`, or undefined when they are not a calendar date. */
export function isoDateIn(digits: string, order: DateOrder): string | undefined {
  if (!/^\d{8}$/.test(digits)) return undefined;
  const [year, month, day] =
    order === 'CCYYMMDD'
      ? [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)]
      : [digits.slice(4, 8), digits.slice(0, 2), digits.slice(2, 4)];
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (y < 1800 || m < 1 || m > 12 || d < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return undefined;
  return `${year}-${month}-${day}`;
}

export interface ReadDate {
  iso: string;
  /** True when the date only made sense in the other order. */
  fallback: boolean;
}

export function readAamvaDate(digits: string, order: DateOrder): ReadDate | undefined {
  const prescribed = isoDateIn(digits, order);
  if (prescribed) return { iso: prescribed, fallback: false };
  const other = isoDateIn(digits, order === 'CCYYMMDD' ? 'MMDDCCYY' : 'CCYYMMDD');
  return other ? { iso: other, fallback: true } : undefined;
}
