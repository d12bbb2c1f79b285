// A kiosk's recent events from the event log export: its own only, newest first, cleared faults named.
import { describe, expect, it } from 'vitest';
import { recentEventsFromLog } from './recent-events';

const line = (e: Record<string, unknown>) => `${JSON.stringify(e)}\n`;

describe('recent events from the log', () => {
  it("keeps the kiosk's own, newest first, naming a cleared fault's component", () => {
    const log = [
      line({
        at: '2026-11-29T14:00:00Z',
        kioskId: 'K-1',
        type: 'fault.detected',
        faultId: 'a',
        component: 'printer',
        code: 'PAPER_OUT',
      }),
      line({ at: '2026-11-29T14:30:00Z', kioskId: 'K-2', type: 'fault.detected', faultId: 'b', component: 'network' }),
      line({ at: '2026-11-29T15:00:00Z', kioskId: 'K-1', type: 'fault.cleared', faultId: 'a' }),
      line({
        at: '2026-11-30T13:00:00Z',
        kioskId: 'K-1',
        type: 'maintenance.started',
        maintenanceId: 'm',
        reason: 'Reader',
      }),
      '',
    ].join('');
    expect(recentEventsFromLog(log, 'K-1')).toEqual([
      { at: '2026-11-30T13:00:00Z', type: 'maintenance.started', component: null, detail: 'Reader' },
      { at: '2026-11-29T15:00:00Z', type: 'fault.cleared', component: 'printer', detail: null },
      { at: '2026-11-29T14:00:00Z', type: 'fault.detected', component: 'printer', detail: 'PAPER_OUT' },
    ]);
    expect(recentEventsFromLog('', 'K-1')).toEqual([]);
  });

  it('lists the last twenty', () => {
    const log = Array.from({ length: 30 }, (_, i) =>
      line({
        at: new Date(Date.UTC(2026, 10, 1, i)).toISOString(),
        kioskId: 'K-1',
        type: 'fault.cleared',
        faultId: `f${i}`,
      }),
    ).join('');
    const events = recentEventsFromLog(log, 'K-1');
    expect(events).toHaveLength(20);
    expect(events[0]!.at).toBe('2026-11-02T05:00:00.000Z');
  });
});
