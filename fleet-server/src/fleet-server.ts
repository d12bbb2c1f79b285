// Assembles the fleet server: SQLite storage, registry, live monitor, the kiosk link (socket.io) and
// the HTTP API (express), on one HTTP server. Start and stop are explicit so tests and the demo can
// run it in-process and restart it on the same data directory.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Server as SocketIoServer } from 'socket.io';
import { backgroundTimers, GuichetError, systemClock, type Clock, type Timers } from '@guichet/shared';
import { clientAddressResolver, trustProxySetting, type FleetConfig } from './config/fleet-config';
import { createLogger, type Logger } from './logging/logger';
import { openDatabase, type Db } from './storage/database';
import { EventLog } from './storage/event-log';
import { KioskStateStore } from './storage/kiosk-state-store';
import { StorageHealth } from './storage/storage-health';
import { openStorage, probeStorage } from './storage/storage-probe';
import { loadSitesFile, type SitesRegistry } from './registry/sites-registry';
import { KioskCredentials } from './registry/kiosk-credentials';
import { ApiTokens } from './registry/api-tokens';
import { FleetMonitor } from './telemetry/fleet-monitor';
import { TelemetryInbox, type QuotaExceeded } from './telemetry/telemetry-inbox';
import { TelemetryRetention } from './telemetry/telemetry-retention';
import { TELEMETRY_RETENTION_DAYS, type TelemetryLimits } from './telemetry/telemetry-limits';
import { maintenanceRoutes, MaintenanceStore } from './incidents/maintenance';
import { IncidentService, IncidentStore, RestockTasks, incidentRoutes } from './incidents';
import { AuditLog } from './audit/audit-log';
import { auditRoutes } from './audit/audit-routes';
import { TargetStates } from './link/target-states';
import { KioskGateway, type LinkContestedEvent } from './link/kiosk-gateway';
import { securityHeaders } from './http/security-headers';
import { refuseMalformedPath, refuseRepeatedQuery } from './http/strict-request';
import { kioskRoutes } from './http/kiosk-routes';
import { mountRoutes, type ApiRoute } from './http/api-route';
import { openApiRoute } from './http/openapi-route';
import { tokenRoutes } from './auth/token-routes';
import { Authenticator } from './auth/authenticator';
import { UserStore } from './auth/user-store';
import { SESSION_ABSOLUTE_MS, SessionStore } from './auth/session-store';
import { sessionRoutes } from './auth/session-routes';
import { userRoutes } from './auth/user-routes';
import { adminTokenProblem } from './auth/secret-strength';
import type { ThrottleLimits } from './auth/throttle-limits';
import { slaRoutes } from './sla/sla-routes';
import { errorHandler, notFound } from './http/http-errors';
import { requestContext, routeTemplates } from './http/request-context';
import { FleetMetrics } from './metrics/fleet-metrics';
import { METRICS_PATH, metricsHandlers } from './metrics/metrics-route';
import { commandRoutes, RemoteCommands } from './commands';
import type { MinistryId } from '@guichet/shared';
import type { MinistryAdapter } from './hub/ministry-adapter';
import { TransactionHub, type TransactionHubOptions } from './hub/transaction-hub';
import { NO_PRICES, loadPriceListFile } from './hub/price-list-file';
import { loadHubSecret } from './hub/hub-secret';
import { AlertMonitor, loadAlertsFile, type RaiseSecurity } from './alerts';
import { recentKioskEvents } from './telemetry/kiosk-activity';
import { kioskTransactionCounts } from './hub/kiosk-transaction-counts';
import { anyOf, ConsoleGateway, consoleStatic, handshakeToken, type HandshakeAuthenticator } from './console';
import { incidentStateSource } from './console/incident-state-source';

/** The fleet status page (static files, no build step). */
const STATUS_PAGE_DIR = path.resolve(import.meta.dirname, '../web/status');

export type MinistryAdapters = ReadonlyMap<MinistryId, MinistryAdapter>;

