// The SLA engine against docs/sla.md: the shared fixture months (tests/fixtures/sla) and edge cases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeSlaReport } from './compute-sla-report';
import { parseEventsJsonl, parseSitesFile } from './parse-inputs';
import { SlaReport } from './sla-report';
import { ALWAYS, fault, fleet, maintenance } from './test-support/sla-test-fleet';
import { expectReportsClose } from './test-support/report-comparison';

const FIXTURES = new URL('../../../tests/fixtures/sla/', import.meta.url);
const MONTH = { from: new Date('2026-11-01T04:00:00Z'), to: new Date('2026-12-01T05:00:00Z') };

describe('fixture months (tests/fixtures/sla, tolerance 0.01 s / 1e-9)', () => {
  for (const seed of ['nov-2026-seed1', 'nov-2026-seed2']) {
    const dir = new URL(`${seed}/`, FIXTURES);
    const sites = parseSitesFile(readFileSync(new URL('sites.json', dir), 'utf8'), 'sites.json');
    const events = parseEventsJsonl(readFileSync(new URL('events.jsonl', dir), 'utf8'), 'events.jsonl');
    it(`${seed}: defaults (service-hours, 0.97, 120 min)`, () => {
      const report = computeSlaReport({ sites, events, ...MONTH });
      expect(SlaReport.safeParse(report).success).toBe(true);
      expectReportsClose(report, JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')));
    });
    it(`${seed}: wall clock, 0.95, 90 min`, () => {
      const report = computeSlaReport({ sites, events, ...MONTH, clock: 'wall', threshold: 0.95, repairMinutes: 90 });
      expectReportsClose(report, JSON.parse(readFileSync(new URL('expected-wall.json', dir), 'utf8')));
    });
  }
});

// Europe/London, 09:00–17:00 every day; January is UTC+0. 5 Jan 2026 is a Monday.
const DAY = { from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-01-06T00:00:00Z') };
const WEEK = { from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-01-12T00:00:00Z') };

describe('edge cases', () => {
  it('counts a fault across closing time only in service hours (sla.md definition 10 example)', () => {
    const events = fault('K-001', '2026-01-05T16:50:00.000Z', '2026-01-06T09:20:00.000Z');
    const report = computeSlaReport({ sites: fleet(1), events, ...WEEK });
    expect(report.incidents[0]).toMatchObject({
      repairSeconds: 1800,
      withinSla: true,
      repairedAt: '2026-01-06T09:20:00.000Z',
    });
    expect(report.kiosks[0]!.scheduledSeconds - report.kiosks[0]!.upSeconds).toBe(1800);
    const wall = computeSlaReport({ sites: fleet(1), events, ...WEEK, clock: 'wall' });
    expect(wall.incidents[0]).toMatchObject({ repairSeconds: 16.5 * 3600, withinSla: false });
  });

  it('skips closure days on the schedule and on the repair clock', () => {
    const sites = fleet(1, undefined, 'Europe/London', ['2026-01-06']);
    const events = fault('K-001', '2026-01-05T16:50:00.000Z', '2026-01-07T09:20:00.000Z');
    const report = computeSlaReport({ sites, events, ...WEEK });
    expect(report.incidents[0]!.repairSeconds).toBe(1800);
    expect(report.kiosks[0]!.scheduledSeconds).toBe(6 * 8 * 3600);
  });

  it('schedules 23 and 25 hours on the two daylight-saving days of a 24-hour site', () => {
    const sites = fleet(1, ALWAYS);
    const spring = computeSlaReport({
      sites,
      events: [],
      from: new Date('2026-03-29T00:00:00Z'),
      to: new Date('2026-03-29T23:00:00Z'),
    });
    expect(spring.fleet.scheduledSeconds).toBe(23 * 3600);
    const autumn = computeSlaReport({
      sites,
      events: [],
      from: new Date('2026-10-24T23:00:00Z'),
      to: new Date('2026-10-26T00:00:00Z'),
    });
    expect(autumn.fleet.scheduledSeconds).toBe(25 * 3600);
    // 09:00–17:00 on the spring day is still 8 hours, at 08:00Z–16:00Z.
    const nine = computeSlaReport({
      sites: fleet(1),
      events: fault('K-001', '2026-03-29T07:00:00.000Z', '2026-03-29T09:00:00.000Z'),
      from: new Date('2026-03-29T00:00:00Z'),
      to: new Date('2026-03-30T00:00:00Z'),
    });
    expect(nine.fleet.scheduledSeconds).toBe(8 * 3600);
    expect(nine.incidents[0]!.repairSeconds).toBe(3600);
  });

  it('merges overlapping faults into one down interval and one incident', () => {
    const events = [
      ...fault('K-001', '2026-01-05T10:00:00.000Z', '2026-01-05T11:00:00.000Z', { component: 'touch' }),
      ...fault('K-001', '2026-01-05T10:30:00.000Z', '2026-01-05T12:00:00.000Z', { component: 'printer' }),
    ];
    const report = computeSlaReport({ sites: fleet(1), events, ...DAY });
    expect(report.kiosks[0]!.upSeconds).toBe(6 * 3600);
    expect(report.incidents).toEqual([
      {
        kioskId: 'K-001',
        detectedAt: '2026-01-05T10:00:00.000Z',
        repairedAt: '2026-01-05T12:00:00.000Z',
        repairSeconds: 7200,
        withinSla: true,
        components: ['printer', 'touch'],
      },
    ]);
  });

  it('applies detections before clears at one instant, so an incident never closes and reopens', () => {
    const events = [
      ...fault('K-001', '2026-01-05T10:00:00.000Z', '2026-01-05T11:00:00.000Z'),
      ...fault('K-001', '2026-01-05T11:00:00.000Z', '2026-01-05T13:00:00.000Z'),
    ].reverse();
    const report = computeSlaReport({ sites: fleet(1), events, ...DAY });
    expect(report.incidents).toHaveLength(1);
    expect(report.incidents[0]!.repairSeconds).toBe(3 * 3600);
  });

  it('ignores duplicate detections, unknown or repeated clears and unknown kiosks', () => {
    const events = [
      ...fault('K-001', '2026-01-05T10:00:00.000Z', '2026-01-05T11:00:00.000Z', { faultId: 'F-dup' }),
      {
        at: '2026-01-05T12:00:00.000Z',
        kioskId: 'K-001',
        type: 'fault.detected' as const,
        faultId: 'F-dup',
        component: 'printer',
      },
      { at: '2026-01-05T12:30:00.000Z', kioskId: 'K-001', type: 'fault.cleared' as const, faultId: 'F-dup' },
      { at: '2026-01-05T13:00:00.000Z', kioskId: 'K-001', type: 'fault.cleared' as const, faultId: 'F-never' },
      ...fault('K-999', '2026-01-05T10:00:00.000Z', null),
    ];
    const report = computeSlaReport({ sites: fleet(1), events, ...DAY });
    expect(report.kiosks.map((k) => k.kioskId)).toEqual(['K-001']);
    expect(report.kiosks[0]!.upSeconds).toBe(7 * 3600);
    expect(report.incidents).toHaveLength(1);
  });

  it('counts a kiosk commissioned mid-period only from its commissioning', () => {
    const sites = fleet(2);
    sites.kiosks[1] = { ...sites.kiosks[1]!, commissionedAt: '2026-01-08T13:00:00Z', decommissionedAt: null };
    const report = computeSlaReport({ sites, events: [], ...WEEK });
    expect(report.kiosks[1]!.scheduledSeconds).toBe(4 * 3600 + 3 * 8 * 3600);
    expect(report.kiosks[0]!.scheduledSeconds).toBe(7 * 8 * 3600);
  });

  it('excuses a fault during planned maintenance, on the schedule and on the repair clock', () => {
    const events = [
      ...maintenance('K-001', '2026-01-05T10:30:00.000Z', '2026-01-05T11:30:00.000Z'),
      ...fault('K-001', '2026-01-05T10:00:00.000Z', '2026-01-05T12:00:00.000Z'),
    ];
    const report = computeSlaReport({ sites: fleet(1), events, ...DAY });
    expect(report.kiosks[0]).toMatchObject({ scheduledSeconds: 7 * 3600, upSeconds: 6 * 3600 });
    expect(report.incidents[0]).toMatchObject({ repairSeconds: 3600, withinSla: true });
  });

  it('runs the clock of an open incident to `to`: null while within the limit, false past it', () => {
    const sites = fleet(2);
    const events = [
      ...fault('K-001', '2026-01-05T15:00:00.000Z', null),
      ...fault('K-002', '2026-01-05T16:30:00.000Z', null),
    ];
    const report = computeSlaReport({ sites, events, ...DAY });
    expect(report.incidents.map((i) => [i.kioskId, i.repairedAt, i.repairSeconds, i.withinSla])).toEqual([
      ['K-001', null, 7200, null],
      ['K-002', null, 1800, null],
    ]);
    const later = computeSlaReport({ sites, events, ...WEEK });
    expect(later.incidents.map((i) => i.withinSla)).toEqual([false, false]);
    expect(later.repair).toMatchObject({
      incidents: 2,
      closed: 0,
      breached: 2,
      compliance: 0,
      meanRepairSeconds: null,
      p90RepairSeconds: null,
    });
  });

  it('judges an incident on its whole life even when repaired after `to`', () => {
    const events = fault('K-001', '2026-01-05T16:00:00.000Z', '2026-01-06T11:30:00.000Z');
    const report = computeSlaReport({ sites: fleet(1), events, ...DAY });
    expect(report.incidents[0]).toMatchObject({
      repairedAt: '2026-01-06T11:30:00.000Z',
      repairSeconds: 3.5 * 3600,
      withinSla: false,
    });
  });

  it('is compliant when the threshold is met exactly (97 of 100) and breaches below it', () => {
    const sites = fleet(100);
    const down3 = [1, 2, 3].flatMap((i) =>
      fault(`K-${String(i).padStart(3, '0')}`, '2026-01-05T09:00:00.000Z', '2026-01-05T10:00:00.000Z'),
    );
    const met = computeSlaReport({ sites, events: down3, ...DAY });
    expect(met.fleet).toMatchObject({ compliance: 1, minOperationalFraction: 0.97, breaches: [] });
    const down4 = [...down3, ...fault('K-004', '2026-01-05T09:30:00.000Z', '2026-01-05T11:00:00.000Z')];
    const below = computeSlaReport({ sites, events: down4, ...DAY });
    expect(below.fleet.breaches).toEqual([
      { from: '2026-01-05T09:30:00.000Z', to: '2026-01-05T10:00:00.000Z', minOperationalFraction: 0.96 },
    ]);
    expect(below.fleet.compliantSeconds).toBe(7.5 * 3600);
  });

  it('ends a breach at an unmeasured instant and reports nothing measured as null', () => {
    const events = fault('K-001', '2026-01-05T16:00:00.000Z', '2026-01-06T10:00:00.000Z');
    const report = computeSlaReport({
      sites: fleet(1),
      events,
      from: new Date('2026-01-05T00:00:00Z'),
      to: new Date('2026-01-07T00:00:00Z'),
    });
    expect(report.fleet.breaches).toEqual([
      { from: '2026-01-05T16:00:00.000Z', to: '2026-01-05T17:00:00.000Z', minOperationalFraction: 0 },
      { from: '2026-01-06T09:00:00.000Z', to: '2026-01-06T10:00:00.000Z', minOperationalFraction: 0 },
    ]);
    const night = computeSlaReport({
      sites: fleet(1),
      events: [],
      from: new Date('2026-01-05T18:00:00Z'),
      to: new Date('2026-01-05T20:00:00Z'),
    });
    expect(night.fleet).toMatchObject({
      measuredSeconds: 0,
      compliance: null,
      availability: null,
      minOperationalFraction: null,
    });
    expect(night.kiosks[0]!.availability).toBeNull();
  });

  it('uses `since` for down time and the detection for the repair clock', () => {
    const events = fault('K-001', '2026-01-05T10:00:00.000Z', '2026-01-05T10:30:00.000Z', {
      since: '2026-01-05T09:45:00.000Z',
    });
    const report = computeSlaReport({ sites: fleet(1), events, ...DAY });
    expect(report.kiosks[0]!.upSeconds).toBe(8 * 3600 - 45 * 60);
    expect(report.incidents[0]!.repairSeconds).toBe(1800);
  });

  it('rejects a period whose from is not before to', () => {
    expect(() => computeSlaReport({ sites: fleet(1), events: [], from: DAY.to, to: DAY.from })).toThrow(
      expect.objectContaining({ code: 'SLA_BAD_PERIOD' }),
    );
  });
});
