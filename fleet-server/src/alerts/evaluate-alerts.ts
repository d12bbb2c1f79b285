// Which alerts the fleet owes now, as a pure function of the SLA engine's live view, what was already raised and the
// time: repair clocks and the operational fraction come from the live view only (one clock for SLA and alerts), and
// each (trigger, incident) is raised once, whatever the number of ticks or restarts in between.
import type { LiveView } from '../sla/live-view';
import { incidentId } from '../incidents/incident-id';

export type AlertTrigger =
  | 'incident.opened'
  | 'incident.clock-warning'
  | 'incident.breached'
  | 'incident.escalated'
  | 'fleet.degraded'
  | 'fleet.recovered'
  | 'security';

/** Who receives an alert (contacts of the alerts file). */
export type Audience = 'primary' | 'secondary' | 'both';

export type OpenIncident = LiveView['openIncidents'][number];

export interface FleetSnapshot {
  operationalFraction: number | null;
  threshold: number;
  upKiosks: number;
  scheduledKiosks: number;
  /** Kiosks down now and scheduled (ids only). */
  kiosksDown: string[];
  /** The degraded alert this one answers (recovered only). */
  degradedAt?: string;
}

export interface SecurityDetails {
  kioskId: string;
  code: string;
  message: string;
  at: string;
}

export interface Alert {
  /** Dedupe key, `${trigger}:${subject}`: raised once, ever. */
  key: string;
  trigger: AlertTrigger;
  /** The incident id, the degraded episode's start, or the security event's identity. */
  subject: string;
  audience: Audience;
  /** When it was raised. */
  at: string;
  incident?: OpenIncident & { incidentId: string };
  fleet?: FleetSnapshot;
  security?: SecurityDetails;
}

/** One alert raised (sent, or covered by a more urgent one raised at the same tick). */
export interface RaisedAlert {
  key: string;
  trigger: AlertTrigger;
  subject: string;
  at: string;
}

export interface AlertState {
  raised: ReadonlyMap<string, RaisedAlert>;
}

export interface AlertRules {
  clockWarningMinutes: number;
  escalateAfterMinutes: number;
}

export interface EvaluationInput {
  view: LiveView;
  state: AlertState;
  now: Date;
  rules: AlertRules;
  /** Open incidents a person has acknowledged (the incidents store's isAcknowledged, asked by the caller). */
  acknowledged: ReadonlySet<string>;
}

export interface Evaluation {
  /** What to send. */
  alerts: Alert[];
  /** What to record as raised (the alerts, and the lesser stages they cover). */
  raised: RaisedAlert[];
  /** The state for the next evaluation: only what can still matter (open incidents, an open degraded episode). */
  state: AlertState;
}

/** The incident id (incidents/incident-id.ts) of an incident of the live view, whose detection is an ISO string. */
export function incidentIdOf(kioskId: string, detectedAt: string): string {
  return incidentId(kioskId, new Date(detectedAt));
}

export const alertKey = (trigger: AlertTrigger, subject: string): string => `${trigger}:${subject}`;

const STAGES = ['incident.opened', 'incident.clock-warning', 'incident.breached'] as const;
const STAGE_AUDIENCE: Record<(typeof STAGES)[number], Audience> = {
  'incident.opened': 'primary',
  'incident.clock-warning': 'primary',
  // The contract is broken: whoever answers for the technicians hears it too.
  'incident.breached': 'both',
};

/** How far along its repair clock an incident is: 0 open, 1 warning, 2 breached. */
function stageOf(incident: OpenIncident, rules: AlertRules): number {
  if (incident.withinSla === false) return 2;
  if (incident.repairSecondsLeft <= rules.clockWarningMinutes * 60) return 1;
  return 0;
}

/** The degraded episode still open in `raised` (a degraded alert without its recovered one), if any. */
export function openDegradedEpisode(raised: ReadonlyMap<string, RaisedAlert>): RaisedAlert | undefined {
  for (const entry of raised.values())
    if (entry.trigger === 'fleet.degraded' && !raised.has(alertKey('fleet.recovered', entry.subject))) return entry;
  return undefined;
}

export function evaluateAlerts(input: EvaluationInput): Evaluation {
  const { view, rules, now } = input;
  const at = now.toISOString();
  const raised = new Map(input.state.raised);
  const alerts: Alert[] = [];
  const newlyRaised: RaisedAlert[] = [];
  const record = (trigger: AlertTrigger, subject: string): RaisedAlert => {
    const entry = { key: alertKey(trigger, subject), trigger, subject, at };
    raised.set(entry.key, entry);
    newlyRaised.push(entry);
    return entry;
  };

  const open = new Set<string>();
  for (const incident of view.openIncidents) {
    const incidentId = incidentIdOf(incident.kioskId, incident.detectedAt);
    open.add(incidentId);
    const details = { ...incident, incidentId };
    // First seen late (a restart, a fault found at the end of its clock): one message at the most urgent stage,
    // which covers the lesser ones, rather than three at once.
    const stage = stageOf(incident, rules);
    const pending = STAGES.slice(0, stage + 1).filter((trigger) => !raised.has(alertKey(trigger, incidentId)));
    const urgent = pending.at(-1);
    if (urgent !== undefined && urgent === STAGES[stage]) {
      const entries = pending.map((trigger) => record(trigger, incidentId));
      alerts.push({ ...entries.at(-1)!, audience: STAGE_AUDIENCE[urgent], incident: details });
    }
    const first = firstRaisedAt(raised, incidentId);
    const escalation = alertKey('incident.escalated', incidentId);
    if (
      first !== undefined &&
      !raised.has(escalation) &&
      !input.acknowledged.has(incidentId) &&
      now.getTime() - first >= rules.escalateAfterMinutes * 60_000
    )
      alerts.push({ ...record('incident.escalated', incidentId), audience: 'secondary', incident: details });
  }

  const fleet = (degradedAt?: string): FleetSnapshot => ({
    operationalFraction: view.operationalFraction,
    threshold: view.thresholds.fleetOperational,
    upKiosks: view.upKiosks,
    scheduledKiosks: view.scheduledKiosks,
    kiosksDown: view.kiosksDown.filter((k) => k.scheduled).map((k) => k.kioskId),
    ...(degradedAt === undefined ? {} : { degradedAt }),
  });
  // `compliant` is the engine's exact integer comparison; null (nothing scheduled, e.g. at night) changes nothing.
  const episode = openDegradedEpisode(raised);
  if (view.compliant === false && episode === undefined)
    alerts.push({ ...record('fleet.degraded', at), audience: 'both', fleet: fleet() });
  else if (view.compliant === true && episode !== undefined)
    alerts.push({ ...record('fleet.recovered', episode.subject), audience: 'both', fleet: fleet(episode.subject) });

  // Keep what can still matter: raised entries of open incidents and of a degraded episode still open.
  const stillOpen = openDegradedEpisode(raised);
  const kept = new Map(
    [...raised].filter(([, entry]) =>
      entry.trigger.startsWith('incident.') ? open.has(entry.subject) : entry === stillOpen,
    ),
  );
  return { alerts, raised: newlyRaised, state: { raised: kept } };
}

function firstRaisedAt(raised: ReadonlyMap<string, RaisedAlert>, incidentId: string): number | undefined {
  let first: number | undefined;
  for (const trigger of STAGES) {
    const entry = raised.get(alertKey(trigger, incidentId));
    if (entry !== undefined) first = Math.min(first ?? Infinity, Date.parse(entry.at));
  }
  return first;
}
