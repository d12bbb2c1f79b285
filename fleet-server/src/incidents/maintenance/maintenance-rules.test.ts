// The rules of a maintenance plan, by value: the boundaries of "not in the past" and "end after start".
import { describe, expect, it } from 'vitest';
import { MaintenanceWindows } from './maintenance-windows';
import {
  MAX_MAINTENANCE_DAYS,
  cancellationEvent,
  maintenanceEvents,
  validateMaintenancePlan,
} from './maintenance-rules';

const NOW = new Date('2026-11-20T15:00:00.000Z');
const code = (body: unknown) => {
  try {
    validateMaintenancePlan(body, NOW);
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('maintenance rules', () => {
  it('accepts a window starting now, refuses one starting a millisecond earlier', () => {
    expect(code({ start: '2026-11-20T15:00:00.000Z', end: '2026-11-20T16:00:00Z', reason: 'r' })).toBe('accepted');
    expect(code({ start: '2026-11-20T14:59:59.999Z', end: '2026-11-20T16:00:00Z', reason: 'r' })).toBe(
      'MAINTENANCE_IN_PAST',
    );
  });

  it('needs the end after the start, a zoned instant each, and a reason', () => {
    expect(code({ start: '2026-11-21T10:00:00Z', end: '2026-11-21T10:00:00Z', reason: 'r' })).toBe(
      'MAINTENANCE_BAD_WINDOW',
    );
    expect(code({ start: '2026-11-21T10:00:00Z', end: '2026-11-21T09:00:00Z', reason: 'r' })).toBe(
      'MAINTENANCE_BAD_WINDOW',
    );
    expect(code({ start: '2026-11-21T10:00:00', end: '2026-11-21T11:00:00Z', reason: 'r' })).toBe(
      'MAINTENANCE_BAD_REQUEST',
    );
    expect(code({ start: '2026-11-21T10:00:00Z', end: '2026-11-21T11:00:00Z', reason: '   ' })).toBe(
      'MAINTENANCE_BAD_REQUEST',
    );
    expect(code(null)).toBe('MAINTENANCE_BAD_REQUEST');
  });

  it(`accepts a window of exactly ${MAX_MAINTENANCE_DAYS} days, refuses one a millisecond longer`, () => {
    expect(MAX_MAINTENANCE_DAYS).toBe(7);
    expect(code({ start: '2026-11-21T10:00:00Z', end: '2026-11-28T10:00:00.000Z', reason: 'r' })).toBe('accepted');
    expect(code({ start: '2026-11-21T10:00:00Z', end: '2026-11-28T10:00:00.001Z', reason: 'r' })).toBe(
      'MAINTENANCE_TOO_LONG',
    );
    expect(code({ start: '2026-11-21T10:00:00Z', end: '9999-12-31T23:59:59Z', reason: 'r' })).toBe(
      'MAINTENANCE_TOO_LONG',
    );
  });

  it('cancels a future window at its own start and a started one now; refuses an ended or cancelled one', () => {
    const windows = new MaintenanceWindows();
    const plan = validateMaintenancePlan(
      { start: '2026-11-21T10:00:00Z', end: '2026-11-21T12:00:00Z', reason: 'r' },
      NOW,
    );
    windows.apply(maintenanceEvents('K-001', 'M-1', plan, 'tech-ana'));
    const window = windows.forKiosk('K-001')[0]!;
    expect(cancellationEvent(window, NOW, 'boss')).toEqual({
      at: '2026-11-21T10:00:00.000Z',
      kioskId: 'K-001',
      type: 'maintenance.ended',
      maintenanceId: 'M-1',
      cancelledBy: 'boss',
    });
    expect(cancellationEvent(window, new Date('2026-11-21T11:15:00Z'), 'boss').at).toBe('2026-11-21T11:15:00.000Z');
    const refusal = (at: string) => {
      try {
        cancellationEvent(window, new Date(at), 'boss');
        return 'accepted';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    expect(refusal('2026-11-21T11:59:59.999Z')).toBe('accepted');
    expect(refusal('2026-11-21T12:00:00.000Z')).toBe('MAINTENANCE_OVER');
    // The live index follows the earliest end, as the SLA engine does, even appended after the planned end.
    windows.apply([cancellationEvent(window, new Date('2026-11-21T11:00:00Z'), 'boss')]);
    expect(windows.isActive('K-001', new Date('2026-11-21T10:59:59.999Z'))).toBe(true);
    expect(windows.isActive('K-001', new Date('2026-11-21T11:00:00Z'))).toBe(false);
    expect(windows.forKiosk('K-001')[0]).toMatchObject({ plannedBy: 'tech-ana', cancelledBy: 'boss' });
    expect(refusal('2026-11-21T10:30:00Z')).toBe('MAINTENANCE_ALREADY_CANCELLED');
  });

  it('records a plan as its started and ended events, the reason trimmed', () => {
    const plan = validateMaintenancePlan(
      { start: '2026-11-21T10:00:00+01:00', end: '2026-11-21T11:00:00Z', reason: '  printer swap ' },
      NOW,
    );
    expect(maintenanceEvents('K-001', 'M-1', plan, 'tech-ana')).toEqual([
      {
        at: '2026-11-21T09:00:00.000Z',
        kioskId: 'K-001',
        type: 'maintenance.started',
        maintenanceId: 'M-1',
        reason: 'printer swap',
        plannedBy: 'tech-ana',
      },
      { at: '2026-11-21T11:00:00.000Z', kioskId: 'K-001', type: 'maintenance.ended', maintenanceId: 'M-1' },
    ]);
  });
});
