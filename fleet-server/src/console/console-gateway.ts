// The fleet end of the technician console's live feed (socket.io namespace /console): authenticates each console at
// the handshake (session cookie or API token), sends one snapshot of what its principal may see, then pushes batched
// changes to rooms per audience — kiosks as the fleet monitor reports them (coalesced, at most every 250 ms),
// incidents and the SLA figure as the live figures refresh them. Consoles only listen: anything they send is refused.
import { gzipSync } from 'node:zlib';
import type { Namespace, Server, Socket } from 'socket.io';
import { isGuichetError, type Clock, type Site, type TimerHandle, type Timers } from '@guichet/shared';
import type { Principal } from '../auth/principal';
import type { Logger } from '../logging/logger';
import type { SitesRegistry } from '../registry/sites-registry';
import type { EventLog } from '../storage/event-log';
import type { FleetMonitor } from '../telemetry/fleet-monitor';
import { SlaOptions } from '../sla/sla-report';
import { ChangeBatcher, CONSOLE_BATCH_INTERVAL_MS } from './change-batcher';
import { authenticateConsole, consoleHandshakeAuth, ConsoleRefusal, type HandshakeAuthenticator } from './console-auth';
import {
  CONSOLE_NAMESPACE,
  ConsoleEvents,
  type ConsoleIncident,
  type ConsoleIncidentChanges,
  type ConsoleKiosk,
  type ConsoleKioskChanges,
  type ConsoleSite,
  type ConsoleSnapshot,
} from './console-protocol';
import { ConsoleRooms, consoleScope, roomsFor, siteVisible, type ConsoleScope } from './console-scope';
import { consoleKiosk, incidentChangeKey, kioskChangeKey } from './console-views';
import { LiveViewIncidentFeed, type IncidentFeed, type IncidentStateSource } from './incident-feed';
import { LiveFigures } from './live-figures';
import { fleetZone, SlaTrend } from './sla-trend';

/** Every kiosk's view is compared with what consoles have (planned maintenance starts and ends with no event then). */
export const CONSOLE_SWEEP_INTERVAL_MS = 60_000;

export interface ConsoleGatewayDeps {
  registry: SitesRegistry;
  monitor: FleetMonitor;
  events: Pick<EventLog, 'snapshot'>;
  /** Whether a kiosk is inside a planned maintenance window (the maintenance store). */
  inMaintenance: (kioskId: string, at: Date) => boolean;
  authenticate: HandshakeAuthenticator;
  /** What people did about incidents (the incidents store); absent: every incident shows as open and unassigned. */
  incidentState?: IncidentStateSource;
  slaOptions?: Partial<SlaOptions>;
  clock: Clock;
  timers: Timers;
  log: Logger;
  batchIntervalMs?: number;
}

interface SocketData {
  principal: Principal;
  scope: ConsoleScope;
  gzipSnapshot: boolean;
}

export class ConsoleGateway {
  readonly incidents: IncidentFeed;
  private readonly namespace: Namespace;
  private readonly figures: LiveFigures;
  private readonly batcher: ChangeBatcher<string>;
  private readonly sitesById: ReadonlyMap<string, Site>;
  private readonly lastKiosks = new Map<string, string>();
  private readonly lastIncidents = new Map<string, { key: string; siteId: string }>();
  private readonly unsubscribe: Array<() => void> = [];
  private sweep: TimerHandle | undefined;
  private prime: TimerHandle | undefined;
  private readonly pushStats = { kioskBatches: 0, kiosksPushed: 0 };

  constructor(
    io: Server,
    private readonly deps: ConsoleGatewayDeps,
  ) {
    this.sitesById = new Map(deps.registry.file.sites.map((site) => [site.id, site] as const));
    const options = SlaOptions.parse(deps.slaOptions ?? {});
    const feed = new LiveViewIncidentFeed({
      sites: () => this.sitesById,
      inMaintenance: deps.inMaintenance,
      clock: options.clock,
      ...(deps.incidentState ? { human: deps.incidentState } : {}),
    });
    this.incidents = feed;
    this.figures = new LiveFigures({
      sites: () => deps.registry.file,
      events: () => deps.events.snapshot(),
      clock: deps.clock,
      timers: deps.timers,
      options,
      incidents: feed,
      trend: new SlaTrend(fleetZone(deps.registry.file), options.threshold),
      log: deps.log,
      hasAudience: () => this.consoles > 0,
    });
    this.batcher = new ChangeBatcher(deps.clock, deps.timers, (ids) => this.pushKiosks(ids), deps.batchIntervalMs);

    this.namespace = io.of(CONSOLE_NAMESPACE);
    this.namespace.use((socket, next) => {
      try {
        const principal = authenticateConsole(socket.handshake, deps.authenticate);
        (socket.data as SocketData).principal = principal;
        (socket.data as SocketData).scope = consoleScope(principal);
        (socket.data as SocketData).gzipSnapshot = consoleHandshakeAuth(socket.handshake).snapshotEncoding === 'gzip';
      } catch (error) {
        const code = isGuichetError(error) ? error.code : ConsoleRefusal.failed;
        const message = isGuichetError(error) ? error.message : 'authentication failed';
        deps.log.warn(
          { component: 'console-gateway', event: 'console.auth-refused', code, address: socket.handshake.address },
          message,
        );
        next(Object.assign(new Error(message), { data: { code } }));
        return;
      }
      next();
    });
    this.namespace.on('connection', (socket) => {
      try {
        this.onConnection(socket);
      } catch (error) {
        // The figures could not be computed (a bug, storage unreadable): this console closes, the server goes on.
        deps.log.error(
          { component: 'console-gateway', event: 'console.snapshot-failed', err: error },
          'snapshot failed',
        );
        socket.emit(ConsoleEvents.closed, { code: 'CONSOLE_UNAVAILABLE', message: 'the console feed failed; retry' });
        socket.disconnect(true);
      }
    });
  }