export interface FleetServerOptions {
  /** The time every part of the server reads (event stamps, maintenance windows, reports). */
  clock?: Clock;
  /** The fleet monitor's offline checks and write-behind flush (socket.io and HTTP keep real time). */
  timers?: Timers;
  logger?: Logger;
  /**
   * The ministries' systems for the transaction hub: a Map (its adapters stay the caller's to close) or a factory
   * (the server closes what it made at stop). Absent: no ministry is reachable and every quote is refused.
   */
  ministries?: MinistryAdapters | (() => MinistryAdapters);
  /** Fault injection (the crash test): observes each write of the hub's journal. Off by default. */
  onHubDurableStep?: TransactionHubOptions['onDurableStep'];
  /** The monotonic clock (ms) of durations: request times, heartbeat ingest latency (default performance.now). */
  monotonicMs?: () => number;
  /** The telemetry limits (tests make them small); absent: telemetry-limits.ts. */
  telemetryLimits?: Partial<TelemetryLimits>;
  /** Told of each security event once it is in the event log (besides the alerts, which raise it). */
  onSecurityEvent?: (event: LinkContestedEvent) => void;
  /** Sign-in and token throttling (default THROTTLE_LIMITS). */
  throttleLimits?: ThrottleLimits;
  /** Another way to authenticate console handshakes besides `auth.token` (the session cookie's, until it is wired). */
  consoleAuthenticate?: HandshakeAuthenticator;
  /** Where the built console is (default fleet-server/web/console/dist). */
  consoleDistDir?: string;
}

export class FleetServer {
  readonly log: Logger;
  readonly db: Db;
  readonly registry: SitesRegistry;
  readonly events: EventLog;
  readonly credentials: KioskCredentials;
  readonly tokens: ApiTokens;
  /** People who sign in, and their sessions (cookie). */
  readonly users: UserStore;
  readonly sessions: SessionStore;
  /** Bearer tokens and session cookies → the request's principal (also for the console's socket.io handshake). */
  readonly authenticator: Authenticator;
  readonly monitor: FleetMonitor;
  readonly inbox: TelemetryInbox;
  readonly maintenance: MaintenanceStore;
  /** Incidents for people (the SLA engine's, with acknowledgement, notes, resolution) and restock tasks. */
  readonly incidents: IncidentService;
  /** The append-only log of human actions. */
  readonly audit: AuditLog;
  readonly targets: TargetStates;
  readonly hub: TransactionHub;
  /** Remote commands to kiosks (restart, reboot, test page, logs, out of service), durable while they are offline. */
  readonly commands: RemoteCommands;
  /** Whether the background writers can write the database (/healthz's `storage`). */
  readonly storageHealth: StorageHealth;
  /** The fleet API's route table (what /api/v1/openapi.json describes). */
  readonly routes: readonly ApiRoute[];
  /** Alerts, when GUICHET_ALERTS_FILE is set. */
  readonly alerts: AlertMonitor | undefined;
  /** Raises a security alert (a no-op but a log line when alerts are not configured). */
  readonly raiseSecurity: RaiseSecurity;
  /** What GET /metrics serves. */
  readonly metrics: FleetMetrics;
  private readonly ownedMinistries: MinistryAdapters | undefined;
  private readonly now: () => Date;
  private readonly httpServer: http.Server;
  private readonly io: SocketIoServer;
  private readonly gateway: KioskGateway;
  private readonly retention: TelemetryRetention;
  /** The technician console's live feed (socket.io /console). */
  readonly console: ConsoleGateway;

