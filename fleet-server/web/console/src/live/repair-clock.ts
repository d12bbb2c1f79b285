// The repair clock as the queue shows it (pure): the server sent seconds left as of `at` and whether the clock
// runs; the console counts down locally while it runs, and the queue is ordered by what is left (breached first).
import type { ConsoleIncident } from './console-types';

/** Seconds left now (negative once breached). `serverNowMs` is the server's clock as the client estimates it. */
export function secondsLeft(incident: ConsoleIncident, serverNowMs: number): number {
  if (!incident.clockRunning) return incident.repairSecondsLeft;
  const elapsed = Math.max(0, (serverNowMs - Date.parse(incident.at)) / 1000);
  return incident.repairSecondsLeft - elapsed;
}

export function isBreached(incident: ConsoleIncident, serverNowMs: number): boolean {
  return incident.withinSla === false || secondsLeft(incident, serverNowMs) <= 0;
}

/** Open and acknowledged incidents: breached first, then least time left; resolved ones are not in the queue. */
export function repairQueue(incidents: Iterable<ConsoleIncident>, serverNowMs: number): ConsoleIncident[] {
  const keyed = [...incidents]
    .filter((i) => i.state !== 'resolved')
    .map((incident) => ({
      incident,
      breached: isBreached(incident, serverNowMs) ? 0 : 1,
      left: secondsLeft(incident, serverNowMs),
    }));
  keyed.sort(
    (a, b) => a.breached - b.breached || a.left - b.left || a.incident.incidentId.localeCompare(b.incident.incidentId),
  );
  return keyed.map((k) => k.incident);
}
