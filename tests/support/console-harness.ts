// The technician console under test, against a small stand-in fleet server (express + socket.io) that speaks the
// console push protocol (every push validated by its zod schemas) and the REST routes the console calls:
// sessions with an HttpOnly cookie and a CSRF token, incident actions, kiosk details, maintenance windows.
// Built once per test file into its own folder (as the kiosk UI is). It agrees with the real fleet server, which
// tests/browser/console-real.test.ts drives end to end; this one is for edge cases the real one cannot stage fast.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Server as SocketIoServer } from 'socket.io';
import { build } from 'vite';
import { securityHeaders } from '@guichet/fleet-server/http/security-headers';
import type { Page } from 'playwright-core';
import {
  CONSOLE_NAMESPACE,
  ConsoleEvents,
  ConsoleIncidentChanges,
  ConsoleKioskChanges,
  ConsoleSla,
  ConsoleSnapshot,
  type ConsoleIncident,
  type ConsoleKiosk,
  type ConsoleSite,
} from '@guichet/fleet-server/console/console-protocol';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONSOLE_SCREENSHOTS = path.join(ROOT, 'tests/browser/screenshots/console');

/** Builds the console into a fresh temporary folder; remove it with `fs.rmSync(dir, { recursive: true })`. */
export async function buildConsole(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-console-'));
  await build({
    configFile: path.join(ROOT, 'fleet-server/web/console/vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

export const TECH = { username: 'tech', password: 'correct horse battery staple', role: 'technician' } as const;

// --- A fleet to show --------------------------------------------------------------------------------------

interface DemoSitesFile {
  sites: { id: string; name: string; city: string; region: string; latitude: number; longitude: number }[];
  kiosks: { id: string; siteId: string }[];
}

export function demoSites(): ConsoleSite[] {
  const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'fleet-server/demo/sites.json'), 'utf8')) as DemoSitesFile;
  return file.sites.map((s) => ({
    id: s.id,
    name: s.name,
    city: s.city,
    region: s.region,
    latitude: s.latitude,
    longitude: s.longitude,
  }));
}

export function onlineKiosk(id: string, siteId: string, at: string): ConsoleKiosk {
  return {
    id,
    siteId,
    status: 'online',
    lastHeartbeatAt: at,
    softwareVersion: '1.4.2',
    devices: {
      printer: { state: 'ok' },
      cardReader: { state: 'ok' },
      paymentTerminal: { state: 'ok' },
      touchScreen: { state: 'ok' },
    },
    openFaults: [],
  };
}

/**
 * A deterministic fleet at `at`: the demo sites, `kioskCount` kiosks spread over them (the demo's 70 by default);
 * every 23rd kiosk offline, every 31st out of service with a printer fault, every 47th in maintenance, every
 * 11th low on paper; an incident per kiosk down, with clocks from breached to fresh, one in five paused.
 */
export function fleetSnapshot(at: string, kioskCount?: number): ConsoleSnapshot {
  const sites = demoSites();
  const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'fleet-server/demo/sites.json'), 'utf8')) as DemoSitesFile;
  const placements =
    kioskCount === undefined
      ? file.kiosks.map((k) => ({ id: k.id, siteId: k.siteId }))
      : Array.from({ length: kioskCount }, (_, i) => ({
          id: `K-${String(i + 1).padStart(5, '0')}`,
          siteId: sites[i % sites.length]!.id,
        }));
  const atMs = Date.parse(at);
  const kiosks: ConsoleKiosk[] = [];
  const incidents: ConsoleIncident[] = [];
  placements.forEach(({ id, siteId }, i) => {
    const n = i + 1;
    const kiosk = onlineKiosk(id, siteId, at);
    if (n % 23 === 0) {
      kiosk.status = 'offline';
      kiosk.lastHeartbeatAt = new Date(atMs - 20 * 60_000).toISOString();
      kiosk.openFaults = [{ faultId: `F-${id}-net`, component: 'network' }];
    } else if (n % 31 === 0) {
      kiosk.status = 'out-of-service';
      kiosk.devices.printer = { state: 'fault', code: 'PAPER_OUT' };
      kiosk.openFaults = [{ faultId: `F-${id}-printer`, component: 'printer' }];
    } else if (n % 47 === 0) {
      kiosk.status = 'maintenance';
    } else if (n % 11 === 0) {
      kiosk.devices.printer = { state: 'warning', code: 'PAPER_NEAR_END' };
    }
    kiosks.push(kiosk);
    if (kiosk.openFaults.length > 0) {
      const detectedAt = new Date(atMs - ((n * 7) % 150) * 60_000);
      incidents.push({
        incidentId: `${id}-${detectedAt.getTime()}`,
        kioskId: id,
        siteId,
        detectedAt: detectedAt.toISOString(),
        components: kiosk.openFaults.map((f) => f.component),
        repairSecondsLeft: 7200 - ((n * 7) % 150) * 60,
        clockRunning: n % 3 !== 0,
        withinSla: null,
        state: 'open',
        acknowledgedBy: null,
        assignee: null,
        at,
      });
    }
  });
  const up = kiosks.filter((k) => k.status === 'online').length;
  const scheduled = kiosks.filter((k) => k.status !== 'maintenance').length;
  const month = at.slice(0, 8);
  const today = Number(at.slice(8, 10));
  const trend = Array.from({ length: today }, (_, d) => ({
    day: `${month}${String(d + 1).padStart(2, '0')}`,
    minOperationalFraction:
      (d + 1) % 7 === 0 ? null : [9, 17].includes(d + 1) ? 0.958 : 0.972 + 0.02 * Math.abs(Math.sin(d * 1.7)),
  }));
  return ConsoleSnapshot.parse({
    at,
    principal: { subject: TECH.username, role: TECH.role, region: null },
    sites,
    kiosks,
    incidents,
    sla: {
      at,
      operationalFraction: scheduled === 0 ? null : up / scheduled,
      threshold: 0.97,
      scheduledKiosks: scheduled,
      upKiosks: up,
      trend,
    },
  });
}

