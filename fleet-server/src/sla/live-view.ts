// The live view of the fleet (docs/sla.md "Fleet API" `GET /sla/now`, definitions 6 and 10): the operational
// fraction at `now`, the kiosks down, and the open incidents with their repair clock used and left.
import { z } from 'zod';
import type { SitesFile } from '@guichet/shared/sites/sites-file';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { contains } from './interval-set';
import { ServiceCalendars } from './service-calendar';
import { downTime, maintenanceTime, resolveTimelines } from './kiosk-timelines';
import { kioskBounds } from './compute-sla-report';
import { isCompliant } from './operational-sweep';
import { repairMillis, withinSla } from './repair-clock';
import { SlaOptions, instant, seconds, SlaClock } from './sla-report';

export const LiveView = z.object({
  at: z.string(),
  thresholds: z.object({ fleetOperational: z.number(), repairMinutes: z.number(), clock: SlaClock }),
  scheduledKiosks: z.number().int(),
  upKiosks: z.number().int(),
  operationalFraction: z.number().nullable(),
  compliant: z.boolean().nullable(),
  kiosksDown: z.array(
    z.object({ kioskId: z.string(), siteId: z.string(), scheduled: z.boolean(), downSince: z.string() }),
  ),
  openIncidents: z.array(
    z.object({
      kioskId: z.string(),
      siteId: z.string(),
      detectedAt: z.string(),
      components: z.array(z.string()),
      repairSecondsUsed: z.number(),
      repairSecondsLeft: z.number(),
      withinSla: z.boolean().nullable(),
    }),
  ),
});
export type LiveView = z.infer<typeof LiveView>;

export interface LiveViewInput {
  sites: SitesFile;
  events: readonly FleetEvent[];
  now: Date;
  clock?: SlaClock;
  threshold?: number;
  repairMinutes?: number;
}

export function computeLiveView(input: LiveViewInput): LiveView {
  const now = input.now.getTime();
  const options = SlaOptions.parse({
    clock: input.clock,
    threshold: input.threshold,
    repairMinutes: input.repairMinutes,
  });
  // Faults are facts only once they happened; planned maintenance may lie ahead and is kept.
  const known = input.events.filter((e) => e.type.startsWith('maintenance.') || Date.parse(e.at) <= now);
  const timelines = resolveTimelines(
    known,
    input.sites.kiosks.map((k) => k.id),
  );
  let earliest = now;
  for (const t of timelines.values())
    for (const i of t.incidents) if (i.repairedAt === null) earliest = Math.min(earliest, i.detectedAt);
  const calendars = new ServiceCalendars(new Map(input.sites.sites.map((s) => [s.id, s] as const)), earliest, now + 1);

  const view: LiveView = {
    at: instant(now),
    thresholds: { fleetOperational: options.threshold, repairMinutes: options.repairMinutes, clock: options.clock },
    scheduledKiosks: 0,
    upKiosks: 0,
    operationalFraction: null,
    compliant: null,
    kiosksDown: [],
    openIncidents: [],
  };
  for (const kiosk of input.sites.kiosks) {
    const timeline = timelines.get(kiosk.id)!;
    const maintenance = maintenanceTime(timeline);
    const hours = calendars.forSite(kiosk.siteId);
    const commissioned = contains(kioskBounds(kiosk), now);
    const scheduled = commissioned && contains(hours, now) && !contains(maintenance, now);
    const down = downTime(timeline).find(([s, e]) => s <= now && now < e);
    if (scheduled) view.scheduledKiosks++;
    if (scheduled && !down) view.upKiosks++;
    if (commissioned && down)
      view.kiosksDown.push({ kioskId: kiosk.id, siteId: kiosk.siteId, scheduled, downSince: instant(down[0]) });
    for (const incident of timeline.incidents) {
      if (incident.repairedAt !== null) continue;
      const usedMs = repairMillis({ clock: options.clock, serviceHours: hours, maintenance }, incident.detectedAt, now);
      const limitMs = options.repairMinutes * 60_000;
      view.openIncidents.push({
        kioskId: kiosk.id,
        siteId: kiosk.siteId,
        detectedAt: instant(incident.detectedAt),
        components: [...incident.components],
        repairSecondsUsed: seconds(usedMs),
        repairSecondsLeft: seconds(Math.max(0, limitMs - usedMs)),
        withinSla: withinSla(usedMs, false, options.repairMinutes),
      });
    }
  }
  if (view.scheduledKiosks > 0) {
    view.operationalFraction = view.upKiosks / view.scheduledKiosks;
    view.compliant = isCompliant(view.upKiosks, view.scheduledKiosks, Math.round(options.threshold * 10000));
  }
  view.openIncidents.sort((a, b) =>
    a.detectedAt < b.detectedAt ? -1 : a.detectedAt > b.detectedAt ? 1 : a.kioskId.localeCompare(b.kioskId),
  );
  return view;
}
