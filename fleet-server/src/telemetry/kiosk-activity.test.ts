// A kiosk's page data by value: its own events only, newest first, a clearing naming its fault's component.
import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '@guichet/shared';
import { recentKioskEvents } from './kiosk-activity';

const events: FleetEvent[] = [
  {
    at: '2026-11-28T10:00:00.000Z',
    kioskId: 'K-001',
    type: 'fault.detected',
    faultId: 'f1',
    component: 'printer',
    code: 'PAPER_OUT',
  },
  { at: '2026-11-28T10:05:00.000Z', kioskId: 'K-002', type: 'fault.detected', faultId: 'f2', component: 'network' },
  { at: '2026-11-28T10:30:00.000Z', kioskId: 'K-001', type: 'fault.cleared', faultId: 'f1' },
  {
    at: '2026-11-28T11:00:00.000Z',
    kioskId: 'K-001',
    type: 'maintenance.started',
    maintenanceId: 'm1',
    reason: 'swap',
  },
] as FleetEvent[];

describe('recentKioskEvents', () => {
  it("lists the kiosk's own events newest first, the clearing with its fault's component", () => {
    expect(recentKioskEvents(events, 'K-001')).toEqual([
      { at: '2026-11-28T11:00:00.000Z', type: 'maintenance.started', component: null, detail: 'swap' },
      { at: '2026-11-28T10:30:00.000Z', type: 'fault.cleared', component: 'printer', detail: null },
      { at: '2026-11-28T10:00:00.000Z', type: 'fault.detected', component: 'printer', detail: 'PAPER_OUT' },
    ]);
  });

  it('keeps only the latest ones', () => {
    expect(recentKioskEvents(events, 'K-001', 1).map((e) => e.type)).toEqual(['maintenance.started']);
    expect(recentKioskEvents(events, 'K-404')).toEqual([]);
  });
});
