// Test data (pure): an open incident as the feed pushes it, at a fixed instant, for the console's unit tests.
import type { ConsoleIncident } from './console-types';

export const FIXTURE_AT = Date.parse('2026-11-30T15:00:00Z');

export function incidentFixture(
  id: string,
  left: number,
  running: boolean,
  extra: Partial<ConsoleIncident> = {},
): ConsoleIncident {
  return {
    incidentId: id,
    kioskId: id,
    siteId: 's',
    detectedAt: '2026-11-30T14:00:00Z',
    components: ['printer'],
    repairSecondsLeft: left,
    clockRunning: running,
    withinSla: null,
    state: 'open',
    acknowledgedBy: null,
    assignee: null,
    at: new Date(FIXTURE_AT).toISOString(),
    ...extra,
  };
}