// --- The stand-in server ----------------------------------------------------------------------------------

export interface RecordedCall {
  method: string;
  path: string;
  csrf: string | undefined;
  body: unknown;
}

export interface MaintenanceWindowBody {
  maintenanceId: string;
  kioskId: string;
  start: string;
  end: string | null;
  reason: string | null;
  plannedBy: string | null;
  cancelledBy: string | null;
}

/** A remote command as GET /api/v1/kiosks/:id/commands lists it (commands/remote-commands.ts CommandView). */
export interface CommandBody {
  commandId: string;
  kioskId: string;
  type: string;
  params: Record<string, unknown>;
  state: 'queued' | 'sent' | 'acknowledged' | 'done' | 'failed' | 'expired';
  requestedBy: string;
  requestedRole: string;
  createdAt: string;
  expiresAt: string | null;
  sentAt: string | null;
  acknowledgedAt: string | null;
  finishedAt: string | null;
  deliveries: number;
  error?: { code: string; message: string };
  logsUrl?: string;
}

export interface ConsoleTestServer {
  url: string;
  consoleUrl: string;
  /** Every API call after sign-in, in order. */
  calls: RecordedCall[];
  /** What a new connection is sent; actions and pushes keep it current. */
  snapshot: ConsoleSnapshot;
  /** Incidents whose kiosk still reports the fault: resolving them is refused with 409. */
  stillFaulted: Set<string>;
  windows: Map<string, MaintenanceWindowBody[]>;
  /** Each kiosk's remote commands, newest first. */
  commands: Map<string, CommandBody[]>;
  /** The fleet event log (docs/sla.md lines) that GET /sla/events exports as NDJSON. */
  events: { at: string; kioskId: string; type: string; [field: string]: unknown }[];
  /** Extra fields of GET /kiosks/:id (recent events, transaction counts) when the test wants them. */
  kioskExtras: Map<string, Record<string, unknown>>;
  /** Pushes as of `at` (default: the snapshot's instant — the fleet's time stands still unless a test moves it). */
  pushKiosks(kiosks: ConsoleKiosk[], at?: string): void;
  pushIncidents(changed: ConsoleIncident[], removed?: string[], at?: string): void;
  pushSla(sla: ConsoleSla): void;
  /** Open console sockets. */
  connections(): number;
  /** Hangs up every console socket; with `revoke`, ends every session first (as a revoked sign-in would). */
  hangUp(revoke: boolean): void;
  close(): Promise<void>;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export async function startConsoleServer(staticDir: string, snapshot: ConsoleSnapshot): Promise<ConsoleTestServer> {
  const sessions = new Map<string, { username: string; csrfToken: string }>();
  const app = express();
  // The fleet server's own security headers (its strict Content-Security-Policy included): the console must work
  // under them.
  app.use(securityHeaders());
  app.use(express.json());
  app.use('/console', express.static(staticDir));

  const state: Omit<ConsoleTestServer, 'url' | 'consoleUrl' | 'connections' | 'hangUp' | 'close'> & {
    nextWindow: number;
  } = {
    calls: [],
    snapshot: ConsoleSnapshot.parse(snapshot),
    stillFaulted: new Set(),
    windows: new Map(),
    commands: new Map(),
    kioskExtras: new Map(),
    events: [],
    nextWindow: 1,
    pushKiosks: () => undefined,
    pushIncidents: () => undefined,
    pushSla: () => undefined,
  };
  const userBody = (username: string) => ({ user: { username, role: TECH.role } });

  app.post('/api/v1/session', (req: Request, res: Response) => {
    const { username, password } = (req.body ?? {}) as { username?: string; password?: string };
    if (username !== TECH.username || password !== TECH.password)
      return sendError(res, 401, 'SIGN_IN_FAILED', 'wrong username or password');
    const id = randomBytes(18).toString('base64url');
    const csrfToken = randomBytes(18).toString('base64url');
    sessions.set(id, { username, csrfToken });
    res.cookie('guichet_session', id, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 8 * 3600_000 });
    res.json({ ...userBody(username), csrfToken });
  });

