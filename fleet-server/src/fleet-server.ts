// Assembles the fleet server: SQLite storage, registry, live monitor, the kiosk link (socket.io) and
// the HTTP API (express), on one HTTP server. Start and stop are explicit so tests and the demo can
// run it in-process and restart it on the same data directory.
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Server as SocketIoServer } from 'socket.io';
import { backgroundTimers, systemClock, type Clock, type Timers } from '@guichet/shared';
import type { FleetConfig } from './config/fleet-config';
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
import { TelemetryInbox } from './telemetry/telemetry-inbox';
import { maintenanceRoutes, MaintenanceStore } from './incidents/maintenance';
import { TargetStates } from './link/target-states';
import { KioskGateway } from './link/kiosk-gateway';
import { bearerPrincipal, requireApiToken } from './http/api-auth';
import { securityHeaders } from './http/security-headers';
import { refuseMalformedPath, refuseRepeatedQuery } from './http/strict-request';
import { kioskRoutes } from './http/kiosk-routes';
import { mountRoutes, type ApiRoute } from './http/api-route';
import { openApiRoute } from './http/openapi-route';
import { tokenRoutes } from './auth/token-routes';
import { slaRoutes } from './sla/sla-routes';
import { errorHandler, sendError } from './http/http-errors';
import type { MinistryId } from '@guichet/shared';
import type { MinistryAdapter } from './hub/ministry-adapter';
import { TransactionHub, type TransactionHubOptions } from './hub/transaction-hub';
import { NO_PRICES, loadPriceListFile } from './hub/price-list-file';
import { loadHubSecret } from './hub/hub-secret';
import { anyOf, ConsoleGateway, consoleStatic, tokenAuthenticator, type HandshakeAuthenticator } from './console';

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
  readonly monitor: FleetMonitor;
  readonly inbox: TelemetryInbox;
  readonly maintenance: MaintenanceStore;
  readonly targets: TargetStates;
  readonly hub: TransactionHub;
  /** Whether the background writers can write the database (/healthz's `storage`). */
  readonly storageHealth: StorageHealth;
  /** The fleet API's route table (what /api/v1/openapi.json describes). */
  readonly routes: readonly ApiRoute[];
  private readonly ownedMinistries: MinistryAdapters | undefined;
  private readonly now: () => Date;
  private readonly httpServer: http.Server;
  private readonly io: SocketIoServer;
  private readonly gateway: KioskGateway;
  /** The technician console's live feed (socket.io /console). */
  readonly console: ConsoleGateway;

  constructor(
    readonly config: FleetConfig,
    options: FleetServerOptions = {},
  ) {
    const clock = options.clock ?? systemClock;
    this.now = () => clock.now();
    this.log = options.logger ?? createLogger(config.logLevel);
    this.registry = loadSitesFile(config.sitesFile);
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
    this.tokens = new ApiTokens(this.db, config.adminToken);
    this.inbox = new TelemetryInbox(this.db);
    this.targets = new TargetStates(this.db);
    this.maintenance = new MaintenanceStore(this.events);
    this.monitor = new FleetMonitor(new KioskStateStore(this.db), this.registry, this.events, this.log, {
      offlineAfterMs: config.offlineAfterMs,
      startupGraceMs: config.startupGraceMs ?? 2 * config.offlineAfterMs,
      stateFlushMs: config.stateFlushMs,
      clock,
      timers: options.timers ?? backgroundTimers,
      storageHealth: this.storageHealth,
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
    });

    const app = express();
    app.disable('x-powered-by');
    app.use(securityHeaders());
    app.use(refuseMalformedPath);
    app.use(express.json({ limit: '256kb' }));
    app.use('/', express.static(STATUS_PAGE_DIR, { index: 'index.html' }));
    app.use('/console', consoleStatic(options.consoleDistDir));
    // Anyone may learn that the server is alive; how many kiosks it has and how it fares only with a valid token.
    app.get('/healthz', (req, res) => {
      if (!bearerPrincipal(this.tokens, req)) {
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
    const api = express.Router();
    api.use(refuseRepeatedQuery);
    const routes: ApiRoute[] = [
      ...kioskRoutes({
        monitor: this.monitor,
        maintenance: this.maintenance,
        targets: this.targets,
        gateway: () => this.gateway,
        now: this.now,
      }),
      ...maintenanceRoutes({
        now: this.now,
        kioskExists: (kioskId) => this.registry.kiosk(kioskId) !== undefined,
        store: this.maintenance,
      }),
      ...slaRoutes({ now: this.now, sitesFile: () => this.registry.file, events: () => this.events.all() }),
      ...tokenRoutes({ tokens: this.tokens, now: this.now }),
    ];
    routes.push(openApiRoute(() => routes));
    this.routes = routes;
    mountRoutes(api, routes, requireApiToken(this.tokens));
    api.use((req, res) => sendError(res, 404, 'NOT_FOUND', `no route ${req.method} ${req.path}`));
    app.use('/api/v1', api);
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
    });
    this.console = new ConsoleGateway(this.io, {
      registry: this.registry,
      monitor: this.monitor,
      events: this.events,
      inMaintenance: (kioskId, at) => this.maintenance.isActive(kioskId, at),
      authenticate: anyOf(
        tokenAuthenticator(this.tokens),
        ...(options.consoleAuthenticate ? [options.consoleAuthenticate] : []),
      ),
      clock,
      timers: options.timers ?? backgroundTimers,
      log: this.log,
    });
  }

  /** Starts listening; resolves with the base URL. */
  async start(): Promise<string> {
    this.maintenance.start();
    this.monitor.start();
    this.console.start();
    await this.hub.start();
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
    // socket.io resolves its own promise before the HTTP server has closed; the callback waits for both.
    this.maintenance.stop();
    await new Promise<void>((resolve) => void this.io.close(() => resolve()));
    this.httpServer.closeAllConnections();
    await new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
    await this.hub.close();
    await Promise.all([...(this.ownedMinistries?.values() ?? [])].map((adapter) => adapter.close()));
    this.db.close();
    this.log.info({ component: 'fleet-server', event: 'fleet.stopped' }, 'fleet server stopped');
  }
}
