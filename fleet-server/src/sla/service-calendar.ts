// A site's service hours as an IntervalSet of UTC instants (docs/sla.md "Sites and kiosks": weekly local
// hours, "24:00" = next midnight, closures, IANA zones). Local time is resolved by luxon, never by hand.
import { DateTime } from 'luxon';
import { WEEKDAYS, type Site } from '@guichet/shared/sites/sites-file';
import { union, type Interval, type IntervalSet } from './interval-set';

const DAY_MS = 86_400_000;

function localInstant(date: DateTime, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  // "24:00" is the next local midnight; luxon moves a time inside a spring-forward gap forward and picks the
  // earlier offset of an ambiguous fall-back time (documented in docs/sla-engine.md).
  const day = h === 24 ? date.plus({ days: 1 }) : date;
  return day.set({ hour: h === 24 ? 0 : h, minute: m, second: 0, millisecond: 0 }).toMillis();
}

/** The site's service hours intersecting [fromMs, toMs), as whole opening intervals (not clipped). */
export function serviceHours(site: Site, fromMs: number, toMs: number): IntervalSet {
  if (!(toMs > fromMs) || !Number.isFinite(fromMs) || !Number.isFinite(toMs)) return [];
  const closures = new Set(site.closures ?? []);
  // Start a day early: an opening that began the local day before may still run at fromMs.
  let day = DateTime.fromMillis(fromMs - DAY_MS, { zone: site.timezone }).startOf('day');
  const out: Interval[] = [];
  while (day.toMillis() < toMs) {
    const iso = day.toISODate();
    if (iso !== null && !closures.has(iso)) {
      const weekday = WEEKDAYS[day.weekday - 1]!;
      for (const [open, close] of site.hours[weekday] ?? []) {
        const s = localInstant(day, open);
        const e = localInstant(day, close);
        if (e > fromMs && s < toMs) out.push([s, e]);
      }
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return union(out);
}

/** Caches one calendar per site over a fixed range, so thousands of kiosks at one site share it. */
export class ServiceCalendars {
  private readonly cache = new Map<string, IntervalSet>();
  constructor(
    private readonly sites: ReadonlyMap<string, Site>,
    private readonly fromMs: number,
    private readonly toMs: number,
  ) {}

  forSite(siteId: string): IntervalSet {
    let hours = this.cache.get(siteId);
    if (!hours) {
      const site = this.sites.get(siteId);
      hours = site ? serviceHours(site, this.fromMs, this.toMs) : [];
      this.cache.set(siteId, hours);
    }
    return hours;
  }
}