  const sessionOf = (req: Request) => sessions.get(cookieValue(req.headers.cookie, 'guichet_session') ?? '');

  app.use('/api/v1', (req: Request, res: Response, next: NextFunction) => {
    const session = sessionOf(req);
    if (!session) return sendError(res, 401, 'AUTH_REQUIRED', 'sign in first');
    const csrf = req.header('x-csrf-token');
    state.calls.push({ method: req.method, path: req.path, csrf, body: req.body as unknown });
    if (req.method !== 'GET' && csrf !== session.csrfToken)
      return sendError(res, 403, 'CSRF_REQUIRED', 'missing or wrong X-CSRF-Token');
    res.locals.username = session.username;
    next();
  });

  app.get('/api/v1/session', (req: Request, res: Response) => {
    const session = sessionOf(req)!;
    res.json({ ...userBody(session.username), csrfToken: session.csrfToken });
  });
  app.delete('/api/v1/session', (req: Request, res: Response) => {
    sessions.delete(cookieValue(req.headers.cookie, 'guichet_session') ?? '');
    res.clearCookie('guichet_session', { path: '/' });
    res.status(204).end();
  });

  const incidentAction = (
    action: string,
    change: (i: ConsoleIncident, body: Record<string, string>, who: string) => void,
  ) =>
    app.post(`/api/v1/incidents/:id/${action}`, (req: Request, res: Response) => {
      const id = String(req.params.id);
      const incident = state.snapshot.incidents.find((i) => i.incidentId === id);
      if (!incident) return sendError(res, 404, 'INCIDENT_UNKNOWN', `no incident ${id}`);
      // The fleet server's bodies (incidents/incident-routes.ts): a resolve carries its resolution note.
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (action === 'resolve' && (typeof body.resolution !== 'string' || body.resolution.trim() === ''))
        return sendError(res, 400, 'BAD_REQUEST', 'body: resolution: required');
      if (action === 'resolve' && state.stillFaulted.has(id))
        return sendError(res, 409, 'INCIDENT_STILL_FAULTED', 'the kiosk still reports the fault');
      const updated = { ...incident };
      change(updated, (req.body ?? {}) as Record<string, string>, String(res.locals.username));
      state.pushIncidents([updated]);
      // The fleet server answers the incident itself (IncidentDetail), not wrapped.
      res.json(updated);
    });
  incidentAction('acknowledge', (i, _b, who) => {
    i.state = 'acknowledged';
    i.acknowledgedBy = who;
  });
  incidentAction('assign', (i, b) => {
    i.assignee = b.assignee ?? null;
  });
  // Notes are kept per incident so GET /incidents/:id answers them as the fleet server's history does.
  const notes = new Map<string, { at: string; actor: string; action: 'note'; text: string }[]>();
  incidentAction('notes', (i, b, who) => {
    notes.set(i.incidentId, [
      ...(notes.get(i.incidentId) ?? []),
      { at: new Date().toISOString(), actor: who, action: 'note', text: b.text ?? '' },
    ]);
  });
  app.get('/api/v1/incidents/:id', (req: Request, res: Response) => {
    const id = String(req.params.id);
    const incident = state.snapshot.incidents.find((i) => i.incidentId === id);
    if (!incident) return sendError(res, 404, 'INCIDENT_UNKNOWN', `no incident ${id}`);
    res.json({ ...incident, history: notes.get(id) ?? [] });
  });
  incidentAction('resolve', (i) => {
    i.state = 'resolved';
  });

