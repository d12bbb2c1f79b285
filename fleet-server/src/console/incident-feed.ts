// The incident queue the console shows: the SLA engine's open incidents (same detection rule, same repair clock)
// with whether each clock runs now and what people did about it. The gateway reads an IncidentFeed; this one is
// fed by the live view the SLA push computes anyway, so incidents cost no extra pass over the event log.
import type { Site } from '@guichet/shared';
import type { LiveView } from '../sla/live-view';
import { ServiceCalendars } from '../sla/service-calendar';
import type { SlaClock } from '../sla/sla-report';
import type { ConsoleIncident } from './console-protocol';
import { clockRunning, consoleIncident, type IncidentHumanState } from './console-views';

/** The open incidents, and a notification when any of them changes (a refresh, an acknowledgement, a repair). */
export interface IncidentFeed {
  current(): readonly ConsoleIncident[];
  onChange(listener: () => void): () => void;
}

/** Human state kept beside incidents (the incidents store): looked up by incident id, with its own notification. */
export interface IncidentStateSource {
  stateOf(incidentId: string): IncidentHumanState | undefined;
  onChange(listener: () => void): () => void;
}

export interface LiveViewIncidentFeedDeps {
  sites: () => ReadonlyMap<string, Site>;
  /** Whether the kiosk is inside a planned maintenance window at `at` (the maintenance store). */
  inMaintenance: (kioskId: string, at: Date) => boolean;
  clock: SlaClock;
  human?: IncidentStateSource;
}

const HOUR_MS = 3_600_000;

export class LiveViewIncidentFeed implements IncidentFeed {
  private open: LiveView['openIncidents'] = [];
  private at = new Date(0);
  private incidents: ConsoleIncident[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribeHuman: (() => void) | undefined;

  constructor(private readonly deps: LiveViewIncidentFeedDeps) {
    this.unsubscribeHuman = deps.human?.onChange(() => this.rebuild());
  }

  /** Takes the open incidents of a freshly computed live view (its instant is the clocks' "now"). */
  update(view: LiveView): void {
    this.open = view.openIncidents;
    this.at = new Date(view.at);
    this.rebuild();
  }

  current(): readonly ConsoleIncident[] {
    return this.incidents;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribeHuman?.();
    this.listeners.clear();
  }

  private rebuild(): void {
    const now = this.at.getTime();
    // Only whether `now` is inside the hours matters: a calendar around it is enough.
    const calendars = new ServiceCalendars(this.deps.sites(), now - 24 * HOUR_MS, now + HOUR_MS);
    this.incidents = this.open.map((open) => {
      const running = clockRunning(
        this.deps.clock,
        calendars.forSite(open.siteId),
        this.deps.inMaintenance(open.kioskId, this.at),
        now,
      );
      const built = consoleIncident(open, this.at.toISOString(), running);
      const human = this.deps.human?.stateOf(built.incidentId);
      return human ? { ...built, ...human } : built;
    });
    for (const listener of this.listeners) listener();
  }
}