  /** What the feed has done so far: figure computations (count, ms) and kiosk batches (count, kiosks in them). */
  stats(): { refreshes: number; refreshMs: number; kioskBatches: number; kiosksPushed: number } {
    return { ...this.figures.stats, ...this.pushStats };
  }

  /** Open consoles. */
  get consoles(): number {
    return this.namespace.sockets.size;
  }

  start(): void {
    this.unsubscribe.push(
      this.deps.monitor.onChange((kioskId, reason) => {
        if (reason === 'event') this.figures.invalidate();
        if (this.consoles > 0) this.batcher.mark(kioskId);
      }),
      this.incidents.onChange(() => this.pushIncidents()),
      this.figures.onSla((sla) => this.namespace.to(ConsoleRooms.sla).emit(ConsoleEvents.sla, sla)),
    );
    this.figures.start();
    // The month's trend costs most the first time (every finished day); pay it now rather than at a console's first
    // snapshot. Later figures compute only the live view and, every few minutes, today's point.
    this.prime = this.deps.timers.setTimeout(() => this.figures.refreshLogged(), 0);
    this.sweep = this.deps.timers.setInterval(() => this.sweepConsoles(), CONSOLE_SWEEP_INTERVAL_MS);
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    this.figures.stop();
    this.batcher.stop();
    if (this.sweep !== undefined) this.deps.timers.clearInterval(this.sweep);
    if (this.prime !== undefined) this.deps.timers.clearTimeout(this.prime);
    this.sweep = undefined;
    this.namespace.disconnectSockets(true);
  }

  /** The whole of what a principal may see now (what a console receives on connection). */
  snapshot(principal: Principal): ConsoleSnapshot {
    const scope = consoleScope(principal);
    const now = this.deps.clock.now();
    const sla = this.figures.sla();
    const sites: ConsoleSite[] = this.deps.registry.file.sites
      .filter((site) => siteVisible(scope, site.region))
      .map((site) => ({
        id: site.id,
        name: site.name ?? null,
        city: site.city ?? null,
        region: site.region ?? null,
        latitude: site.latitude ?? null,
        longitude: site.longitude ?? null,
      }));
    const visible = new Set(sites.map((site) => site.id));
    const kiosks: ConsoleKiosk[] = [];
    for (const kiosk of this.deps.registry.kiosks) {
      if (!visible.has(kiosk.siteId)) continue;
      const view = this.deps.monitor.view(kiosk.id, (id) => this.deps.inMaintenance(id, now));
      if (view) kiosks.push(consoleKiosk(view));
    }
    const incidents = scope.incidents ? this.incidents.current().filter((i) => visible.has(i.siteId)) : [];
    return {
      at: now.toISOString(),
      principal: { subject: principal.subject, role: principal.role, region: principal.region ?? null },
      sites,
      kiosks,
      incidents,
      sla,
    };
  }

