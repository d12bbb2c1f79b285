// Incidents for people: the SLA engine's incidents (engine-incidents) joined with their human state (incident-store),
// seen through the asker's scope, and every action recorded in the audit log in the same transaction as its effect.
// The console's gateway follows onChange; the alerts read isAcknowledged.
import { z } from 'zod';
import { GuichetError } from '@guichet/shared';
import type { SitesFile } from '@guichet/shared/sites/sites-file';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { canSee, type Principal } from '../auth/principal';
import type { Actor } from '../audit/audit-actor';
import type { AuditLog } from '../audit/audit-log';
import type { EventLog } from '../storage/event-log';
import type { Db } from '../storage/database';
import type { SlaOptions } from '../sla/sla-report';
import { resolveTimelines } from '../sla/kiosk-timelines';
import { ChangeNotifier, type ChangeListener, type IncidentChange } from './change-notifier';
import { byTimeLeft, engineIncidents, type EngineIncident } from './engine-incidents';
import { incidentId as idOf, parseIncidentId } from './incident-id';
import { actionRefusal, incidentStatus, IncidentStatus, type IncidentAction } from './incident-rules';
import { NO_HUMAN_STATE, type HistoryEntry, type IncidentHumanState, type IncidentStore } from './incident-store';
import type { RestockTask, RestockTasks } from './restock/restock-tasks';

export const IncidentView = z.object({
  incidentId: z.string(),
  kioskId: z.string(),
  siteId: z.string(),
  region: z.string().nullable(),
  status: IncidentStatus,
  detectedAt: z.string(),
  repairedAt: z.string().nullable(),
  components: z.array(z.string()),
  faults: z.array(
    z.object({
      faultId: z.string(),
      component: z.string(),
      code: z.string().nullable(),
      detectedAt: z.string(),
      clearedAt: z.string().nullable(),
    }),
  ),
  repairSecondsUsed: z.number(),
  repairSecondsLeft: z.number(),
  clockRunning: z.boolean(),
  withinSla: z.boolean().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  assignee: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  /** The instant the clock figures are computed at (the console counts down from it). */
  at: z.string(),
});
export type IncidentView = z.infer<typeof IncidentView>;

export const IncidentHistoryEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.enum(['acknowledge', 'assign', 'note', 'resolve']),
  text: z.string().nullable(),
});
export const IncidentDetail = IncidentView.extend({ history: z.array(IncidentHistoryEntry) });
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentFilter = z.enum(['active', 'open', 'repaired', 'resolved', 'all']);
export type IncidentFilter = z.infer<typeof IncidentFilter>;

export interface IncidentQuery {
  /** active (default): open or repaired without a resolution; or one status; or all. */
  status?: IncidentFilter;
  /** Incidents no longer open are listed when repaired since then (default: 30 days before now). */
  since?: Date;
  kioskId?: string;
}

export const DEFAULT_HISTORY_DAYS = 30;

/** Where the service reads the fleet: the sites, the event log, and the faults the monitor sees open now. */
export interface IncidentServiceDeps {
  db: Db;
  store: IncidentStore;
  tasks: RestockTasks;
  audit: AuditLog;
  events: EventLog;
  sites: () => SitesFile;
  openFaults: (kioskId: string) => ReadonlyArray<{ faultId: string; component: string }>;
  now: () => Date;
  sla?: Partial<SlaOptions>;
  onListenerError?: (error: unknown) => void;
}

export { canSee };

export class IncidentService {
  private readonly changes: ChangeNotifier<IncidentChange>;
  private unsubscribe: Array<() => void> = [];

  constructor(private readonly deps: IncidentServiceDeps) {
    this.changes = new ChangeNotifier(deps.onListenerError);
  }

  /** Follows the event log (faults opening and clearing change incidents) and the restock tasks. */
  start(): void {
    this.unsubscribe.push(
      this.deps.events.onAppend((events) => {
        const kiosks = new Set(events.filter((e) => e.type.startsWith('fault.')).map((e) => e.kioskId));
        for (const kioskId of kiosks) this.changes.emit({ kind: 'faults', kioskId });
      }),
      this.deps.tasks.changes.onChange((change) => this.changes.emit(change)),
    );
  }

  stop(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }

  /** In-process notification of every change to incidents and tasks; returns the unsubscribe function. */
  onChange(listener: ChangeListener<IncidentChange>): () => void {
    return this.changes.onChange(listener);
  }

  /** Whether a person acknowledged the incident (the alerts escalate the ones nobody did). */
  isAcknowledged(incidentId: string): boolean {
    return this.deps.store.isAcknowledged(incidentId);
  }

  /** What people did about an incident (acknowledged, assigned, resolved), for the console's live queue. */
  humanState(incidentId: string): IncidentHumanState {
    return this.deps.store.state(incidentId);
  }

