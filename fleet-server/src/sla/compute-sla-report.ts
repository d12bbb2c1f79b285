// The SLA engine (docs/sla.md "Definitions"): sites, kiosks, the event log, a period and options → the
// report of the `sla` command. Pure: no I/O, no clock; used by the command, the fleet API and the live view.
import { GuichetError } from '@guichet/shared';
import type { SitesFile, Site, KioskRecord } from '@guichet/shared/sites/sites-file';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { clip, measure, subtract, intersect, type IntervalSet } from './interval-set';
import { ServiceCalendars } from './service-calendar';
import { downTime, maintenanceTime, resolveTimelines, type Incident, type KioskTimeline } from './kiosk-timelines';
import { sweepOperational, type KioskSchedule } from './operational-sweep';
import { mean, p90, repairMillis, withinSla } from './repair-clock';
import { SlaOptions, instant, seconds, type SlaClock, type SlaIncident, type SlaReport } from './sla-report';

export interface SlaInput {
  sites: SitesFile;
  events: readonly FleetEvent[];
  from: Date;
  to: Date;
  clock?: SlaClock;
  threshold?: number;
  repairMinutes?: number;
}

/** What the engine knows about the fleet over a range: per-kiosk timelines and service calendars. */
export interface FleetModel {
  sitesById: Map<string, Site>;
  kiosksById: Map<string, KioskRecord>;
  timelines: Map<string, KioskTimeline>;
  calendars: ServiceCalendars;
}

export function checkPeriod(from: Date, to: Date): { fromMs: number; toMs: number } {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
    throw new GuichetError('SLA_BAD_PERIOD', 'from and to must be ISO-8601 instants');
  if (!(fromMs < toMs))
    throw new GuichetError('SLA_BAD_PERIOD', `from (${from.toISOString()}) must be before to (${to.toISOString()})`);
  return { fromMs, toMs };
}

export function kioskBounds(kiosk: KioskRecord): IntervalSet {
  const start = kiosk.commissionedAt ? Date.parse(kiosk.commissionedAt) : -Infinity;
  const end = kiosk.decommissionedAt ? Date.parse(kiosk.decommissionedAt) : Infinity;
  return end > start ? [[start, end]] : [];
}

/** The latest instant any incident detected in [fromMs, toMs) needs on its repair clock. */
function repairHorizon(timelines: Map<string, KioskTimeline>, fromMs: number, toMs: number): number {
  let horizon = toMs;
  for (const timeline of timelines.values()) {
    for (const incident of timeline.incidents) {
      if (incident.detectedAt >= fromMs && incident.detectedAt < toMs && incident.repairedAt !== null) {
        horizon = Math.max(horizon, incident.repairedAt);
      }
    }
  }
  return horizon;
}

export function buildFleetModel(
  sites: SitesFile,
  events: readonly FleetEvent[],
  fromMs: number,
  toMs: number,
): FleetModel {
  const sitesById = new Map(sites.sites.map((s) => [s.id, s] as const));
  const timelines = resolveTimelines(
    events,
    sites.kiosks.map((k) => k.id),
  );
  const calendars = new ServiceCalendars(sitesById, fromMs, repairHorizon(timelines, fromMs, toMs));
  return { sitesById, kiosksById: new Map(sites.kiosks.map((k) => [k.id, k] as const)), timelines, calendars };
}

/** Definition 1: service hours ∩ period ∩ commissioned life − maintenance. */
export function scheduledTime(
  model: FleetModel,
  kiosk: KioskRecord,
  fromMs: number,
  toMs: number,
  clipped = new Map<string, IntervalSet>(),
): IntervalSet {
  const timeline = model.timelines.get(kiosk.id)!;
  let hours = clipped.get(kiosk.siteId);
  if (!hours) {
    hours = clip(model.calendars.forSite(kiosk.siteId), fromMs, toMs);
    clipped.set(kiosk.siteId, hours);
  }
  const bounds = kioskBounds(kiosk);
  const inService =
    bounds.length === 1 && bounds[0]![0] <= fromMs && bounds[0]![1] >= toMs ? hours : intersect(hours, bounds);
  return subtract(inService, maintenanceTime(timeline));
}

