// The event-log export for a period (`GET /sla/events?from=&to=` of docs/sla.md "Fleet API", in the format of its
// "Event log"): the events the report of [from, to) depends on, whole faults and windows, so the `sla` command
// recomputes that report.
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { orderEvents, resolveTimelines } from './kiosk-timelines';

/**
 * Keeps, for kiosks of the sites file, both events of every fault and window that can touch the report of
 * [fromMs, toMs) (docs/sla-engine.md "API", `GET /sla/events`):
 * - faults of every incident alive at some instant of [from, to] (including one repaired exactly at `from`,
 *   which decides whether a detection at `from` opens an incident) — they fix which incidents exist and
 *   when they are repaired, even after `to`;
 * - faults whose down interval [since ?? at, clearedAt) meets [from, to);
 * - maintenance windows meeting [from, horizon], horizon being the latest repair of an incident detected in
 *   the period (repair clocks subtract maintenance).
 * Ignored events (duplicates, unknown faults, unknown kiosks) are left out: the command ignores them anyway.
 */
export function exportEvents(
  events: readonly FleetEvent[],
  kioskIds: Iterable<string>,
  fromMs: number,
  toMs: number,
): FleetEvent[] {
  const timelines = resolveTimelines(events, kioskIds);
  const keep = new Set<FleetEvent>();
  let horizon = toMs;
  for (const timeline of timelines.values()) {
    for (const incident of timeline.incidents) {
      const repaired = incident.repairedAt ?? Infinity;
      if (incident.detectedAt >= fromMs && incident.detectedAt < toMs)
        horizon = Math.max(horizon, incident.repairedAt ?? toMs);
      if (incident.detectedAt < toMs && repaired >= fromMs) {
        for (const fault of incident.faults) {
          keep.add(fault.detectedEvent);
          if (fault.clearedEvent) keep.add(fault.clearedEvent);
        }
      }
    }
    for (const fault of timeline.faults) {
      if (fault.downFrom < toMs && fault.clearedAt > fromMs) {
        keep.add(fault.detectedEvent);
        if (fault.clearedEvent) keep.add(fault.clearedEvent);
      }
    }
  }
  for (const timeline of timelines.values()) {
    for (const window of timeline.windows) {
      if (window.start <= horizon && window.end >= fromMs) {
        keep.add(window.startedEvent);
        if (window.endedEvent) keep.add(window.endedEvent);
      }
    }
  }
  return orderEvents(events.filter((e) => keep.has(e)));
}
