// Small readers for the field shapes magnetic layouts use: separator-terminated variable fields, fixed widths,
// YYMM / CCYYMMDD dates. Pure; errors are typed and never quote the card's characters.
import { GuichetError } from '@guichet/shared';

export function layoutError(what: string): GuichetError {
  return new GuichetError('CARD_LAYOUT_MISMATCH', `the track does not follow the expected layout: ${what}`);
}

/** Reads a field of at most `max` characters ending at `separator` (absent when the field is full width). */
export function readVariable(
  text: string,
  at: number,
  max: number,
  separator: string,
): { value: string; next: number } {
  const end = text.indexOf(separator, at);
  if (end >= 0 && end - at <= max) return { value: text.slice(at, end), next: end + 1 };
  if (text.length - at >= max) return { value: text.slice(at, at + max), next: at + max };
  if (end < 0) return { value: text.slice(at), next: text.length };
  throw layoutError(`a field is longer than ${max} characters`);
}

export function isoDate(ccyymmdd: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(ccyymmdd);
  if (!match) throw layoutError('a date is not CCYYMMDD');
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d))
    throw layoutError('a date does not exist');
  return `${y}-${m}-${d}`;
}

/** YYMM → last day of that month, CCYY-MM-DD (cards of this century). */
export function endOfMonth(yymm: string): string {
  const match = /^(\d{2})(\d{2})$/.exec(yymm);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw layoutError('an expiry is not YYMM');
  const year = 2000 + Number(match[1]);
  const last = new Date(Date.UTC(year, Number(match[2]), 0)).getUTCDate();
  return `${year}-${match[2]}-${String(last).padStart(2, '0')}`;
}

/** "M5V3L9" or "M5V 3L9" → "M5V 3L9" (Canada Post format); other shapes pass through trimmed. */
export function postalCode(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z]\d[A-Z]\d[A-Z]\d$/.test(compact) ? `${compact.slice(0, 3)} ${compact.slice(3)}` : raw.trim();
}