  private onConnection(socket: Socket): void {
    const { principal, scope } = socket.data as SocketData;
    const first = this.consoles === 1;
    // Built before the socket joins its rooms: a first computation of the figures pushes to the rooms, not to it.
    const snapshot = this.snapshot(principal);
    // Nobody watched until now: what was last pushed is no guide to what consoles have; the snapshot is.
    if (first) this.forgetPushed();
    for (const room of roomsFor(scope)) void socket.join(room);
    this.deps.log.info(
      {
        component: 'console-gateway',
        event: 'console.connected',
        subject: principal.subject,
        role: principal.role,
        region: scope.region ?? null,
      },
      'console connected',
    );
    socket.on('disconnect', (reason) =>
      this.deps.log.info(
        { component: 'console-gateway', event: 'console.disconnected', subject: principal.subject, reason },
        'console disconnected',
      ),
    );
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      const error = {
        code: 'CONSOLE_READ_ONLY',
        message: `the console feed only sends; act through the fleet API (got "${String(event).slice(0, 64)}")`,
      };
      if (typeof ack === 'function') (ack as (answer: unknown) => void)({ ok: false, error });
      else socket.emit(ConsoleEvents.error, error);
    });
    // Synchronous on purpose (~6 ms for 10,000 kiosks): nothing can be pushed to this console before its snapshot.
    const { gzipSnapshot } = socket.data as SocketData;
    socket.emit(ConsoleEvents.snapshot, gzipSnapshot ? gzipSync(JSON.stringify(snapshot)) : snapshot);
  }

  private forgetPushed(): void {
    this.lastKiosks.clear();
    this.lastIncidents.clear();
    for (const incident of this.incidents.current())
      this.lastIncidents.set(incident.incidentId, { key: incidentChangeKey(incident), siteId: incident.siteId });
  }

  private regionOf(siteId: string): string | undefined {
    return this.sitesById.get(siteId)?.region;
  }

  /** Sends one batch per audience: the whole fleet's room, and each region's room its own kiosks. */
  private pushKiosks(kioskIds: readonly string[]): void {
    if (this.consoles === 0) return;
    const now = this.deps.clock.now();
    const changed: ConsoleKiosk[] = [];
    for (const id of kioskIds) {
      const view = this.deps.monitor.view(id, (kioskId) => this.deps.inMaintenance(kioskId, now));
      if (!view) continue;
      const kiosk = consoleKiosk(view);
      const key = kioskChangeKey(kiosk);
      if (this.lastKiosks.get(id) === key) continue;
      this.lastKiosks.set(id, key);
      changed.push(kiosk);
    }
    if (changed.length === 0) return;
    this.pushStats.kioskBatches++;
    this.pushStats.kiosksPushed += changed.length;
    const at = now.toISOString();
    this.namespace
      .to(ConsoleRooms.kiosks(undefined))
      .emit(ConsoleEvents.kiosks, { at, kiosks: changed } satisfies ConsoleKioskChanges);
    for (const [region, kiosks] of groupBy(changed, (k) => this.regionOf(k.siteId)))
      this.namespace
        .to(ConsoleRooms.kiosks(region))
        .emit(ConsoleEvents.kiosks, { at, kiosks } satisfies ConsoleKioskChanges);
  }

  private pushIncidents(): void {
    if (this.consoles === 0) return;
    const current = this.incidents.current();
    const changed: ConsoleIncident[] = [];
    const seen = new Set<string>();
    for (const incident of current) {
      seen.add(incident.incidentId);
      const key = incidentChangeKey(incident);
      if (this.lastIncidents.get(incident.incidentId)?.key === key) continue;
      this.lastIncidents.set(incident.incidentId, { key, siteId: incident.siteId });
      changed.push(incident);
    }
    const removed: Array<{ incidentId: string; siteId: string }> = [];
    for (const [incidentId, { siteId }] of this.lastIncidents)
      if (!seen.has(incidentId)) {
        removed.push({ incidentId, siteId });
        this.lastIncidents.delete(incidentId);
      }
    if (changed.length === 0 && removed.length === 0) return;
    const at = this.deps.clock.now().toISOString();
    const body = (c: ConsoleIncident[], r: typeof removed): ConsoleIncidentChanges => ({
      at,
      changed: c,
      removed: r.map((x) => x.incidentId),
    });
    this.namespace.to(ConsoleRooms.incidents(undefined)).emit(ConsoleEvents.incidents, body(changed, removed));
    const regions = new Set<string>();
    for (const x of [...changed, ...removed]) {
      const region = this.regionOf(x.siteId);
      if (region !== undefined) regions.add(region);
    }
    for (const region of regions) {
      const mine = (x: { siteId: string }) => this.regionOf(x.siteId) === region;
      this.namespace
        .to(ConsoleRooms.incidents(region))
        .emit(ConsoleEvents.incidents, body(changed.filter(mine), removed.filter(mine)));
    }
  }

  /**
   * Once a minute: every kiosk goes through the batch (the diff drops the unchanged), so windows of planned
   * maintenance that start or end show; and every console's principal is checked again, so a signed-out session or a
   * revoked token stops receiving.
   */
  private sweepConsoles(): void {
    if (this.consoles === 0) return;
    for (const kiosk of this.deps.registry.kiosks) this.batcher.mark(kiosk.id);
    for (const socket of this.namespace.sockets.values()) {
      if (this.deps.authenticate(socket.handshake)) continue;
      socket.emit(ConsoleEvents.closed, { code: 'CONSOLE_SIGNED_OUT', message: 'the session ended: sign in again' });
      socket.disconnect(true);
    }
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export { CONSOLE_BATCH_INTERVAL_MS };