  /** The incident queue the principal may see, sorted by time left on the clock (byTimeLeft). */
  list(principal: Principal, query: IncidentQuery = {}): IncidentView[] {
    const now = this.deps.now();
    const since = (query.since ?? new Date(now.getTime() - DEFAULT_HISTORY_DAYS * 86_400_000)).getTime();
    const sites = this.deps.sites();
    const regions = this.regionsOf(sites);
    const events = query.kioskId === undefined ? this.deps.events.snapshot() : this.kioskEvents(query.kioskId);
    const engine = engineIncidents({
      sites,
      events,
      now,
      ...(this.deps.sla ? { options: this.deps.sla } : {}),
      keep: (i) =>
        (query.kioskId === undefined || i.kioskId === query.kioskId) &&
        canSee(principal, regions.get(i.kioskId) ?? null) &&
        (i.repairedAt === null || i.repairedAt >= since),
    });
    const states = this.deps.store.states(query.kioskId);
    const filter = query.status ?? 'active';
    return engine
      .sort(byTimeLeft)
      .map((incident) => this.view(incident, states.get(incident.incidentId), now))
      .filter((v) => filter === 'all' || (filter === 'active' ? v.status !== 'resolved' : v.status === filter));
  }

  /** One incident with its history, or undefined when there is none the principal may see. */
  get(principal: Principal, incidentId: string): IncidentDetail | undefined {
    const found = this.find(principal, incidentId);
    if (!found) return undefined;
    return {
      ...this.view(found, this.deps.store.state(incidentId), this.deps.now()),
      history: this.history(incidentId),
    };
  }

  acknowledge(principal: Principal, actor: Actor, incidentId: string): IncidentDetail {
    return this.act(principal, actor, incidentId, 'acknowledge', (incident, at) => {
      this.deps.store.acknowledge(incidentId, incident.kioskId, actor.subject, at);
      return {};
    });
  }

  assign(principal: Principal, actor: Actor, incidentId: string, assignee: string | null): IncidentDetail {
    return this.act(principal, actor, incidentId, 'assign', (incident, at) => {
      this.deps.store.assign(incidentId, incident.kioskId, actor.subject, assignee, at);
      return { assignee };
    });
  }

  addNote(principal: Principal, actor: Actor, incidentId: string, text: string): IncidentDetail {
    return this.act(principal, actor, incidentId, 'note', (incident, at) => {
      this.deps.store.note(incidentId, incident.kioskId, actor.subject, text, at);
      return { length: text.length };
    });
  }

  /** Refused (INCIDENT_STILL_FAULTED) while the kiosk still reports one of the incident's faults. */
  resolve(principal: Principal, actor: Actor, incidentId: string, resolution: string): IncidentDetail {
    return this.act(principal, actor, incidentId, 'resolve', (incident, at) => {
      this.deps.store.resolve(incidentId, incident.kioskId, actor.subject, resolution, at);
      return { length: resolution.length };
    });
  }

  /** Restock tasks the principal may see (open, or closed since `since`), the oldest first. */
  tasks(principal: Principal, status: 'open' | 'closed' | 'all', since?: Date): RestockTask[] {
    const now = this.deps.now();
    const regions = this.regionsOf(this.deps.sites());
    return this.deps.tasks
      .list(status, since ?? new Date(now.getTime() - DEFAULT_HISTORY_DAYS * 86_400_000))
      .filter((t) => canSee(principal, regions.get(t.kioskId) ?? null));
  }

  closeTask(principal: Principal, actor: Actor, taskId: string): RestockTask {
    const task = this.deps.tasks.get(taskId);
    const regions = this.regionsOf(this.deps.sites());
    if (!task || !canSee(principal, regions.get(task.kioskId) ?? null))
      throw new GuichetError('TASK_UNKNOWN', `no task ${taskId}`);
    return this.deps.db.transaction(() => {
      this.deps.audit.record({
        actor: actor.subject,
        role: actor.role,
        action: 'task.close',
        target: taskId,
        details: { kioskId: task.kioskId },
        address: actor.address,
      });
      return this.deps.tasks.close(taskId, actor.subject);
    })();
  }

