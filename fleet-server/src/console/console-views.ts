// The console's shapes built from the fleet's own views (pure): a kiosk from the monitor's view, an incident from the
// SLA live view with its repair clock's state now, the SLA figure from the live view and the month's trend.
import type { KioskView } from '../telemetry/kiosk-status';
import type { LiveView } from '../sla/live-view';
import { contains, type IntervalSet } from '../sla/interval-set';
import type { SlaClock } from '../sla/sla-report';
import type { ConsoleIncident, ConsoleKiosk, ConsoleSla } from './console-protocol';

import { incidentId } from '../incidents/incident-id';

export { incidentId };

export function consoleKiosk(view: KioskView): ConsoleKiosk {
  return {
    id: view.id,
    siteId: view.siteId,
    status: view.status,
    lastHeartbeatAt: view.lastHeartbeatAt,
    softwareVersion: view.softwareVersion,
    devices: view.devices,
    openFaults: view.openFaults,
  };
}

/**
 * Whether an incident's repair clock runs at `now` (docs/sla.md definition 10): on the service-hours clock only inside
 * the site's service hours, on either clock never inside the kiosk's planned maintenance.
 */
export function clockRunning(clock: SlaClock, serviceHours: IntervalSet, inMaintenance: boolean, now: number): boolean {
  if (inMaintenance) return false;
  return clock === 'wall' || contains(serviceHours, now);
}

/** What people have done about an incident (the incidents store's state); absent: nobody has touched it yet. */
export interface IncidentHumanState {
  state: ConsoleIncident['state'];
  acknowledgedBy: string | null;
  assignee: string | null;
}

export const UNTOUCHED: IncidentHumanState = { state: 'open', acknowledgedBy: null, assignee: null };

export function consoleIncident(
  open: LiveView['openIncidents'][number],
  at: string,
  running: boolean,
  human: IncidentHumanState = UNTOUCHED,
): ConsoleIncident {
  return {
    incidentId: incidentId(open.kioskId, new Date(open.detectedAt)),
    kioskId: open.kioskId,
    siteId: open.siteId,
    detectedAt: open.detectedAt,
    components: open.components,
    repairSecondsLeft: open.repairSecondsLeft,
    clockRunning: running,
    withinSla: open.withinSla,
    state: human.state,
    acknowledgedBy: human.acknowledgedBy,
    assignee: human.assignee,
    at,
  };
}

export function consoleSla(view: LiveView, trend: ConsoleSla['trend']): ConsoleSla {
  return {
    at: view.at,
    operationalFraction: view.operationalFraction,
    threshold: view.thresholds.fleetOperational,
    scheduledKiosks: view.scheduledKiosks,
    upKiosks: view.upKiosks,
    trend: withNow(trend, view.operationalFraction),
  };
}

/**
 * Today's point is the lowest fraction of the day so far, recomputed every few minutes; the live figure is a fraction
 * of today too, so the point is never above it (the chart does not show 100 % while the figure says 95 %).
 */
function withNow(trend: ConsoleSla['trend'], live: number | null): ConsoleSla['trend'] {
  const today = trend.at(-1);
  if (!today || live === null) return trend;
  const lowest = today.minOperationalFraction === null ? live : Math.min(today.minOperationalFraction, live);
  return [...trend.slice(0, -1), { ...today, minOperationalFraction: lowest }];
}

/**
 * What of an incident, once pushed, is worth pushing again: not `at` nor the seconds left, which the console counts
 * down itself while the clock runs; a clock that stops or starts, a breach, a state change or new components are.
 */
export function incidentChangeKey(incident: ConsoleIncident): string {
  const { at: _at, repairSecondsLeft, ...rest } = incident;
  return JSON.stringify(incident.clockRunning ? rest : { ...rest, repairSecondsLeft });
}

/** A kiosk's pushed content, without the heartbeat time that moves every few seconds and changes nothing shown. */
export function kioskChangeKey(kiosk: ConsoleKiosk): string {
  const { lastHeartbeatAt: _lastHeartbeatAt, ...rest } = kiosk;
  return JSON.stringify(rest);
}
