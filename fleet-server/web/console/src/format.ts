// Locale formatting (Intl): dates and times in Ontario's time zone, percentages ("97.0%" / "97,0 %"), repair
// clocks as h/min (time left floored, time over rounded up). Narrow no-break spaces become plain spaces, as elsewhere in Guichet.
import type { TFunction } from 'i18next';
import { LOCALES, type Lang } from './i18n';

const ZONE = 'America/Toronto';
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

// Intl formatters are costly to build (a queue of 700 incidents would build 700): one per language and kind.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(lang: Lang, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `d:${lang}:${key}`;
  let f = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(id, (f = new Intl.DateTimeFormat(LOCALES[lang], options)));
  return f;
}
function numberFormat(lang: Lang, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `n:${lang}:${key}`;
  let f = cache.get(id) as Intl.NumberFormat | undefined;
  if (!f) cache.set(id, (f = new Intl.NumberFormat(LOCALES[lang], options)));
  return f;
}

export function formatDateTime(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return plain(dateFormat(lang, 'dateTime', { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE }).format(d));
}

export function formatDay(isoDay: string, lang: Lang): string {
  const d = new Date(`${isoDay}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDay;
  return plain(dateFormat(lang, 'day', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d));
}

export function formatPercent(fraction: number | null, lang: Lang, digits = 1): string {
  if (fraction === null) return '—';
  return plain(
    numberFormat(lang, `percent${digits}`, {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(fraction),
  );
}

export function formatNumber(n: number, lang: Lang): string {
  return plain(numberFormat(lang, 'integer', {}).format(n));
}

/**
 * "1 h 05 min" / "12 min" from seconds (the sign is the caller's). Time left is never overstated: it is floored to
 * the minute, and under a minute reads "less than 1 min"; time over a limit (`over`) is rounded up, so a breach is
 * never understated either.
 */
export function formatDuration(seconds: number, t: TFunction, kind: 'left' | 'over' = 'left'): string {
  const abs = Math.abs(seconds);
  const minutes = kind === 'over' ? Math.ceil(abs / 60) : Math.floor(abs / 60);
  if (minutes === 0) return kind === 'over' ? t('time.minutes', { m: 0 }) : t('time.underAMinute');
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? t('time.hoursMinutes', { h, m: String(m).padStart(2, '0') }) : t('time.minutes', { m });
}

/** "M:SS" for the last minutes, when a countdown by the second matters. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
