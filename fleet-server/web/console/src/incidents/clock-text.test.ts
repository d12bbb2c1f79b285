// The repair clock as the technician reads it, in both languages: left floored, over rounded up.
import { describe, expect, it } from 'vitest';
import { fixedT } from '../i18n';
import type { ConsoleIncident } from '../live/console-types';
import { clockText } from './clock-text';

const AT = Date.parse('2026-11-30T15:00:00Z');

function incident(left: number, running = true): ConsoleIncident {
  return {
    incidentId: 'i',
    kioskId: 'k',
    siteId: 's',
    detectedAt: '2026-11-30T14:00:00Z',
    components: ['printer'],
    repairSecondsLeft: left,
    clockRunning: running,
    withinSla: null,
    state: 'open',
    acknowledgedBy: null,
    assignee: null,
    at: new Date(AT).toISOString(),
  };
}

describe('clock text', () => {
  it('says 1 h 59 min left, not 2 h 00 min, with 119.2 minutes left', () => {
    expect(clockText(incident(7152), AT, fixedT('en'))).toBe('1 h 59 min left');
    expect(clockText(incident(7152), AT, fixedT('fr'))).toBe('Reste 1 h 59 min');
  });

  it('says less than a minute in the last minute, and counts down from the server instant', () => {
    expect(clockText(incident(100), AT + 41_000, fixedT('en'))).toBe('less than 1 min left');
    expect(clockText(incident(100), AT + 41_000, fixedT('fr'))).toBe('Reste moins d’une minute');
    expect(clockText(incident(45, false), AT, fixedT('en'))).toBe(
      'Paused (outside service hours): less than 1 min left',
    );
  });

  it('rounds the time over up once breached', () => {
    expect(clockText(incident(-61), AT, fixedT('en'))).toBe('Breached: over by 2 min');
    expect(clockText(incident(10), AT + 10_500, fixedT('fr'))).toBe('Délai dépassé de 1 min');
  });
});