  /**
   * Clears the open faults of a decommissioned kiosk: one `fault.cleared` each in the event log (so the SLA engine
   * sees its incidents repaired now, their clocks having run until now, as definition 11 says), and each open
   * incident resolved with the reason. Refused for a kiosk still in service (KIOSK_NOT_DECOMMISSIONED).
   */
  clearDecommissioned(
    principal: Principal,
    actor: Actor,
    kioskId: string,
    reason: string,
  ): { clearedFaults: string[]; resolvedIncidents: string[] } {
    const sites = this.deps.sites();
    const kiosk = sites.kiosks.find((k) => k.id === kioskId);
    if (!kiosk || !canSee(principal, this.regionsOf(sites).get(kioskId) ?? null))
      throw new GuichetError('KIOSK_UNKNOWN', `no kiosk ${kioskId} in the registry`);
    const now = this.deps.now();
    if (!kiosk.decommissionedAt || Date.parse(kiosk.decommissionedAt) > now.getTime())
      throw new GuichetError(
        'KIOSK_NOT_DECOMMISSIONED',
        `kiosk ${kioskId} is in service: its faults clear when the kiosk reports them repaired`,
      );
    const known = this.kioskEvents(kioskId).filter((e) => Date.parse(e.at) <= now.getTime());
    const timeline = resolveTimelines(known, [kioskId]).get(kioskId)!;
    const open = timeline.faults.filter((f) => f.clearedEvent === null);
    if (open.length === 0) throw new GuichetError('KIOSK_NO_OPEN_FAULTS', `kiosk ${kioskId} has no open fault`);
    // Never dated before a detection: a clear before its fault would leave it open (docs/sla-engine.md).
    const at = new Date(Math.max(now.getTime(), ...open.map((f) => f.detectedAt)));
    const openIncidents = timeline.incidents.filter((i) => i.repairedAt === null);
    const resolvedIncidents = openIncidents.map((i) => idOf(kioskId, new Date(i.detectedAt)));
    const clears: FleetEvent[] = open.map((f) => ({
      at: at.toISOString(),
      kioskId,
      type: 'fault.cleared',
      faultId: f.faultId,
      clearedBy: actor.subject,
      reason: `decommissioned: ${reason}`,
    }));
    this.deps.db.transaction(() => {
      this.deps.audit.record({
        actor: actor.subject,
        role: actor.role,
        action: 'kiosk.clear-faults',
        target: kioskId,
        details: { faults: open.length, incidents: resolvedIncidents.length },
        address: actor.address,
      });
      for (const id of resolvedIncidents)
        this.deps.store.resolve(id, kioskId, actor.subject, `Kiosk decommissioned: ${reason}`, at);
      // Last: the log's listeners (monitor, notifications) run as soon as it is appended.
      this.deps.events.append(clears);
    })();
    for (const id of resolvedIncidents)
      this.changes.emit({ kind: 'incident', incidentId: id, kioskId, action: 'resolve' });
    return { clearedFaults: open.map((f) => f.faultId), resolvedIncidents };
  }

  private act(
    principal: Principal,
    actor: Actor,
    incidentId: string,
    action: IncidentAction,
    apply: (incident: EngineIncident, at: Date) => Record<string, string | number | null>,
  ): IncidentDetail {
    const incident = this.find(principal, incidentId);
    if (!incident) throw new GuichetError('INCIDENT_UNKNOWN', `no incident ${incidentId}`);
    const openFaultIds = new Set(this.deps.openFaults(incident.kioskId).map((f) => f.faultId));
    const refusal = actionRefusal(action, incident, this.deps.store.state(incidentId), openFaultIds);
    if (refusal) throw refusal;
    const at = this.deps.now();
    this.deps.db.transaction(() => {
      const details = apply(incident, at);
      this.deps.audit.record({
        actor: actor.subject,
        role: actor.role,
        action: `incident.${action}`,
        target: incidentId,
        details: { kioskId: incident.kioskId, ...details },
        address: actor.address,
      });
    })();
    this.changes.emit({ kind: 'incident', incidentId, kioskId: incident.kioskId, action });
    return this.get(principal, incidentId)!;
  }

  private find(principal: Principal, incidentId: string): EngineIncident | undefined {
    const parsed = parseIncidentId(incidentId);
    if (!parsed) return undefined;
    const sites = this.deps.sites();
    if (!sites.kiosks.some((k) => k.id === parsed.kioskId)) return undefined;
    if (!canSee(principal, this.regionsOf(sites).get(parsed.kioskId) ?? null)) return undefined;
    return engineIncidents({
      sites,
      events: this.kioskEvents(parsed.kioskId),
      now: this.deps.now(),
      ...(this.deps.sla ? { options: this.deps.sla } : {}),
      keep: (i) => i.kioskId === parsed.kioskId && i.detectedAt === parsed.detectedAtMs,
    })[0];
  }

  private kioskEvents(kioskId: string): FleetEvent[] {
    return this.deps.events.snapshot().filter((e) => e.kioskId === kioskId);
  }

  private history(incidentId: string): HistoryEntry[] {
    return this.deps.store.historyOf(incidentId);
  }

  private regionsOf(sites: SitesFile): Map<string, string | null> {
    const siteRegion = new Map(sites.sites.map((s) => [s.id, s.region ?? null] as const));
    return new Map(sites.kiosks.map((k) => [k.id, siteRegion.get(k.siteId) ?? null] as const));
  }

  private view(incident: EngineIncident, human: IncidentHumanState | undefined, now: Date): IncidentView {
    const h = human ?? NO_HUMAN_STATE;
    const { marginMs: _margin, ...figures } = incident;
    return { ...figures, status: incidentStatus(incident.repairedAt, h), ...h, at: now.toISOString() };
  }
}