export function incidentFigures(
  model: FleetModel,
  incident: Incident,
  maintenance: IntervalSet,
  toMs: number,
  clock: SlaClock,
  repairMinutes: number,
): SlaIncident {
  const kiosk = model.kiosksById.get(incident.kioskId);
  const end = incident.repairedAt ?? toMs;
  const repairMs = repairMillis(
    { clock, serviceHours: kiosk ? model.calendars.forSite(kiosk.siteId) : [], maintenance },
    incident.detectedAt,
    end,
  );
  return {
    kioskId: incident.kioskId,
    detectedAt: instant(incident.detectedAt),
    repairedAt: incident.repairedAt === null ? null : instant(incident.repairedAt),
    repairSeconds: seconds(repairMs),
    withinSla: withinSla(repairMs, incident.repairedAt !== null, repairMinutes),
    components: [...incident.components],
  };
}

export function computeSlaReport(input: SlaInput): SlaReport {
  const { fromMs, toMs } = checkPeriod(input.from, input.to);
  const options = SlaOptions.parse({
    clock: input.clock,
    threshold: input.threshold,
    repairMinutes: input.repairMinutes,
  });
  const model = buildFleetModel(input.sites, input.events, fromMs, toMs);

  const schedules: KioskSchedule[] = [];
  const kiosks: SlaReport['kiosks'] = [];
  let scheduledMs = 0;
  let upMs = 0;
  const clipped = new Map<string, IntervalSet>(); // each site's hours within the period, shared by its kiosks
  for (const kiosk of input.sites.kiosks) {
    const scheduled = scheduledTime(model, kiosk, fromMs, toMs, clipped);
    const up = subtract(scheduled, downTime(model.timelines.get(kiosk.id)!));
    const s = measure(scheduled);
    const u = measure(up);
    scheduledMs += s;
    upMs += u;
    schedules.push({ scheduled, up });
    kiosks.push({
      kioskId: kiosk.id,
      siteId: kiosk.siteId,
      scheduledSeconds: seconds(s),
      upSeconds: seconds(u),
      availability: s > 0 ? u / s : null,
    });
  }
  const operational = sweepOperational(schedules, options.threshold);

  const incidents: SlaIncident[] = [];
  for (const kiosk of input.sites.kiosks) {
    const timeline = model.timelines.get(kiosk.id)!;
    const maintenance = maintenanceTime(timeline);
    for (const incident of timeline.incidents) {
      if (incident.detectedAt < fromMs || incident.detectedAt >= toMs) continue;
      incidents.push(incidentFigures(model, incident, maintenance, toMs, options.clock, options.repairMinutes));
    }
  }
  incidents.sort((a, b) =>
    a.detectedAt < b.detectedAt
      ? -1
      : a.detectedAt > b.detectedAt
        ? 1
        : a.kioskId < b.kioskId
          ? -1
          : a.kioskId > b.kioskId
            ? 1
            : 0,
  );

  const repaired = incidents.filter((i) => i.repairedAt !== null).map((i) => i.repairSeconds);
  const within = incidents.filter((i) => i.withinSla === true).length;
  const breached = incidents.filter((i) => i.withinSla === false).length;
  return {
    period: { from: instant(fromMs), to: instant(toMs) },
    thresholds: { fleetOperational: options.threshold, repairMinutes: options.repairMinutes, clock: options.clock },
    fleet: {
      scheduledSeconds: seconds(scheduledMs),
      upSeconds: seconds(upMs),
      availability: scheduledMs > 0 ? upMs / scheduledMs : null,
      measuredSeconds: seconds(operational.measuredMs),
      compliantSeconds: seconds(operational.compliantMs),
      compliance: operational.measuredMs > 0 ? operational.compliantMs / operational.measuredMs : null,
      minOperationalFraction: operational.minOperationalFraction,
      breaches: operational.breaches.map((b) => ({
        from: instant(b.from),
        to: instant(b.to),
        minOperationalFraction: b.minOperationalFraction,
      })),
    },
    kiosks,
    incidents,
    repair: {
      incidents: incidents.length,
      closed: repaired.length,
      withinSla: within,
      breached,
      compliance: within + breached > 0 ? within / (within + breached) : null,
      meanRepairSeconds: mean(repaired),
      p90RepairSeconds: p90(repaired),
    },
  };
}
