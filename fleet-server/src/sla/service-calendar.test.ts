// Service hours in local time through luxon (docs/sla.md "Sites and kiosks"): 24:00, closures, both DST changes.
import { describe, expect, it } from 'vitest';
import { serviceHours } from './service-calendar';
import { measure } from './interval-set';
import { ALWAYS, fleet } from './test-support/sla-test-fleet';

const HOUR = 3_600_000;
const ms = (iso: string) => Date.parse(iso);

describe('service calendar', () => {
  it('opens at local times: 09:00 London is 09:00Z in winter and 08:00Z in summer', () => {
    const site = fleet(1).sites[0]!;
    expect(serviceHours(site, ms('2026-01-05T00:00:00Z'), ms('2026-01-06T00:00:00Z'))).toEqual([
      [ms('2026-01-05T09:00:00Z'), ms('2026-01-05T17:00:00Z')],
    ]);
    expect(serviceHours(site, ms('2026-07-06T00:00:00Z'), ms('2026-07-07T00:00:00Z'))).toEqual([
      [ms('2026-07-06T08:00:00Z'), ms('2026-07-06T16:00:00Z')],
    ]);
  });

  it('gives a 24-hour site 23 hours on the spring change and 25 on the autumn change', () => {
    const site = fleet(1, ALWAYS).sites[0]!;
    // Europe/London, 2026: clocks go forward on 29 March and back on 25 October.
    const spring = serviceHours(site, ms('2026-03-29T00:00:00Z'), ms('2026-03-29T23:00:00Z'));
    expect(
      measure(
        spring.map(
          ([s, e]) => [Math.max(s, ms('2026-03-29T00:00:00Z')), Math.min(e, ms('2026-03-29T23:00:00Z'))] as const,
        ),
      ),
    ).toBe(23 * HOUR);
    const toronto = fleet(1, ALWAYS, 'America/Toronto').sites[0]!;
    // Toronto, 1 November 2026: local day runs 04:00Z to 05:00Z next day.
    const autumn = serviceHours(toronto, ms('2026-11-01T04:00:00Z'), ms('2026-11-02T05:00:00Z'));
    expect(autumn[0]![0]).toBeLessThanOrEqual(ms('2026-11-01T04:00:00Z'));
    const clipped = autumn.map(
      ([s, e]) => [Math.max(s, ms('2026-11-01T04:00:00Z')), Math.min(e, ms('2026-11-02T05:00:00Z'))] as const,
    );
    expect(measure(clipped)).toBe(25 * HOUR);
  });

  it('keeps a site closed on its closure dates and on missing weekdays', () => {
    const site = {
      ...fleet(1).sites[0]!,
      closures: ['2026-12-25'],
      hours: { fri: [['09:00', '17:00']] as [string, string][] },
    };
    // 25 Dec 2026 is a Friday: closed; 18 Dec is a Friday: open; 19 Dec a Saturday: no hours.
    expect(serviceHours(site, ms('2026-12-25T00:00:00Z'), ms('2026-12-26T00:00:00Z'))).toEqual([]);
    expect(measure(serviceHours(site, ms('2026-12-18T00:00:00Z'), ms('2026-12-20T00:00:00Z')))).toBe(8 * HOUR);
  });

  it('closes "24:00" at the next local midnight', () => {
    const site = { ...fleet(1).sites[0]!, hours: { mon: [['18:00', '24:00']] as [string, string][] } };
    expect(serviceHours(site, ms('2026-01-05T00:00:00Z'), ms('2026-01-07T00:00:00Z'))).toEqual([
      [ms('2026-01-05T18:00:00Z'), ms('2026-01-06T00:00:00Z')],
    ]);
  });
});

describe('service calendar on clock-change nights', () => {
  it('moves an opening inside the spring gap forward and takes the first of an ambiguous autumn time', () => {
    const site = { ...fleet(1).sites[0]!, hours: { sun: [['01:30', '03:00']] as [string, string][] } };
    // 29 March 2026, London: 01:00 GMT jumps to 02:00 BST; 01:30 does not exist and becomes 02:30 BST (01:30Z).
    expect(serviceHours(site, ms('2026-03-29T00:00:00Z'), ms('2026-03-30T00:00:00Z'))).toEqual([
      [ms('2026-03-29T01:30:00Z'), ms('2026-03-29T02:00:00Z')],
    ]);
    // 25 October 2026: 01:30 happens twice; the first (BST, 00:30Z) opens, 03:00 GMT closes.
    expect(serviceHours(site, ms('2026-10-25T00:00:00Z'), ms('2026-10-26T00:00:00Z'))).toEqual([
      [ms('2026-10-25T00:30:00Z'), ms('2026-10-25T03:00:00Z')],
    ]);
  });
});
