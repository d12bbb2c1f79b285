// A site's service hours as an IntervalSet of UTC instants (docs/sla.md "Sites and kiosks": weekly local
// hours, "24:00" = next midnight, closures, IANA zones). Local time is resolved by luxon, never by hand.
import { DateTime } from 'luxon';
import { WEEKDAYS, type Site } from '@guichet/shared/sites/sites-file';
import { union, type IntervalSet } from './interval-set';

const DAY_MS = 86_400_000;

function localInstant(date: DateTime, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  // "24:00" is the next local midnight; luxon moves a time inside a spring-forward gap forward and picks the
  // earlier offset of an ambiguous fall-back time (documented in docs/sla-engine.md).
  const day = h === 24 ? date.plus({ days: 1 }) : date;
  return day.set({ hour: h === 24 ? 0 : h, minute: m, second: 0, millisecond: 0 }).toMillis();
}

/** One opening of a weekly timetable on a local date, in UTC milliseconds. */
interface Opening {
  date: string;
  start: number;
  end: number;
}

/** Openings of a weekly timetable in a zone, for every local day that can meet [fromMs, toMs). */
function weeklyOpenings(timezone: string, hours: Site['hours'], fromMs: number, toMs: number): Opening[] {
  // Start a day early: an opening that began the local day before may still run at fromMs.
  let day = DateTime.fromMillis(fromMs - DAY_MS, { zone: timezone }).startOf('day');
  const out: Opening[] = [];
  while (day.toMillis() < toMs) {
    const date = day.toISODate()!;
    for (const [open, close] of hours[WEEKDAYS[day.weekday - 1]!] ?? []) {
      const start = localInstant(day, open);
      const end = localInstant(day, close);
      if (end > fromMs && start < toMs) out.push({ date, start, end });
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return out;
}

function withoutClosures(openings: readonly Opening[], closures: readonly string[] | undefined): IntervalSet {
  const closed = new Set(closures ?? []);
  return union(openings.filter((o) => !closed.has(o.date)).map((o) => [o.start, o.end] as const));
}

/** The site's service hours meeting [fromMs, toMs), as whole opening intervals (not clipped). */
export function serviceHours(site: Site, fromMs: number, toMs: number): IntervalSet {
  if (!(toMs > fromMs) || !Number.isFinite(fromMs) || !Number.isFinite(toMs)) return [];
  return withoutClosures(weeklyOpenings(site.timezone, site.hours, fromMs, toMs), site.closures);
}

/**
 * One calendar per site over a fixed range. Sites sharing a zone and a timetable share the local-time work
 * (luxon's zone lookups dominate the engine's time otherwise); closures are applied per site.
 */
export class ServiceCalendars {
  private readonly bySite = new Map<string, IntervalSet>();
  private readonly byTimetable = new Map<string, Opening[]>();
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
      openings = weeklyOpenings(site.timezone, site.hours, this.fromMs, this.toMs);
      this.byTimetable.set(key, openings);
    }
    return openings;
  }
}
