// Incidents derived from the SLA engine, by value: the same open incidents and clocks as GET /sla/now, the same
// repaired figures as the report, the queue's order by time left (breached first), and the incident id.
import { describe, expect, it } from 'vitest';
import { computeLiveView } from '../sla/live-view';
import { computeSlaReport } from '../sla/compute-sla-report';
import { fault, fleet, maintenance } from '../test-support/sla-test-fleet';
import { byTimeLeft, engineIncidents } from './engine-incidents';
import { incidentId, parseIncidentId } from './incident-id';

const sites = fleet(5); // 09:00–17:00 every day, Europe/London (UTC in January)
const events = [
  ...fault('K-001', '2026-01-05T16:30:00.000Z', null, { component: 'touchScreen' }), // 30 min Monday, runs Tuesday
  ...fault('K-002', '2026-01-06T09:00:00.000Z', '2026-01-06T09:10:00.000Z'), // repaired in 10 min
  ...fault('K-003', '2026-01-06T09:30:00.000Z', null, { component: 'network', since: '2026-01-06T09:20:00.000Z' }),
  ...fault('K-003', '2026-01-06T09:40:00.000Z', null, { component: 'printer' }), // joins K-003's open incident
  ...maintenance('K-004', '2026-01-06T09:00:00.000Z', '2026-01-06T12:00:00.000Z'),
  ...fault('K-004', '2026-01-06T09:15:00.000Z', null), // inside maintenance: its clock does not run yet
  ...fault('K-005', '2026-01-06T11:00:00.000Z', null), // after now: not yet known
];
const now = new Date('2026-01-06T10:00:00.000Z');

describe('engineIncidents', () => {
  it('gives exactly the open incidents and clocks of the live view', () => {
    const derived = engineIncidents({ sites, events, now }).filter((i) => i.repairedAt === null);
    const live = computeLiveView({ sites, events, now }).openIncidents;
    expect(
      derived
        .map((i) => ({
          kioskId: i.kioskId,
          siteId: i.siteId,
          detectedAt: i.detectedAt,
          components: i.components,
          repairSecondsUsed: i.repairSecondsUsed,
          repairSecondsLeft: i.repairSecondsLeft,
          withinSla: i.withinSla,
        }))
        .sort((a, b) => a.detectedAt.localeCompare(b.detectedAt)),
    ).toEqual(live);
    expect(live).toHaveLength(3);
  });

  it('gives repaired incidents the figures of the report', () => {
    const derived = engineIncidents({ sites, events, now }).find((i) => i.kioskId === 'K-002')!;
    const report = computeSlaReport({ sites, events, from: new Date('2026-01-06T00:00:00Z'), to: now });
    expect(report.incidents.find((i) => i.kioskId === 'K-002')).toEqual({
      kioskId: 'K-002',
      detectedAt: derived.detectedAt,
      repairedAt: derived.repairedAt,
      repairSeconds: derived.repairSecondsUsed,
      withinSla: derived.withinSla,
      components: derived.components,
    });
    expect(derived).toMatchObject({ repairedAt: '2026-01-06T09:10:00.000Z', repairSecondsUsed: 600, withinSla: true });
    expect(derived.clockRunning).toBe(false);
  });

  it('names each incident by kiosk and detection instant and lists its faults', () => {
    const k3 = engineIncidents({ sites, events, now }).find((i) => i.kioskId === 'K-003')!;
    expect(k3.incidentId).toBe(`K-003-${Date.parse('2026-01-06T09:30:00.000Z')}`);
    expect(k3.components).toEqual(['network', 'printer']);
    expect(k3.faults.map((f) => [f.component, f.clearedAt])).toEqual([
      ['network', null],
      ['printer', null],
    ]);
    expect(parseIncidentId(k3.incidentId)).toEqual({
      kioskId: 'K-003',
      detectedAtMs: Date.parse('2026-01-06T09:30:00Z'),
    });
    expect(incidentId('K-001', new Date(1795123200000))).toBe('K-001-1795123200000');
    expect(parseIncidentId('K-001-today')).toBeUndefined();
    expect(parseIncidentId('1795123200000')).toBeUndefined();
  });

  it('runs a clock only inside service hours and outside planned maintenance', () => {
    const byKiosk = new Map(engineIncidents({ sites, events, now }).map((i) => [i.kioskId, i]));
    expect(byKiosk.get('K-001')!.clockRunning).toBe(true);
    expect(byKiosk.get('K-004')!).toMatchObject({ clockRunning: false, repairSecondsUsed: 0, repairSecondsLeft: 7200 });
    const night = engineIncidents({ sites, events, now: new Date('2026-01-06T20:00:00Z') });
    expect(night.filter((i) => i.clockRunning)).toEqual([]);
  });

  it('sorts open incidents by time left, breached first (most overdue first), then repaired ones', () => {
    const later = new Date('2026-01-06T11:30:00.000Z');
    const sorted = engineIncidents({ sites, events, now: later }).sort(byTimeLeft);
    // K-001: 30 + 150 min used (breached by 60); K-003: 120 min used (0 left, not over); K-005: 30 min;
    // K-004: 0 (maintenance until noon); K-002 repaired.
    expect(sorted.map((i) => [i.kioskId, i.repairSecondsLeft, i.withinSla])).toEqual([
      ['K-001', 0, false],
      ['K-003', 0, null],
      ['K-005', 5400, null],
      ['K-004', 7200, null],
      ['K-002', 6600, true],
    ]);
  });

  it('figures only the incidents kept', () => {
    const kept = engineIncidents({ sites, events, now, keep: (i) => i.kioskId === 'K-003' });
    expect(kept.map((i) => i.kioskId)).toEqual(['K-003']);
  });
});