  // Repaired incidents (out of the live feed, waiting for a resolution): none unless a test adds some.
  app.get('/api/v1/incidents', (_req: Request, res: Response) => {
    res.json({ incidents: [] });
  });

  app.get('/api/v1/sla/events', (req: Request, res: Response) => {
    const param = (name: string) => (typeof req.query[name] === 'string' ? req.query[name] : '');
    const from = Date.parse(param('from'));
    const to = Date.parse(param('to'));
    const selected = state.events.filter(
      (e) => (Number.isNaN(from) || Date.parse(e.at) >= from) && (Number.isNaN(to) || Date.parse(e.at) < to),
    );
    res.type('application/x-ndjson').send(selected.map((e) => `${JSON.stringify(e)}\n`).join(''));
  });

  app.get('/api/v1/kiosks/:id', (req: Request, res: Response) => {
    const id = String(req.params.id);
    const kiosk = state.snapshot.kiosks.find((k) => k.id === id);
    if (!kiosk) return sendError(res, 404, 'KIOSK_UNKNOWN', `no kiosk ${id}`);
    const site = state.snapshot.sites.find((s) => s.id === kiosk.siteId);
    res.json({
      kiosk: { ...kiosk, siteName: site?.name ?? null, city: site?.city ?? null },
      maintenance: state.windows.get(id) ?? [],
      ...state.kioskExtras.get(id),
    });
  });
  app.post('/api/v1/kiosks/:id/maintenance', (req: Request, res: Response) => {
    const id = String(req.params.id);
    const body = (req.body ?? {}) as { start?: string; end?: string; reason?: string };
    if (!body.start || !body.end || !body.reason || Date.parse(body.end) <= Date.parse(body.start))
      return sendError(res, 400, 'MAINTENANCE_BAD_REQUEST', 'start, end after start, and a reason are required');
    const window: MaintenanceWindowBody = {
      maintenanceId: `MW-${state.nextWindow++}`,
      kioskId: id,
      start: body.start,
      end: body.end,
      reason: body.reason,
      plannedBy: String(res.locals.username),
      cancelledBy: null,
    };
    state.windows.set(id, [...(state.windows.get(id) ?? []), window]);
    res.status(201).json(window);
  });
  app.delete('/api/v1/kiosks/:id/maintenance/:maintenanceId', (req: Request, res: Response) => {
    const window = state.windows.get(String(req.params.id))?.find((w) => w.maintenanceId === req.params.maintenanceId);
    if (!window) return sendError(res, 404, 'MAINTENANCE_UNKNOWN', 'no such window');
    if (window.cancelledBy) return sendError(res, 409, 'MAINTENANCE_ALREADY_CANCELLED', 'already cancelled');
    window.cancelledBy = String(res.locals.username);
    res.json(window);
  });

