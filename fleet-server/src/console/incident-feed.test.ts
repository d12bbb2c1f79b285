// LiveViewIncidentFeed: the SLA engine's open incidents as the console's queue — the same repair clock, whether it
// runs now (service hours, planned maintenance), and the human state of the incidents store, with notifications.
import { describe, expect, it } from 'vitest';
import { computeLiveView } from '../sla/live-view';
import { MaintenanceWindows } from '../incidents/maintenance/maintenance-windows';
import { fault, fleet, maintenance } from '../test-support/sla-test-fleet';
import { LiveViewIncidentFeed, type IncidentStateSource } from './incident-feed';
import type { IncidentHumanState } from './console-views';

const sites = fleet(3); // 09:00–17:00 Europe/London, every day
const events = [
  ...fault('K-001', '2026-01-06T09:30:00.000Z', null),
  ...fault('K-002', '2026-01-06T09:40:00.000Z', null, { component: 'cardReader' }),
  ...maintenance('K-002', '2026-01-06T09:45:00.000Z', '2026-01-06T11:00:00.000Z'),
  ...fault('K-003', '2026-01-06T09:00:00.000Z', '2026-01-06T09:20:00.000Z'),
];
const windows = new MaintenanceWindows();
windows.apply(events);

class HumanStates implements IncidentStateSource {
  readonly states = new Map<string, IncidentHumanState>();
  private readonly listeners = new Set<() => void>();
  stateOf(id: string) {
    return this.states.get(id);
  }
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(id: string, state: IncidentHumanState) {
    this.states.set(id, state);
    for (const listener of this.listeners) listener();
  }
}

function feed(human?: HumanStates) {
  return new LiveViewIncidentFeed({
    sites: () => new Map(sites.sites.map((s) => [s.id, s] as const)),
    inMaintenance: (kioskId, at) => windows.isActive(kioskId, at),
    clock: 'service-hours',
    ...(human ? { human } : {}),
  });
}

describe('LiveViewIncidentFeed', () => {
  it('lists the open incidents with the engine’s clock, running only in service hours and out of maintenance', () => {
    const incidents = feed();
    let notified = 0;
    incidents.onChange(() => notified++);
    incidents.update(computeLiveView({ sites, events, now: new Date('2026-01-06T10:00:00Z') }));
    expect(notified).toBe(1);
    expect(incidents.current()).toEqual([
      {
        incidentId: `K-001-${Date.parse('2026-01-06T09:30:00.000Z')}`,
        kioskId: 'K-001',
        siteId: 'site-a',
        detectedAt: '2026-01-06T09:30:00.000Z',
        components: ['printer'],
        repairSecondsLeft: 7200 - 1800,
        clockRunning: true,
        withinSla: null,
        state: 'open',
        acknowledgedBy: null,
        assignee: null,
        at: '2026-01-06T10:00:00.000Z',
      },
      expect.objectContaining({
        kioskId: 'K-002',
        components: ['cardReader'],
        repairSecondsLeft: 7200 - 300, // 5 minutes before maintenance began; none since
        clockRunning: false,
      }) as unknown,
    ]);
    // After closing time nobody's clock runs.
    incidents.update(computeLiveView({ sites, events, now: new Date('2026-01-06T18:00:00Z') }));
    expect(incidents.current().map((i) => [i.kioskId, i.clockRunning])).toEqual([
      ['K-001', false],
      ['K-002', false],
    ]);
  });

  it('shows what people did, and tells listeners when they do it', () => {
    const human = new HumanStates();
    const incidents = feed(human);
    incidents.update(computeLiveView({ sites, events, now: new Date('2026-01-06T10:00:00Z') }));
    const seen: string[] = [];
    incidents.onChange(() => seen.push(incidents.current()[0]!.state));
    human.set(incidents.current()[0]!.incidentId, { state: 'acknowledged', acknowledgedBy: 'alice', assignee: 'bob' });
    expect(seen).toEqual(['acknowledged']);
    expect(incidents.current()[0]).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'alice', assignee: 'bob' });
    expect(incidents.current()[1]).toMatchObject({ state: 'open', acknowledgedBy: null });
    incidents.close();
    human.set('K-002-0', UNTOUCHED_ACK);
    expect(seen).toHaveLength(1);
  });
});

const UNTOUCHED_ACK: IncidentHumanState = { state: 'acknowledged', acknowledgedBy: 'x', assignee: null };