  constructor(
    readonly config: FleetConfig,
    options: FleetServerOptions = {},
  ) {
    const clock = options.clock ?? systemClock;
    const monotonicMs = options.monotonicMs ?? (() => performance.now());
    this.now = () => clock.now();
    this.log = options.logger ?? createLogger(config.logLevel);
    // The same check as the environment's schema, for servers built from a config object (tests, the demo).
    const weakToken = config.adminToken === undefined ? undefined : adminTokenProblem(config.adminToken);
    if (weakToken) throw new GuichetError('CONFIG_INVALID', `GUICHET_ADMIN_TOKEN: ${weakToken}`);
    this.registry = loadSitesFile(config.sitesFile);
    const alertsConfig = config.alertsFile ? loadAlertsFile(config.alertsFile) : undefined;
    // Storage it cannot write is refused here, where entry points turn typed errors into one line (exit 2).
    this.db = openStorage(config.dataDir, openDatabase);
    try {
      probeStorage(config.dataDir, this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.storageHealth = new StorageHealth(this.log, this.now);
    this.events = new EventLog(this.db);
    this.credentials = new KioskCredentials(this.db);
    this.tokens = new ApiTokens(this.db, config.adminToken, this.now);
    this.users = new UserStore(this.db, this.now);
    this.sessions = new SessionStore(this.db, this.users, this.now);
    this.authenticator = new Authenticator({
      tokens: this.tokens,
      users: this.users,
      sessions: this.sessions,
      log: this.log,
      now: this.now,
      ...(options.throttleLimits ? { limits: options.throttleLimits } : {}),
    });
    this.inbox = new TelemetryInbox(this.db, {
      onQuotaExceeded: (exceeded) => this.quotaExceeded(exceeded),
      ...(options.telemetryLimits ? { limits: options.telemetryLimits } : {}),
    });
    this.targets = new TargetStates(this.db);
    this.maintenance = new MaintenanceStore(this.events);
    this.audit = new AuditLog(this.db, this.now);
    const onListenerError = (err: unknown) =>
      this.log.warn({ component: 'incidents', event: 'incidents.listener-failed', err }, 'change listener failed');
    const restock = new RestockTasks(this.db, this.now, onListenerError);
    this.monitor = new FleetMonitor(new KioskStateStore(this.db), this.registry, this.events, this.log, {
      offlineAfterMs: config.offlineAfterMs,
      startupGraceMs: config.startupGraceMs ?? 2 * config.offlineAfterMs,
      stateFlushMs: config.stateFlushMs,
      clock,
      timers: options.timers ?? backgroundTimers,
      storageHealth: this.storageHealth,
    });
    this.monitor.onDevices((kioskId, devices) => restock.observe(kioskId, devices));
    this.incidents = new IncidentService({
      db: this.db,
      store: new IncidentStore(this.db),
      tasks: restock,
      audit: this.audit,
      events: this.events,
      sites: () => this.registry.file,
      openFaults: (kioskId) => this.monitor.view(kioskId, () => false)?.openFaults ?? [],
      now: this.now,
      onListenerError,
    });

    this.retention = new TelemetryRetention({
      inbox: this.inbox,
      retentionDays: config.telemetryRetentionDays ?? TELEMETRY_RETENTION_DAYS,
      clock,
      timers: options.timers ?? backgroundTimers,
      log: this.log,
      storageHealth: this.storageHealth,
    });

    this.metrics = new FleetMetrics({
      kioskViews: () => this.monitor.views((kioskId) => this.maintenance.isActive(kioskId, this.now())),
      connectedKiosks: () => this.gateway.connectedKiosks,
    });

    if (!config.pricesFile)
      this.log.warn(
        { component: 'fleet-server', event: 'hub.no-price-list' },
        'no GUICHET_PRICES_FILE: services priced from a price list are refused',
      );
    const ministries = typeof options.ministries === 'function' ? options.ministries() : options.ministries;
    this.ownedMinistries = typeof options.ministries === 'function' ? ministries : undefined;
    this.hub = new TransactionHub({
      db: this.db,
      ministries: ministries ?? new Map(),
      priceList: config.pricesFile ? loadPriceListFile(config.pricesFile) : NO_PRICES,
      secret: loadHubSecret(config.dataDir, config.hubSecret),
      log: this.log,
      now: this.now,
      ...(config.hubLookupGraceMs === undefined ? {} : { lookupGraceMs: config.hubLookupGraceMs }),
      ...(options.onHubDurableStep ? { onDurableStep: options.onHubDurableStep } : {}),
      storageHealth: this.storageHealth,
      onOutcome: (outcome) => this.metrics.transactionSettled(outcome),
    });

    this.alerts = alertsConfig
      ? new AlertMonitor({
          config: alertsConfig,
          db: this.db,
          sites: this.registry.file,
          events: () => this.events.snapshot(),
          log: this.log,
          clock,
          timers: options.timers ?? backgroundTimers,
          storageHealth: this.storageHealth,
          // Escalation waits for a person's acknowledgement in the incident queue.
          isAcknowledged: (id) => this.incidents.isAcknowledged(id),
        })
      : undefined;
    this.raiseSecurity =
      this.alerts?.raiseSecurity ??
      ((event) =>
        this.log.warn(
          { component: 'alerts', event: 'security.unalerted', kioskId: event.kioskId, code: event.code },
          'security event (no GUICHET_ALERTS_FILE: not alerted)',
        ));
    this.commands = new RemoteCommands({
      db: this.db,
      now: this.now,
      log: this.log,
      deliver: (kioskId, command) => this.gateway.sendCommand(kioskId, command),
      setTargetState: (kioskId, mode, reason) => {
        const target = this.targets.set(kioskId, mode, reason);
        this.gateway.pushTargetState(kioskId, target);
        return target;
      },
    });

    const app = express();
    app.disable('x-powered-by');
    // First, so every answer — a refusal of a malformed path included — carries the request id.
    app.use(
      requestContext({
        log: this.log,
        routeOf: (pathname) => routeOf(pathname),
        monotonicMs,
        onFinished: (request) => this.metrics.requestFinished(request),
        quietRoutes: new Set(['/healthz', METRICS_PATH]),
      }),
    );
    // The caller's address (req.ip) from X-Forwarded-For, believed only from the proxies named (fleet-config.ts).
    if (config.trustProxy !== undefined) app.set('trust proxy', trustProxySetting(config.trustProxy));
    app.use(securityHeaders());
    app.use(refuseMalformedPath);
    app.use(express.json({ limit: '256kb' }));
    app.use('/', express.static(STATUS_PAGE_DIR, { index: 'index.html' }));
    app.use('/console', consoleStatic(options.consoleDistDir));
    // Anyone may learn that the server is alive; how many kiosks it has and how it fares only with a valid token.
    app.get('/healthz', (req, res) => {
      if (!this.authenticator.identify(req)) {
        res.json({ status: 'ok' });
        return;
      }
      res.json({
        status: 'ok',
        kiosks: this.registry.kiosks.length,
        connected: this.gateway.connectedKiosks,
        ...this.storageHealth.snapshot(),
      });
    });
    app.get(METRICS_PATH, ...metricsHandlers({ authenticate: this.authenticator.middleware, metrics: this.metrics }));
    const api = express.Router();
    api.use(refuseRepeatedQuery);
    const kioskRegion = (kioskId: string): string | undefined => {
      const kiosk = this.registry.kiosk(kioskId);
      return kiosk ? this.registry.site(kiosk.siteId)?.region : undefined;
    };
    const routes: ApiRoute[] = [
      ...kioskRoutes({
        monitor: this.monitor,
        maintenance: this.maintenance,
        targets: this.targets,
        gateway: () => this.gateway,
        now: this.now,
        audit: this.audit,
        kioskRegion,
        activity: (kioskId) => ({
          recentEvents: recentKioskEvents(this.events.snapshot(), kioskId),
          transactions: kioskTransactionCounts(this.db, kioskId, this.now()),
        }),
      }),
      ...maintenanceRoutes({
        now: this.now,
        kioskExists: (kioskId) => this.registry.kiosk(kioskId) !== undefined,
        kioskRegion,
        store: this.maintenance,
        audit: this.audit,
      }),
      ...slaRoutes({ now: this.now, sitesFile: () => this.registry.file, events: () => this.events.snapshot() }),
      ...tokenRoutes({ tokens: this.tokens, now: this.now, log: this.log, audit: this.audit }),
      ...incidentRoutes({ incidents: this.incidents }),
      ...auditRoutes({ audit: this.audit }),
      ...commandRoutes({
        commands: this.commands,
        kioskRegion: (kioskId) => (this.registry.kiosk(kioskId) ? kioskRegion(kioskId) : null),
        audit: this.audit,
      }),
      ...sessionRoutes({
        users: this.users,
        sessions: this.sessions,
        authenticator: this.authenticator,
        log: this.log,
        cookieSecure: config.cookieSecure ?? false,
        sessionMaxAgeMs: SESSION_ABSOLUTE_MS,
      }),
      ...userRoutes({ users: this.users, log: this.log, audit: this.audit }),
    ];
    routes.push(openApiRoute(() => routes));
    this.routes = routes;
    mountRoutes(api, routes, this.authenticator.middleware);
    const routeOf = routeTemplates(['/healthz', METRICS_PATH, ...routes.map((route) => `/api/v1${route.path}`)]);
    api.use(notFound);
    app.use('/api/v1', api);
    app.use(notFound);
    app.use(errorHandler(this.log));

    this.httpServer = http.createServer(app);
    this.io = new SocketIoServer(this.httpServer, { serveClient: false, maxHttpBufferSize: 1_000_000 });
    this.gateway = new KioskGateway(this.io, {
      registry: this.registry,
      credentials: this.credentials,
      monitor: this.monitor,
      inbox: this.inbox,
      targets: this.targets,
      log: this.log,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      now: this.now,
      hub: this.hub,
      events: this.events,
      clientAddress: clientAddressResolver(config.trustProxy),
      onSecurityEvent: (event) => this.linkContested(event, options.onSecurityEvent),
      onHeartbeatAnswered: (seconds, ok) => this.metrics.heartbeatAnswered(seconds, ok),
      monotonicMs,
      commands: this.commands,
    });
    this.console = new ConsoleGateway(this.io, {
      registry: this.registry,
      monitor: this.monitor,
      events: this.events,
      inMaintenance: (kioskId, at) => this.maintenance.isActive(kioskId, at),
      // A bearer token (throttled like the API's) or the session cookie the browser sends with the handshake.
      authenticate: anyOf(
        (handshake) => {
          const answer = this.authenticator.principalOfHandshake({
            token: handshakeToken(handshake),
            cookie: handshake.headers.cookie,
            address: handshake.address,
          });
          return 'principal' in answer ? answer.principal : undefined;
        },
        ...(options.consoleAuthenticate ? [options.consoleAuthenticate] : []),
      ),
      incidentState: incidentStateSource(this.incidents),
      clock,
      timers: options.timers ?? backgroundTimers,
      log: this.log,
    });
  }

  /** A kiosk's link kept being contested (already in the event log): alert, and tell the embedder. */
  private linkContested(event: LinkContestedEvent, listener: ((event: LinkContestedEvent) => void) | undefined): void {
    this.raiseSecurity({
      kioskId: event.kioskId,
      code: 'LINK_CONTESTED',
      message: `${event.contests} connections contested this kiosk's link within ${event.windowMs / 60_000} minutes: its credential may be in two hands`,
      at: event.at,
    });
    listener?.(event);
  }

  /** Once per kiosk, quota and window (the inbox decides): one fleet event and one log line. */
  private quotaExceeded({ kioskId, quota, limit, at }: QuotaExceeded): void {
    this.log.warn(
      { component: 'telemetry-inbox', event: 'telemetry.quota-exceeded', kioskId, quota, limit },
      'a kiosk reached its telemetry quota: the rest waits in its outbox',
    );
    try {
      this.events.append([{ type: 'telemetry.quota-exceeded', at: at.toISOString(), kioskId, quota, limit }]);
    } catch (error) {
      this.log.error(
        { component: 'telemetry-inbox', event: 'telemetry.quota-event-failed', kioskId, err: error },
        'could not record the quota event',
      );
    }
  }

  /** Starts listening; resolves with the base URL. */
  async start(): Promise<string> {
    this.maintenance.start();
    this.incidents.start();
    this.monitor.start();
    this.retention.start();
    this.console.start();
    await this.hub.start();
    this.alerts?.start();
    await new Promise<void>((resolve, reject) => {
      this.httpServer.once('error', reject);
      this.httpServer.listen(this.config.port, this.config.host, () => resolve());
    });
    this.log.info(
      { component: 'fleet-server', event: 'fleet.started', url: this.url, kiosks: this.registry.kiosks.length },
      'fleet server listening',
    );
    return this.url;
  }

  get url(): string {
    const address = this.httpServer.address() as AddressInfo | null;
    const host = this.config.host === '0.0.0.0' || this.config.host === '::' ? '127.0.0.1' : this.config.host;
    return `http://${host}:${address?.port ?? this.config.port}`;
  }

  async stop(): Promise<void> {
    this.console.stop();
    this.monitor.stop();
    this.retention.stop();
    await this.alerts?.stop();
    // socket.io resolves its own promise before the HTTP server has closed; the callback waits for both.
    this.maintenance.stop();
    this.incidents.stop();
    await new Promise<void>((resolve) => void this.io.close(() => resolve()));
    this.httpServer.closeAllConnections();
    await new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
    await this.hub.close();
    await Promise.all([...(this.ownedMinistries?.values() ?? [])].map((adapter) => adapter.close()));
    this.db.close();
    this.log.info({ component: 'fleet-server', event: 'fleet.stopped' }, 'fleet server stopped');
  }
}
