// The console's pure shapes: incident ids, whether a repair clock runs, what of a kiosk or an incident is worth
// pushing again, and what each principal may see.
import { describe, expect, it } from 'vitest';
import type { ConsoleIncident, ConsoleKiosk } from './console-protocol';
import { clockRunning, consoleSla, incidentChangeKey, incidentId, kioskChangeKey } from './console-views';
import type { LiveView } from '../sla/live-view';
import { consoleScope, roomsFor, siteVisible } from './console-scope';

const hours = [[Date.parse('2026-11-18T14:00:00Z'), Date.parse('2026-11-18T22:00:00Z')]] as const;
const incident: ConsoleIncident = {
  incidentId: 'K-1-1795000000000',
  kioskId: 'K-1',
  siteId: 's',
  detectedAt: '2026-11-18T15:00:00.000Z',
  components: ['printer'],
  repairSecondsLeft: 3600,
  clockRunning: true,
  withinSla: null,
  state: 'open',
  acknowledgedBy: null,
  assignee: null,
  at: '2026-11-18T16:00:00.000Z',
};

describe('console views', () => {
  it('names an incident by its kiosk and detection instant in epoch milliseconds', () => {
    expect(incidentId('K-001', new Date('2026-11-18T15:00:00.000Z'))).toBe('K-001-1795014000000');
  });

  it('runs a repair clock inside service hours only (service-hours clock), never inside maintenance', () => {
    const inside = Date.parse('2026-11-18T15:00:00Z');
    const after = Date.parse('2026-11-18T22:00:00Z');
    expect(clockRunning('service-hours', hours, false, inside)).toBe(true);
    expect(clockRunning('service-hours', hours, false, after)).toBe(false); // half-open: closing time is closed
    expect(clockRunning('service-hours', hours, true, inside)).toBe(false);
    expect(clockRunning('wall', hours, false, after)).toBe(true);
    expect(clockRunning('wall', [], true, after)).toBe(false);
  });

  it('pushes an incident again when its state, clock or breach changes, not when a running clock ticks', () => {
    const key = incidentChangeKey(incident);
    expect(incidentChangeKey({ ...incident, repairSecondsLeft: 3000, at: '2026-11-18T16:10:00.000Z' })).toBe(key);
    expect(incidentChangeKey({ ...incident, clockRunning: false })).not.toBe(key);
    expect(incidentChangeKey({ ...incident, withinSla: false })).not.toBe(key);
    expect(incidentChangeKey({ ...incident, state: 'acknowledged', acknowledgedBy: 'alice' })).not.toBe(key);
    // A stopped clock's seconds are what the console shows: a change of them is news.
    const stopped = { ...incident, clockRunning: false };
    expect(incidentChangeKey({ ...stopped, repairSecondsLeft: 10 })).not.toBe(incidentChangeKey(stopped));
  });

  it('pushes a kiosk again when what it shows changes, not when only its heartbeat time moves', () => {
    const kiosk: ConsoleKiosk = {
      id: 'K-1',
      siteId: 's',
      status: 'online',
      lastHeartbeatAt: '2026-11-18T15:00:00.000Z',
      softwareVersion: '2.4.1',
      devices: { printer: { state: 'ok' } },
      openFaults: [],
    };
    const key = kioskChangeKey(kiosk);
    expect(kioskChangeKey({ ...kiosk, lastHeartbeatAt: '2026-11-18T15:00:10.000Z' })).toBe(key);
    expect(kioskChangeKey({ ...kiosk, status: 'out-of-service' })).not.toBe(key);
    expect(kioskChangeKey({ ...kiosk, devices: { printer: { state: 'warning' } } })).not.toBe(key);
  });

  it('scopes consoles by principal: region-bound technicians to their region, analysts without incidents', () => {
    const north = consoleScope({ kind: 'token', role: 'technician', subject: 't', region: 'northern' });
    expect(north).toEqual({ region: 'northern', incidents: true });
    expect(siteVisible(north, 'northern')).toBe(true);
    expect(siteVisible(north, 'toronto')).toBe(false);
    expect(siteVisible(north, undefined)).toBe(false);
    expect(roomsFor(north)).toEqual(['sla', 'kiosks:region:northern', 'incidents:region:northern']);
    const unbound = consoleScope({ kind: 'user', role: 'technician', subject: 'u' });
    expect(roomsFor(unbound)).toEqual(['sla', 'kiosks:*', 'incidents:*']);
    // A region on an admin or analyst principal does not narrow them (only technicians are bound to regions).
    const analyst = consoleScope({ kind: 'user', role: 'analyst', subject: 'a', region: 'northern' });
    expect(analyst).toEqual({ region: undefined, incidents: false });
    expect(roomsFor(analyst)).toEqual(['sla', 'kiosks:*']);
    expect(siteVisible(consoleScope({ kind: 'token', role: 'admin', subject: 'x' }), undefined)).toBe(true);
  });
});

describe('consoleSla', () => {
  const view = (operationalFraction: number | null) =>
    ({
      at: '2026-11-18T15:00:00.000Z',
      thresholds: { fleetOperational: 0.97, repairMinutes: 120, clock: 'service-hours' },
      scheduledKiosks: 20,
      upKiosks: 19,
      operationalFraction,
      compliant: false,
      kiosksDown: [],
      openIncidents: [],
    }) as LiveView;
  const trend = [
    { day: '2026-11-17', minOperationalFraction: 0.9 },
    { day: '2026-11-18', minOperationalFraction: 1 },
  ];

  it("never shows today's point above the live figure, and leaves past days alone", () => {
    expect(consoleSla(view(0.95), trend).trend).toEqual([
      { day: '2026-11-17', minOperationalFraction: 0.9 },
      { day: '2026-11-18', minOperationalFraction: 0.95 },
    ]);
    expect(consoleSla(view(1), [trend[0]!, { day: '2026-11-18', minOperationalFraction: 0.93 }]).trend.at(-1)).toEqual({
      day: '2026-11-18',
      minOperationalFraction: 0.93,
    });
    expect(
      consoleSla(view(0.98), [trend[0]!, { day: '2026-11-18', minOperationalFraction: null }]).trend.at(-1),
    ).toEqual({ day: '2026-11-18', minOperationalFraction: 0.98 });
    expect(consoleSla(view(null), trend).trend).toEqual(trend);
  });
});