  // Remote commands as the fleet server answers them (commands/command-routes.ts): recorded, 202 with the command;
  // the stand-in has no kiosk, so a command stays queued unless a test set it otherwise in `commands`.
  app.get('/api/v1/kiosks/:id/commands', (req: Request, res: Response) => {
    res.json({ commands: state.commands.get(String(req.params.id)) ?? [] });
  });
  app.post('/api/v1/kiosks/:id/commands', (req: Request, res: Response) => {
    const id = String(req.params.id);
    const { type, ...params } = (req.body ?? {}) as { type?: string };
    if (
      !['restart-runtime', 'reboot', 'print-test-page', 'collect-logs', 'out-of-service', 'in-service'].includes(
        type ?? '',
      )
    )
      return sendError(res, 400, 'COMMAND_INVALID', 'body: type: invalid');
    const command: CommandBody = {
      commandId: `cmd-${state.nextWindow++}`,
      kioskId: id,
      type: type!,
      params,
      state: 'queued',
      requestedBy: String(res.locals.username),
      requestedRole: TECH.role,
      createdAt: state.snapshot.at,
      expiresAt: null,
      sentAt: null,
      acknowledgedAt: null,
      finishedAt: null,
      deliveries: 0,
    };
    state.commands.set(id, [command, ...(state.commands.get(id) ?? [])]);
    res.status(202).json({ command });
  });

  const server = http.createServer(app);
  // Long heartbeats: a test that moves the page's clock forward must not make the client think the server died.
  const io = new SocketIoServer(server, { serveClient: false, pingInterval: 600_000, pingTimeout: 600_000 });
  const consoleNs = io.of(CONSOLE_NAMESPACE);
  consoleNs.use((socket, next) => {
    if (sessionOf({ headers: socket.handshake.headers } as Request)) next();
    else next(new Error('UNAUTHENTICATED'));
  });
  consoleNs.on('connection', (socket) => {
    socket.emit(ConsoleEvents.snapshot, ConsoleSnapshot.parse(state.snapshot));
  });

  state.pushKiosks = (kiosks, at = state.snapshot.at) => {
    const changes = ConsoleKioskChanges.parse({ at, kiosks });
    const byId = new Map(kiosks.map((k) => [k.id, k]));
    state.snapshot = { ...state.snapshot, kiosks: state.snapshot.kiosks.map((k) => byId.get(k.id) ?? k) };
    consoleNs.emit(ConsoleEvents.kiosks, changes);
  };
  state.pushIncidents = (changed, removed = [], at = state.snapshot.at) => {
    const changes = ConsoleIncidentChanges.parse({ at, changed, removed });
    const byId = new Map(changed.map((i) => [i.incidentId, i]));
    const kept = state.snapshot.incidents.filter((i) => !removed.includes(i.incidentId));
    const added = changed.filter((c) => !kept.some((i) => i.incidentId === c.incidentId));
    state.snapshot = {
      ...state.snapshot,
      incidents: [...kept.map((i) => byId.get(i.incidentId) ?? i), ...added],
    };
    consoleNs.emit(ConsoleEvents.incidents, changes);
  };
  state.pushSla = (sla) => {
    state.snapshot = { ...state.snapshot, sla: ConsoleSla.parse(sla) };
    consoleNs.emit(ConsoleEvents.sla, sla);
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const harness: ConsoleTestServer = {
    ...state,
    url,
    consoleUrl: `${url}/console/`,
    get calls() {
      return state.calls;
    },
    get events() {
      return state.events;
    },
    set events(value) {
      state.events = value;
    },
    get snapshot() {
      return state.snapshot;
    },
    set snapshot(value) {
      state.snapshot = value;
    },
    pushKiosks: (k, at) => state.pushKiosks(k, at),
    pushIncidents: (c, r, at) => state.pushIncidents(c, r, at),
    pushSla: (s) => state.pushSla(s),
    connections: () => consoleNs.sockets.size,
    hangUp: (revoke) => {
      if (revoke) sessions.clear();
      consoleNs.disconnectSockets(true);
    },
    close: async () => {
      await io.close();
      server.closeAllConnections();
    },
  };
  return harness;
}

/** Signs in through the form, as a technician would, and waits until the live feed's snapshot has arrived. */
export async function signInThroughForm(page: Page, consoleUrl: string, hash = ''): Promise<void> {
  await page.goto(`${consoleUrl}${hash}`);
  await page.locator('#username').fill(TECH.username);
  await page.locator('#password').fill(TECH.password);
  await page.locator('form button[type=submit]').click();
  await page.locator('.link-live').waitFor();
}

/** A PNG of the page (the whole page, or what the screen shows when `fullPage` is false) under tests/browser/screenshots. */
export async function consoleScreenshot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(CONSOLE_SCREENSHOTS, { recursive: true });
  const file = path.join(CONSOLE_SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
