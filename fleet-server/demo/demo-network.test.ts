// The demo network (fleet-server/demo/sites.json, docs/sla.md format): 70 kiosks at Ontario sites, valid
// zones, and holiday closures that match Ontario's statutory holidays for 2026–2027 computed from their rules.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SitesFile, isValidTimeZone } from '@guichet/shared';

const here = import.meta.dirname;
const sitesFile = SitesFile.parse(JSON.parse(fs.readFileSync(path.join(here, 'sites.json'), 'utf8')));

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
/** The n-th given weekday (0 = Sunday) of a month. */
function nthWeekday(y: number, m: number, weekday: number, n: number): string {
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  return iso(y, m, 1 + ((weekday - first + 7) % 7) + 7 * (n - 1));
}
/** Easter Sunday, anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easter(y: number): Date {
  const a = y % 19,
    b = Math.floor(y / 100),
    c = y % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3),
    h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4),
    k = c % 4,
    l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return new Date(Date.UTC(y, month - 1, ((h + l - 7 * m + 114) % 31) + 1));
}
const shift = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
/** Victoria Day: the Monday before May 25. */
const victoriaDay = (y: number) =>
  shift(new Date(Date.UTC(y, 4, 24)), -((new Date(Date.UTC(y, 4, 24)).getUTCDay() + 6) % 7));

function ontarioStatutoryHolidays(y: number): Record<string, string> {
  return {
    newYear: iso(y, 1, 1),
    familyDay: nthWeekday(y, 2, 1, 3),
    goodFriday: shift(easter(y), -2),
    victoriaDay: victoriaDay(y),
    canadaDay: iso(y, 7, 1),
    labourDay: nthWeekday(y, 9, 1, 1),
    thanksgiving: nthWeekday(y, 10, 1, 2),
    christmas: iso(y, 12, 25),
    boxingDay: iso(y, 12, 26),
  };
}
const holidays = [2026, 2027].flatMap((y) => Object.values(ontarioStatutoryHolidays(y)));
const easterSundays = [2026, 2027].map((y) => shift(easter(y), 0));

describe('demo network sites.json', () => {
  it('has 70 kiosks K-001 … K-070, each at a known site, at most two per site, commissioned in 2025/2026', () => {
    const ids = sitesFile.kiosks.map((k) => k.id);
    expect(ids).toEqual(Array.from({ length: 70 }, (_, i) => `K-${String(i + 1).padStart(3, '0')}`));
    const perSite = new Map<string, number>();
    for (const kiosk of sitesFile.kiosks) perSite.set(kiosk.siteId, (perSite.get(kiosk.siteId) ?? 0) + 1);
    expect(perSite.size).toBe(sitesFile.sites.length);
    expect(Math.max(...perSite.values())).toBe(2);
    expect([...perSite.values()].filter((n) => n === 2).length).toBeGreaterThanOrEqual(5);
    for (const kiosk of sitesFile.kiosks) expect(kiosk.commissionedAt).toMatch(/^202[56]-/);
  });

  it('uses valid IANA zones: Eastern for the province, Central (America/Winnipeg) for Kenora', () => {
    for (const site of sitesFile.sites) {
      expect(isValidTimeZone(site.timezone), site.id).toBe(true);
      expect(site.timezone, site.id).toBe(site.city === 'Kenora' ? 'America/Winnipeg' : 'America/Toronto');
    }
    expect(sitesFile.sites.some((s) => s.city === 'Kenora')).toBe(true);
  });

  it('spreads sites across the province and across the five kinds of site', () => {
    const cities = new Set(sitesFile.sites.map((s) => s.city));
    for (const city of [
      'Toronto',
      'Ottawa',
      'Mississauga',
      'Hamilton',
      'London',
      'Kitchener',
      'Windsor',
      'Sudbury',
      'Thunder Bay',
      'Kingston',
      'Barrie',
      'Sault Ste. Marie',
      'North Bay',
      'Timmins',
      'Kenora',
      'Peterborough',
    ]) {
      expect(cities.has(city), city).toBe(true);
    }
    expect(new Set(sitesFile.sites.map((s) => s.kind))).toEqual(
      new Set(['mall', 'library', 'small-business-centre', 'land-registry-office', 'service-centre']),
    );
    for (const site of sitesFile.sites) expect(site.address, site.id).toMatch(/, ON [A-Z]\d[A-Z] \d[A-Z]\d$/);
  });

  it('gives each kind of site realistic hours: government offices weekdays only, malls seven days, libraries open evenings or with a lunch gap', () => {
    for (const site of sitesFile.sites) {
      const days = Object.keys(site.hours);
      if (['service-centre', 'land-registry-office', 'small-business-centre'].includes(site.kind ?? '')) {
        expect(days, site.id).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
      } else if (site.kind === 'mall') {
        expect(days, site.id).toHaveLength(7);
        expect(site.hours.mon, site.id).toEqual([['10:00', '21:00']]);
      } else {
        const weekdays = Object.values(site.hours).flat();
        expect(
          weekdays.some(([, close]) => close >= '20:00') ||
            Object.values(site.hours).some((iv) => (iv?.length ?? 0) > 1),
          site.id,
        ).toBe(true);
      }
    }
  });

  it('closes on holidays that are Ontario statutory holidays (or their observed weekday, Easter Sunday, Civic Holiday); government offices close on all of them', () => {
    expect(holidays).toContain('2026-04-03');
    expect(holidays).toContain('2027-05-24');
    for (const site of sitesFile.sites) {
      const closures = site.closures ?? [];
      expect([...closures].sort(), site.id).toEqual(closures);
      expect(closures, site.id).toContain('2026-12-25');
      for (const day of closures) expect(day >= '2026-01-01' && day <= '2027-12-31', `${site.id} ${day}`).toBe(true);
      if (site.kind === 'mall') {
        for (const day of closures) expect([...holidays, ...easterSundays], `${site.id} ${day}`).toContain(day);
        expect(closures, `${site.id}: Boxing Day is a shopping day`).not.toContain('2026-12-26');
      }
      if (site.kind === 'service-centre' || site.kind === 'land-registry-office') {
        for (const day of holidays) expect(closures, `${site.id} ${day}`).toContain(day);
      }
    }
  });
});
