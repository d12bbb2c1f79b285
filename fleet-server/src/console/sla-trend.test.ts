// The console's month trend: each day's lowest operational fraction is the SLA engine's own figure for that day
// (computeSlaReport over the day), finished days are kept, and today is refreshed only when stale.
import { describe, expect, it } from 'vitest';
import { computeSlaReport } from '../sla/compute-sla-report';
import { fault, fleet, maintenance, NINE_TO_FIVE } from '../test-support/sla-test-fleet';
import { fleetZone, monthDays, SlaTrend, TREND_TODAY_REFRESH_MS } from './sla-trend';

const sites = fleet(10, NINE_TO_FIVE, 'America/Toronto');
const events = [
  ...fault('K-001', '2026-11-02T15:00:00.000Z', '2026-11-02T16:00:00.000Z'),
  ...fault('K-002', '2026-11-02T15:30:00.000Z', '2026-11-03T15:00:00.000Z', { since: '2026-11-02T15:10:00.000Z' }),
  ...fault('K-003', '2026-11-01T20:00:00.000Z', null),
  ...maintenance('K-004', '2026-11-03T14:00:00.000Z', '2026-11-03T18:00:00.000Z'),
  ...fault('K-004', '2026-11-03T15:00:00.000Z', '2026-11-03T16:00:00.000Z'),
];
const NOW = Date.parse('2026-11-04T17:30:00.000Z'); // 12:30 in Toronto on the 4th

describe('SlaTrend', () => {
  it('takes the zone most sites are in, and the local days of the month up to now', () => {
    expect(fleetZone(sites)).toBe('America/Toronto');
    expect(monthDays('America/Toronto', NOW).map((d) => [d.day, new Date(d.fromMs).toISOString()])).toEqual([
      ['2026-11-01', '2026-11-01T04:00:00.000Z'],
      ['2026-11-02', '2026-11-02T05:00:00.000Z'], // the clocks went back on the 1st
      ['2026-11-03', '2026-11-03T05:00:00.000Z'],
      ['2026-11-04', '2026-11-04T05:00:00.000Z'],
    ]);
    expect(monthDays('America/Toronto', NOW).at(-1)!.toMs).toBe(NOW);
  });

  it('gives for each day the engine report’s lowest operational fraction over that day', () => {
    const points = new SlaTrend('America/Toronto', 0.97).points(sites, events, NOW);
    const expected = monthDays('America/Toronto', NOW).map((d) => ({
      day: d.day,
      minOperationalFraction: computeSlaReport({ sites, events, from: new Date(d.fromMs), to: new Date(d.toMs) }).fleet
        .minOperationalFraction,
    }));
    expect(points).toEqual(expected);
    // 3rd: K-004 in maintenance is not scheduled, K-002 and K-003 down: 7 of 9.
    expect(points.map((p) => p.minOperationalFraction)).toEqual([0.9, 0.7, 7 / 9, 0.9]);
  });

  it('keeps finished days and refreshes today only once it is stale', () => {
    const trend = new SlaTrend('America/Toronto', 0.97);
    const first = trend.points(sites, events, NOW);
    // A late fault on the 2nd and one today: the kept days do not move, today moves once stale.
    const more = [
      ...events,
      ...fault('K-005', '2026-11-02T15:00:00.000Z', '2026-11-02T15:05:00.000Z'),
      ...fault('K-006', '2026-11-04T17:35:00.000Z', null),
    ];
    const soon = trend.points(sites, more, NOW + 10 * 60_000 - TREND_TODAY_REFRESH_MS);
    expect(soon).toEqual(first);
    const later = trend.points(sites, more, NOW + 10 * 60_000);
    expect(later.slice(0, 3)).toEqual(first.slice(0, 3));
    expect(later[3]!.minOperationalFraction).toBe(0.8);
  });
});
