// Incidents as the SLA engine sees them (pure): the event log resolved by the engine's own timelines (definition 9)
// and each incident's repair clock from the engine's own figures (definitions 10–11), never a second rule. The same
// inputs give the same open incidents, clocks and verdicts as GET /sla/now and the report.
import type { SitesFile } from '@guichet/shared/sites/sites-file';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { incidentFigures, type FleetModel } from '../sla/compute-sla-report';
import { maintenanceTime, resolveTimelines } from '../sla/kiosk-timelines';
import { ServiceCalendars } from '../sla/service-calendar';
import { repairMillis } from '../sla/repair-clock';
import { SlaOptions, instant, seconds } from '../sla/sla-report';
import { incidentId } from './incident-id';

export interface EngineFault {
  faultId: string;
  component: string;
  code: string | null;
  detectedAt: string;
  clearedAt: string | null;
}

export interface EngineIncident {
  incidentId: string;
  kioskId: string;
  siteId: string;
  region: string | null;
  detectedAt: string;
  /** When the engine saw the last fault cleared; null while open. */
  repairedAt: string | null;
  components: string[];
  faults: EngineFault[];
  repairSecondsUsed: number;
  /** The limit minus the time used, never below 0 (as GET /sla/now shows it). */
  repairSecondsLeft: number;
  /** Whether the clock counts at `at` (open, inside service hours, outside planned maintenance). */
  clockRunning: boolean;
  withinSla: boolean | null;
  /** Limit minus used, in ms, below 0 once breached: the queue's sort key. */
  marginMs: number;
}

export interface EngineInput {
  sites: SitesFile;
  events: readonly FleetEvent[];
  now: Date;
  options?: Partial<SlaOptions>;
  /** Which incidents to figure (by default all); the calendars span only the ones kept. */
  keep?: (incident: { kioskId: string; detectedAt: number; repairedAt: number | null }) => boolean;
}

export function engineIncidents(input: EngineInput): EngineIncident[] {
  const now = input.now.getTime();
  const options = SlaOptions.parse(input.options ?? {});
  // As the live view: faults are facts only once they happened; planned maintenance may lie ahead and is kept.
  const known = input.events.filter((e) => e.type.startsWith('maintenance.') || Date.parse(e.at) <= now);
  const timelines = resolveTimelines(
    known,
    input.sites.kiosks.map((k) => k.id),
  );
  let earliest = now;
  const kept: Array<{ kioskId: string; index: number }> = [];
  for (const [kioskId, timeline] of timelines) {
    timeline.incidents.forEach((incident, index) => {
      if (input.keep && !input.keep(incident)) return;
      kept.push({ kioskId, index });
      earliest = Math.min(earliest, incident.detectedAt);
    });
  }
  if (kept.length === 0) return [];
  // The calendars cover every kept clock: from the earliest detection to now (every repair kept is before now).
  const sitesById = new Map(input.sites.sites.map((s) => [s.id, s] as const));
  const model: FleetModel = {
    sitesById,
    kiosksById: new Map(input.sites.kiosks.map((k) => [k.id, k] as const)),
    timelines,
    calendars: new ServiceCalendars(sitesById, earliest, now + 1),
  };
  const limitMs = options.repairMinutes * 60_000;
  const result: EngineIncident[] = [];
  for (const { kioskId, index } of kept) {
    const timeline = model.timelines.get(kioskId)!;
    const incident = timeline.incidents[index]!;
    const kiosk = model.kiosksById.get(kioskId)!;
    const maintenance = maintenanceTime(timeline);
    const figures = incidentFigures(model, incident, maintenance, now, options.clock, options.repairMinutes);
    const usedMs = Math.round(figures.repairSeconds * 1000);
    const clockRunning =
      incident.repairedAt === null &&
      repairMillis(
        { clock: options.clock, serviceHours: model.calendars.forSite(kiosk.siteId), maintenance },
        now,
        now + 1,
      ) > 0;
    result.push({
      incidentId: incidentId(kioskId, new Date(incident.detectedAt)),
      kioskId,
      siteId: kiosk.siteId,
      region: model.sitesById.get(kiosk.siteId)?.region ?? null,
      detectedAt: figures.detectedAt,
      repairedAt: figures.repairedAt,
      components: figures.components,
      faults: incident.faults.map((f) => ({
        faultId: f.faultId,
        component: f.component,
        code: f.detectedEvent.type === 'fault.detected' ? (f.detectedEvent.code ?? null) : null,
        detectedAt: instant(f.detectedAt),
        clearedAt: Number.isFinite(f.clearedAt) ? instant(f.clearedAt) : null,
      })),
      repairSecondsUsed: figures.repairSeconds,
      repairSecondsLeft: seconds(Math.max(0, limitMs - usedMs)),
      clockRunning,
      withinSla: figures.withinSla,
      marginMs: limitMs - usedMs,
    });
  }
  return result;
}

/**
 * The queue's order: open incidents first, by time left on the clock ascending (breached ones first, the most
 * overdue first), then repaired ones awaiting their resolution note in the same order; ties by detection, kiosk.
 */
export function byTimeLeft(a: EngineIncident, b: EngineIncident): number {
  const openA = a.repairedAt === null ? 0 : 1;
  const openB = b.repairedAt === null ? 0 : 1;
  if (openA !== openB) return openA - openB;
  if (a.marginMs !== b.marginMs) return a.marginMs - b.marginMs;
  if (a.detectedAt !== b.detectedAt) return a.detectedAt < b.detectedAt ? -1 : 1;
  return a.kioskId < b.kioskId ? -1 : a.kioskId > b.kioskId ? 1 : 0;
}
