// A site's service hours as an IntervalSet of UTC instants (docs/sla.md "Sites and kiosks": weekly local
// hours, "24:00" = next midnight, closures, IANA zones). Local time is resolved by luxon, never by hand.
import { DateTime } from 'luxon';
import { WEEKDAYS, type Site } from '@guichet/shared/sites/sites-file';
import { union, type IntervalSet } from './interval-set';

const DAY_MS = 86_400_000;

function luxonInstant(date: DateTime, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  // "24:00" is the next local midnight; luxon moves a time inside a spring-forward gap forward and picks the
  // earlier offset of an ambiguous fall-back time (documented in docs/sla-engine.md).
  const day = h === 24 ? date.plus({ days: 1 }) : date;
  return day.set({ hour: h === 24 ? 0 : h, minute: m, second: 0, millisecond: 0 }).toMillis();
}

/**
 * The instant of local time hhmm on a local day. On a day whose two midnights (found by luxon) have the same
 * UTC offset no clock change happens, so the local time is that many minutes after midnight; on the days of a
 * change luxon resolves it.
 */
function localInstant(day: LocalDay, hhmm: string): number {
  if (day.uniform) {
    if (hhmm === '24:00') return day.endMs;
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return day.startMs + (h * 60 + m) * 60_000;
  }
  return luxonInstant(day.start, hhmm);
}

/** One opening of a weekly timetable on a local date, in UTC milliseconds. */
interface Opening {
  date: string;
  start: number;
  end: number;
}

interface LocalDay {
  date: string;
  weekday: (typeof WEEKDAYS)[number];
  start: DateTime;
  startMs: number;
  endMs: number;
  /** Same UTC offset at both midnights: no clock change within the day. */
  uniform: boolean;
}

/** The local days of a zone that can meet [fromMs, toMs), a day early: an opening may run past midnight. */
function localDays(timezone: string, fromMs: number, toMs: number): LocalDay[] {
  let day = DateTime.fromMillis(fromMs - DAY_MS, { zone: timezone }).startOf('day');
  const days: LocalDay[] = [];
  while (day.toMillis() < toMs) {
    const next = day.plus({ days: 1 }).startOf('day');
    days.push({
      date: day.toISODate()!,
      weekday: WEEKDAYS[day.weekday - 1]!,
      start: day,
      startMs: day.toMillis(),
      endMs: next.toMillis(),
      uniform: day.offset === next.offset,
    });
    day = next;
  }
  return days;
}

/** Openings of a weekly timetable on the given local days of one zone, in UTC milliseconds. */
function weeklyOpenings(
  timezone: string,
  hours: Site['hours'],
  days: readonly LocalDay[],
  fromMs: number,
  toMs: number,
  instants = new Map<string, number>(),
): Opening[] {
  const out: Opening[] = [];
  for (const day of days) {
    const { date, weekday } = day;
    for (const [open, close] of hours[weekday] ?? []) {
      // On clock-change days luxon is asked once per zone, date and time, however many timetables share them.
      const start = day.uniform
        ? localInstant(day, open)
        : cached(instants, `${timezone}|${date}|${open}`, () => localInstant(day, open));
      const end = day.uniform
        ? localInstant(day, close)
        : cached(instants, `${timezone}|${date}|${close}`, () => localInstant(day, close));
      if (end > fromMs && start < toMs) out.push({ date, start, end });
    }
  }
  return out;
}

function cached(instants: Map<string, number>, key: string, compute: () => number): number {
  let value = instants.get(key);
  if (value === undefined) {
    value = compute();
    instants.set(key, value);
  }
  return value;
}

function withoutClosures(openings: readonly Opening[], closures: readonly string[] | undefined): IntervalSet {
  const closed = new Set(closures ?? []);
  return union(openings.filter((o) => !closed.has(o.date)).map((o) => [o.start, o.end] as const));
}

/** The site's service hours meeting [fromMs, toMs), as whole opening intervals (not clipped). */
export function serviceHours(site: Site, fromMs: number, toMs: number): IntervalSet {
  if (!(toMs > fromMs) || !Number.isFinite(fromMs) || !Number.isFinite(toMs)) return [];
  return withoutClosures(
    weeklyOpenings(site.timezone, site.hours, localDays(site.timezone, fromMs, toMs), fromMs, toMs),
    site.closures,
  );
}

/**
 * One calendar per site over a fixed range. Sites sharing a zone and a timetable share the local-time work
 * (luxon's zone lookups dominate the engine's time otherwise); closures are applied per site.
 */
export class ServiceCalendars {
  private readonly bySite = new Map<string, IntervalSet>();
  private readonly byTimetable = new Map<string, Opening[]>();
  private readonly instants = new Map<string, number>();
  private readonly daysByZone = new Map<string, LocalDay[]>();
  constructor(
    private readonly sites: ReadonlyMap<string, Site>,
    private readonly fromMs: number,
    private readonly toMs: number,
  ) {}

  forSite(siteId: string): IntervalSet {
    let hours = this.bySite.get(siteId);
    if (!hours) {
      const site = this.sites.get(siteId);
      hours = site && this.toMs > this.fromMs ? withoutClosures(this.openings(site), site.closures) : [];
      this.bySite.set(siteId, hours);
    }
    return hours;
  }

  private openings(site: Site): Opening[] {
    const key = `${site.timezone}|${JSON.stringify(site.hours)}`;
    let openings = this.byTimetable.get(key);
    if (!openings) {
      let days = this.daysByZone.get(site.timezone);
      if (!days) {
        days = localDays(site.timezone, this.fromMs, this.toMs);
        this.daysByZone.set(site.timezone, days);
      }
      openings = weeklyOpenings(site.timezone, site.hours, days, this.fromMs, this.toMs, this.instants);
      this.byTimetable.set(key, openings);
    }
    return openings;
  }
}
