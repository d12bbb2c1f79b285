// Resolves the event log into per-kiosk faults, maintenance windows and incidents (docs/sla.md "Event log"
// and definition 9): events in order of `at`, detections before clears at one instant, ignored events dropped.
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { union, type IntervalSet } from './interval-set';

export interface ResolvedFault {
  faultId: string;
  component: string;
  detectedAt: number;
  /** `since ?? at`: when the kiosk really went down. */
  downFrom: number;
  clearedAt: number; // Infinity when never cleared
  detectedEvent: FleetEvent;
  clearedEvent: FleetEvent | null;
}

export interface ResolvedWindow {
  maintenanceId: string;
  start: number;
  end: number; // Infinity when never ended
  startedEvent: FleetEvent;
  endedEvent: FleetEvent | null;
}

export interface Incident {
  kioskId: string;
  detectedAt: number;
  repairedAt: number | null;
  components: string[];
  faults: ResolvedFault[];
}

export interface KioskTimeline {
  faults: ResolvedFault[];
  windows: ResolvedWindow[];
  incidents: Incident[];
}

/** Within one instant: detections, then maintenance, then clears (definition 9). */
const RANK: Record<FleetEvent['type'], number> = {
  'fault.detected': 0,
  'maintenance.started': 1,
  'maintenance.ended': 2,
  'fault.cleared': 3,
  // Not SLA inputs (the engine ignores them): last, so they never reorder the rest.
  'telemetry.quota-exceeded': 4,
  'security.link-contested': 4,
};

/** Stable order of `at`, detections before clears at one instant. */
export function orderEvents(events: readonly FleetEvent[]): FleetEvent[] {
  const keyed = events.map((event, index) => ({ event, index, at: Date.parse(event.at) }));
  // An append-ordered log is usually already in order: check before sorting.
  let ordered = true;
  for (let i = 1; i < keyed.length && ordered; i++) {
    const a = keyed[i - 1]!;
    const b = keyed[i]!;
    ordered = a.at < b.at || (a.at === b.at && RANK[a.event.type] <= RANK[b.event.type]);
  }
  if (ordered) return [...events];
  keyed.sort((a, b) => a.at - b.at || RANK[a.event.type] - RANK[b.event.type] || a.index - b.index);
  return keyed.map((k) => k.event);
}

/** One timeline per known kiosk; events of unknown kiosks and the ignored events of sla.md are dropped. */
export function resolveTimelines(
  events: readonly FleetEvent[],
  kioskIds: Iterable<string>,
): Map<string, KioskTimeline> {
  const timelines = new Map<string, KioskTimeline>();
  for (const id of kioskIds) timelines.set(id, { faults: [], windows: [], incidents: [] });
  // Fault and maintenance ids are scoped to their kiosk (docs/sla-engine.md).
  const faults = new Map<string, Map<string, ResolvedFault>>();
  const windows = new Map<string, Map<string, ResolvedWindow>>();
  const active = new Map<string, Set<ResolvedFault>>();
  const openIncident = new Map<string, Incident>();
  for (const id of timelines.keys()) {
    faults.set(id, new Map());
    windows.set(id, new Map());
    active.set(id, new Set());
  }
  for (const event of orderEvents(events)) {
    const timeline = timelines.get(event.kioskId);
    if (!timeline) continue;
    const at = Date.parse(event.at);
    const kioskFaults = faults.get(event.kioskId)!;
    const kioskActive = active.get(event.kioskId)!;
    switch (event.type) {
      case 'fault.detected': {
        if (kioskFaults.has(event.faultId)) break;
        const fault: ResolvedFault = {
          faultId: event.faultId,
          component: event.component,
          detectedAt: at,
          downFrom: event.since === undefined ? at : Date.parse(event.since),
          clearedAt: Infinity,
          detectedEvent: event,
          clearedEvent: null,
        };
        kioskFaults.set(event.faultId, fault);
        timeline.faults.push(fault);
        let incident = openIncident.get(event.kioskId);
        if (kioskActive.size === 0 || !incident) {
          incident = { kioskId: event.kioskId, detectedAt: at, repairedAt: null, components: [], faults: [] };
          openIncident.set(event.kioskId, incident);
          timeline.incidents.push(incident);
        }
        incident.faults.push(fault);
        if (!incident.components.includes(fault.component)) incident.components.push(fault.component);
        kioskActive.add(fault);
        break;
      }
      case 'fault.cleared': {
        const fault = kioskFaults.get(event.faultId);
        if (!fault || fault.clearedEvent) break;
        fault.clearedAt = at;
        fault.clearedEvent = event;
        kioskActive.delete(fault);
        if (kioskActive.size === 0) {
          const incident = openIncident.get(event.kioskId);
          if (incident) incident.repairedAt = at;
          openIncident.delete(event.kioskId);
        }
        break;
      }
      case 'maintenance.started': {
        const kioskWindows = windows.get(event.kioskId)!;
        if (kioskWindows.has(event.maintenanceId)) break;
        const window: ResolvedWindow = {
          maintenanceId: event.maintenanceId,
          start: at,
          end: Infinity,
          startedEvent: event,
          endedEvent: null,
        };
        kioskWindows.set(event.maintenanceId, window);
        timeline.windows.push(window);
        break;
      }
      case 'maintenance.ended': {
        const window = windows.get(event.kioskId)!.get(event.maintenanceId);
        if (!window || window.endedEvent) break;
        window.end = Math.max(at, window.start);
        window.endedEvent = event;
        break;
      }
    }
  }
  for (const timeline of timelines.values()) for (const incident of timeline.incidents) incident.components.sort();
  return timelines;
}

/** Definition 2: the union of [since ?? at, clearedAt) over the kiosk's faults. */
export function downTime(timeline: KioskTimeline): IntervalSet {
  return union(timeline.faults.map((f) => [f.downFrom, f.clearedAt] as const));
}

export function maintenanceTime(timeline: KioskTimeline): IntervalSet {
  return union(timeline.windows.map((w) => [w.start, w.end] as const));
}
