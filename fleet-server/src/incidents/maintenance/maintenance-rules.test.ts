// The rules of a maintenance plan, by value: the boundaries of "not in the past" and "end after start".
import { describe, expect, it } from 'vitest';
import { maintenanceEvents, validateMaintenancePlan } from './maintenance-rules';

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

  it('records a plan as its started and ended events, the reason trimmed', () => {
    const plan = validateMaintenancePlan(
      { start: '2026-11-21T10:00:00+01:00', end: '2026-11-21T11:00:00Z', reason: '  printer swap ' },
      NOW,
    );
    expect(maintenanceEvents('K-001', 'M-1', plan)).toEqual([
      {
        at: '2026-11-21T09:00:00.000Z',
        kioskId: 'K-001',
        type: 'maintenance.started',
        maintenanceId: 'M-1',
        reason: 'printer swap',
      },
      { at: '2026-11-21T11:00:00.000Z', kioskId: 'K-001', type: 'maintenance.ended', maintenanceId: 'M-1' },
    ]);
  });
});
