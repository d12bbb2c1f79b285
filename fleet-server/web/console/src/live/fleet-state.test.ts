// Folding pushes into the console's picture of the fleet: by id, without touching what did not change.
import { describe, expect, it } from 'vitest';
import type { ConsoleKiosk, ConsoleSnapshot } from './console-types';
import { applyIncidentChanges, applyKioskChanges, fromSnapshot } from './fleet-state';

const kiosk = (id: string, status: ConsoleKiosk['status']): ConsoleKiosk => ({
  id,
  siteId: 's1',
  status,
  lastHeartbeatAt: null,
  softwareVersion: null,
  devices: {},
  openFaults: [],
});

const snapshot: ConsoleSnapshot = {
  at: '2026-11-30T15:00:00.000Z',
  principal: { subject: 'tech', role: 'technician', region: null },
  sites: [{ id: 's1', name: 'Site', city: 'Ottawa', region: 'eastern', latitude: 45.4, longitude: -75.7 }],
  kiosks: [kiosk('K-1', 'online'), kiosk('K-2', 'online')],
  incidents: [],
  sla: {
    at: '2026-11-30T15:00:00.000Z',
    operationalFraction: 1,
    threshold: 0.97,
    scheduledKiosks: 2,
    upKiosks: 2,
    trend: [],
  },
};

describe('fleet state', () => {
  it('measures the client clock against the server instant of each push', () => {
    const state = fromSnapshot(snapshot, Date.parse('2026-11-30T15:00:02.000Z'));
    expect(state.serverOffsetMs).toBe(2000);
    const next = applyKioskChanges(
      state,
      { at: '2026-11-30T15:01:00.000Z', kiosks: [kiosk('K-2', 'offline')] },
      Date.parse('2026-11-30T15:00:59.500Z'),
    );
    expect(next.serverOffsetMs).toBe(-500);
  });

  it('replaces changed kiosks by id and keeps the others as they were', () => {
    const state = fromSnapshot(snapshot, 0);
    const next = applyKioskChanges(state, { at: snapshot.at, kiosks: [kiosk('K-2', 'offline')] }, 0);
    expect(next.kiosks.get('K-2')?.status).toBe('offline');
    expect(next.kiosks.get('K-1')).toBe(state.kiosks.get('K-1'));
    expect(state.kiosks.get('K-2')?.status).toBe('online'); // the previous state is not mutated
    expect(next.version).toBe(state.version + 1);
  });

  it('adds, updates and removes incidents', () => {
    const base = {
      kioskId: 'K-1',
      siteId: 's1',
      detectedAt: snapshot.at,
      components: ['network'],
      repairSecondsLeft: 7200,
      clockRunning: true,
      withinSla: null,
      state: 'open' as const,
      acknowledgedBy: null,
      assignee: null,
      at: snapshot.at,
    };
    let state = fromSnapshot(snapshot, 0);
    state = applyIncidentChanges(state, { at: snapshot.at, changed: [{ ...base, incidentId: 'a' }], removed: [] }, 0);
    state = applyIncidentChanges(
      state,
      {
        at: snapshot.at,
        changed: [
          { ...base, incidentId: 'b' },
          { ...base, incidentId: 'a', state: 'acknowledged' },
        ],
        removed: [],
      },
      0,
    );
    expect([...state.incidents.values()].map((i) => [i.incidentId, i.state])).toEqual([
      ['a', 'acknowledged'],
      ['b', 'open'],
    ]);
    state = applyIncidentChanges(state, { at: snapshot.at, changed: [], removed: ['a', 'unknown'] }, 0);
    expect([...state.incidents.keys()]).toEqual(['b']);
  });
});
