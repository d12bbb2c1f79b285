// The technician console's live feed over real socket.io on a real fleet server (SQLite, HTTP): who may open it
// (API token in auth.token, a session cookie through the injected authenticator), the snapshot, a kiosk's fault
// heartbeat reaching open consoles as a kiosk change and a new incident, and a region-bound technician seeing only
// their region. The fleet runs on manual time, so batches and refreshes go out when the test advances it.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { FleetServer } from '@guichet/fleet-server';
import {
  CONSOLE_BATCH_INTERVAL_MS,
  CONSOLE_SWEEP_INTERVAL_MS,
  SLA_MIN_REFRESH_MS,
  ConsoleEvents,
  ConsoleIncidentChanges,
  ConsoleKioskChanges,
  ConsoleSnapshot,
  cookieAuthenticator,
} from '@guichet/fleet-server/console/index';
import type { Principal } from '@guichet/fleet-server/auth/principal';
import type { Heartbeat } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import {
  ADMIN_TOKEN,
  captureLog,
  startFleet,
  tempDir,
  testFleetConfig,
  type CapturedLog,
  connectKioskSocket,
} from '../support/fleet-harness';

const T0 = '2026-11-18T15:00:00.000Z';
const SESSION_COOKIE = 'guichet_session=s3ssion-of-alice';
const ALICE: Principal = { kind: 'user', role: 'technician', subject: 'alice' };
/** Alice's session, until the test signs her out. */
let aliceSignedIn = true;

let time: ManualTime;
let server: FleetServer;
let dir: string;
let captured: CapturedLog;
const sockets: Socket[] = [];

function writeRegionalSites(target: string): string {
  const day = [['00:00', '24:00']];
  const hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
  const file = {
    sites: [
      {
        id: 'site-toronto',
        name: 'Eaton Centre',
        city: 'Toronto',
        region: 'toronto',
        latitude: 43.65,
        longitude: -79.38,
        timezone: 'America/Toronto',
        hours,
      },
      { id: 'site-north', name: 'Sudbury', city: 'Sudbury', region: 'northern', timezone: 'America/Toronto', hours },
    ],
    kiosks: [
      { id: 'K-T1', siteId: 'site-toronto', commissionedAt: '2025-01-01T00:00:00.000Z' },
      { id: 'K-T2', siteId: 'site-toronto', commissionedAt: '2025-01-01T00:00:00.000Z' },
      { id: 'K-N1', siteId: 'site-north', commissionedAt: '2025-01-01T00:00:00.000Z' },
    ],
  };
  const filePath = path.join(target, 'sites.json');
  fs.writeFileSync(filePath, JSON.stringify(file));
  return filePath;
}

beforeEach(async () => {
  aliceSignedIn = true;
  time = new ManualTime(T0);
  dir = tempDir('console');
  const log = captureLog();
  captured = log.captured;
  server = await startFleet(
    testFleetConfig(dir, writeRegionalSites(dir), { startupGraceMs: 3_600_000, offlineAfterMs: 3_600_000 }),
    log.logger,
    {
      clock: time,
      timers: time,
      consoleAuthenticate: cookieAuthenticator({
        principalFromCookieHeader: (header) => (header === SESSION_COOKIE && aliceSignedIn ? ALICE : undefined),
      }),
    },
  );
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.stop();
});

interface Console {
  socket: Socket;
  snapshot: ConsoleSnapshot;
  kiosks: ConsoleKioskChanges[];
  incidents: ConsoleIncidentChanges[];
  gzipped: boolean;
}

interface ConnectOptions {
  token?: string;
  headers?: Record<string, string>;
  auth?: Record<string, unknown>;
}

function connect(options: ConnectOptions): Promise<Console> {
  const auth = { ...(options.token === undefined ? {} : { token: options.token }), ...options.auth };
  const socket = io(`${server.url}/console`, {
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
    ...(Object.keys(auth).length > 0 ? { auth } : {}),
    ...(options.headers ? { extraHeaders: options.headers } : {}),
  });
  sockets.push(socket);
  const kiosks: ConsoleKioskChanges[] = [];
  const incidents: ConsoleIncidentChanges[] = [];
  // Every payload is checked against the contract the web console is built on.
  socket.on(ConsoleEvents.kiosks, (body: unknown) => kiosks.push(ConsoleKioskChanges.parse(body)));
  socket.on(ConsoleEvents.incidents, (body: unknown) => incidents.push(ConsoleIncidentChanges.parse(body)));
  return new Promise((resolve, reject) => {
    socket.once(ConsoleEvents.snapshot, (body: unknown) => {
      // A console that asked for gzip gets the bytes of the gzipped JSON.
      const json: unknown = Buffer.isBuffer(body) ? JSON.parse(gunzipSync(body).toString('utf8')) : body;
      resolve({ socket, snapshot: ConsoleSnapshot.parse(json), kiosks, incidents, gzipped: Buffer.isBuffer(body) });
    });
    socket.once('connect_error', reject);
  });
}

async function refusal(options: ConnectOptions): Promise<string | undefined> {
  const error = await connect(options).then(
    () => undefined,
    (e: Error & { data?: { code: string } }) => e,
  );
  return error?.data?.code;
}

function kiosk(kioskId: string): Promise<Socket> {
  return connectKioskSocket(server, kioskId, sockets);
}

let seq = 0;
async function heartbeat(socket: Socket, kioskId: string, devices: Heartbeat['devices']): Promise<void> {
  const body: Heartbeat = { kioskId, seq: seq++, sentAt: time.now().toISOString(), mode: 'in-service', devices };
  expect(await socket.emitWithAck('heartbeat', body)).toEqual({ ok: true });
}

describe('console live feed', () => {
  it('refuses a handshake without credentials, with a wrong token or cookie, or a cookie from another origin', async () => {
    expect(await refusal({})).toBe('CONSOLE_AUTH_REQUIRED');
    expect(await refusal({ token: 'gt_not-a-real-token-at-all' })).toBe('CONSOLE_AUTH_FAILED');
    expect(await refusal({ headers: { cookie: 'guichet_session=forged' } })).toBe('CONSOLE_AUTH_FAILED');
    expect(await refusal({ headers: { cookie: SESSION_COOKIE, origin: 'https://evil.example' } })).toBe(
      'CONSOLE_ORIGIN_REFUSED',
    );
    // A made-up token does not let a foreign page ride the cookie either.
    expect(
      await refusal({ token: 'gt_made-up', headers: { cookie: SESSION_COOKIE, origin: 'https://evil.example' } }),
    ).toBe('CONSOLE_ORIGIN_REFUSED');
    expect(await refusal({ token: ADMIN_TOKEN, auth: { snapshotEncoding: 'brotli' } })).toBe('CONSOLE_BAD_HANDSHAKE');
    const refused = captured.lines.filter((l) => l.event === 'console.auth-refused').map((l) => l.code);
    expect(refused).toEqual([
      'CONSOLE_AUTH_REQUIRED',
      'CONSOLE_AUTH_FAILED',
      'CONSOLE_AUTH_FAILED',
      'CONSOLE_ORIGIN_REFUSED',
      'CONSOLE_ORIGIN_REFUSED',
      'CONSOLE_BAD_HANDSHAKE',
    ]);
    expect(captured.text()).not.toContain('not-a-real-token');
    expect(server.console.consoles).toBe(0);
  });

  it('opens with a token or a session cookie and sends the whole fleet in the snapshot', async () => {
    const byCookie = await connect({
      headers: { cookie: SESSION_COOKIE, origin: server.url, host: new URL(server.url).host },
    });
    expect(byCookie.snapshot.principal).toEqual({ subject: 'alice', role: 'technician', region: null });
    const admin = await connect({ token: ADMIN_TOKEN });
    const { snapshot } = admin;
    expect(snapshot.principal).toEqual({ subject: 'bootstrap-admin', role: 'admin', region: null });
    expect(snapshot.at).toBe(T0);
    expect(snapshot.sites).toEqual([
      {
        id: 'site-toronto',
        name: 'Eaton Centre',
        city: 'Toronto',
        region: 'toronto',
        latitude: 43.65,
        longitude: -79.38,
      },
      { id: 'site-north', name: 'Sudbury', city: 'Sudbury', region: 'northern', latitude: null, longitude: null },
    ]);
    expect(snapshot.kiosks.map((k) => [k.id, k.siteId, k.status])).toEqual([
      ['K-T1', 'site-toronto', 'offline'],
      ['K-T2', 'site-toronto', 'offline'],
      ['K-N1', 'site-north', 'offline'],
    ]);
    expect(snapshot.incidents).toEqual([]);
    // The SLA engine counts a kiosk down only from a recorded fault: none yet (the start-up grace has not run out).
    expect(snapshot.sla).toMatchObject({ at: T0, threshold: 0.97, scheduledKiosks: 3, upKiosks: 3 });
    expect(snapshot.sla.trend.at(-1)).toEqual({ day: '2026-11-18', minOperationalFraction: 1 });
    expect(snapshot.sla.trend).toHaveLength(18);
    expect(server.console.consoles).toBe(2);
    // The same snapshot gzipped, for a phone on a slow link.
    const gzipped = await connect({ token: ADMIN_TOKEN, auth: { snapshotEncoding: 'gzip' } });
    expect(gzipped.gzipped).toBe(true);
    expect(admin.gzipped).toBe(false);
    expect(gzipped.snapshot).toEqual(snapshot);
  });

  it('pushes a kiosk fault heartbeat as a kiosk change within one batch, then the incident it opened', async () => {
    const admin = await connect({ token: ADMIN_TOKEN });
    const k = await kiosk('K-T1');
    await heartbeat(k, 'K-T1', { printer: { state: 'ok' } });
    await time.advance(CONSOLE_BATCH_INTERVAL_MS);
    await eventually('K-T1 online on the console', () =>
      admin.kiosks.some((b) => b.kiosks.some((x) => x.id === 'K-T1' && x.status === 'online')),
    );

    await heartbeat(k, 'K-T1', { printer: { state: 'fault', code: 'PRINTER_PAPER_END' } });
    await time.advance(CONSOLE_BATCH_INTERVAL_MS);
    const change = await eventually('the fault on the console', () =>
      admin.kiosks.flatMap((b) => b.kiosks).find((x) => x.id === 'K-T1' && x.status === 'out-of-service'),
    );
    expect(change.devices.printer).toEqual({ state: 'fault', code: 'PRINTER_PAPER_END' });
    expect(change.openFaults).toEqual([{ faultId: expect.stringMatching(/^F-/) as unknown, component: 'printer' }]);

    // The incident queue follows from the SLA live view, recomputed after the fault event (within its floor).
    await time.advance(SLA_MIN_REFRESH_MS);
    const opened = await eventually('the incident on the console', () =>
      admin.incidents.flatMap((b) => b.changed).find((i) => i.kioskId === 'K-T1'),
    );
    const detectedAt = server.events.all().find((e) => e.type === 'fault.detected')!.at;
    expect(opened).toEqual({
      incidentId: `K-T1-${Date.parse(detectedAt)}`,
      kioskId: 'K-T1',
      siteId: 'site-toronto',
      detectedAt: new Date(detectedAt).toISOString(),
      components: ['printer'],
      repairSecondsLeft: expect.any(Number) as unknown,
      clockRunning: true,
      withinSla: null,
      state: 'open',
      acknowledgedBy: null,
      assignee: null,
      at: expect.any(String) as unknown,
    });
    expect(opened.repairSecondsLeft).toBeGreaterThan(7_190);
    expect(opened.repairSecondsLeft).toBeLessThanOrEqual(7_200);

    // Repaired: the kiosk comes back online and the incident leaves the queue.
    await heartbeat(k, 'K-T1', { printer: { state: 'ok' } });
    await time.advance(SLA_MIN_REFRESH_MS);
    await eventually('the incident removed', () => admin.incidents.some((b) => b.removed.includes(opened.incidentId)));
    expect(admin.kiosks.flatMap((b) => b.kiosks).at(-1)).toMatchObject({ id: 'K-T1', status: 'online' });
  });

  it('coalesces a kiosk changing many times within a batch into one push, and pushes nothing for unchanged heartbeats', async () => {
    const admin = await connect({ token: ADMIN_TOKEN });
    const k = await kiosk('K-T2');
    await heartbeat(k, 'K-T2', { printer: { state: 'ok' } });
    await time.advance(CONSOLE_BATCH_INTERVAL_MS);
    await eventually('first batch', () => admin.kiosks.length === 1 && admin.kiosks);
    // Within the next interval: a warning, then its clearing, then three unchanged heartbeats (under the rate limit).
    await heartbeat(k, 'K-T2', { printer: { state: 'warning', code: 'PRINTER_PAPER_LOW' } });
    await heartbeat(k, 'K-T2', { printer: { state: 'ok' } });
    await heartbeat(k, 'K-T2', { printer: { state: 'ok' } });
    await time.advance(CONSOLE_BATCH_INTERVAL_MS);
    await heartbeat(k, 'K-T2', { printer: { state: 'warning', code: 'PRINTER_PAPER_LOW' } });
    await time.advance(CONSOLE_BATCH_INTERVAL_MS);
    await eventually('the warning batch', () =>
      admin.kiosks.some((b) => b.kiosks.some((x) => x.devices.printer?.state === 'warning')),
    );
    // One initial push, one for the warning; the ok→warning→ok round trip within a batch showed nothing new.
    expect(admin.kiosks.map((b) => b.kiosks.map((x) => `${x.id} ${x.devices.printer?.state}`))).toEqual([
      ['K-T2 ok'],
      ['K-T2 warning'],
    ]);
  });

  it('scopes a region-bound technician to their region, and gives analysts the fleet without the incident queue', async () => {
    const north = server.tokens.issue('technician', 'tech-north', time.now(), { region: 'northern' });
    const analystToken = server.tokens.issue('analyst', 'analyst-transportation', time.now(), {
      ministry: 'transportation',
    });
    const tech = await connect({ token: north });
    const analyst = await connect({ token: analystToken });
    const admin = await connect({ token: ADMIN_TOKEN });
    expect(tech.snapshot.principal).toEqual({ subject: 'tech-north', role: 'technician', region: 'northern' });
    expect(tech.snapshot.sites.map((s) => s.id)).toEqual(['site-north']);
    expect(tech.snapshot.kiosks.map((k) => k.id)).toEqual(['K-N1']);
    expect(analyst.snapshot.kiosks.map((k) => k.id)).toEqual(['K-T1', 'K-T2', 'K-N1']);

    const t1 = await kiosk('K-T1');
    const n1 = await kiosk('K-N1');
    await heartbeat(t1, 'K-T1', { cardReader: { state: 'fault' } });
    await heartbeat(n1, 'K-N1', { cardReader: { state: 'fault' } });
    await time.advance(SLA_MIN_REFRESH_MS);
    await eventually('both incidents at the admin', () => admin.incidents.flatMap((b) => b.changed).length === 2);
    await eventually('the northern incident at the technician', () => tech.incidents.length > 0);
    expect(admin.kiosks.flatMap((b) => b.kiosks.map((k) => k.id)).sort()).toEqual(['K-N1', 'K-T1']);
    expect(tech.kiosks.flatMap((b) => b.kiosks.map((k) => k.id))).toEqual(['K-N1']);
    expect(tech.incidents.flatMap((b) => b.changed.map((i) => i.kioskId))).toEqual(['K-N1']);
    expect(analyst.kiosks.flatMap((b) => b.kiosks.map((k) => k.id)).sort()).toEqual(['K-N1', 'K-T1']);
    expect(analyst.incidents).toEqual([]);
    expect(analyst.snapshot.incidents).toEqual([]);
  });

  it('once a minute shows planned maintenance that began and closes consoles whose session ended', async () => {
    const alice = await connect({ headers: { cookie: SESSION_COOKIE } });
    const admin = await connect({ token: ADMIN_TOKEN });
    const closed: unknown[] = [];
    alice.socket.on(ConsoleEvents.closed, (body: unknown) => closed.push(body));
    const n1 = await kiosk('K-N1');
    await heartbeat(n1, 'K-N1', { printer: { state: 'ok' } }); // an offline kiosk shows offline, maintenance or not
    const start = new Date(Date.parse(T0) + 30_000);
    server.maintenance.plan('K-N1', { start, end: new Date(Date.parse(T0) + 3_600_000), reason: 'printer swap' }, 'x');
    aliceSignedIn = false;
    await time.advance(CONSOLE_SWEEP_INTERVAL_MS);
    await time.advance(CONSOLE_BATCH_INTERVAL_MS); // the sweep's batch (a timer set within a timer is ≥ 1 ms later)
    await eventually('K-N1 in maintenance on the console', () =>
      admin.kiosks.some((b) => b.kiosks.some((k) => k.id === 'K-N1' && k.status === 'maintenance')),
    );
    await eventually('alice closed', () => !alice.socket.connected && closed.length === 1);
    expect(closed).toEqual([{ code: 'CONSOLE_SIGNED_OUT', message: expect.any(String) as unknown }]);
    expect(admin.socket.connected).toBe(true);
    expect(server.console.consoles).toBe(1);
  });

  it('refuses what a console sends: the feed only speaks', async () => {
    const admin = await connect({ token: ADMIN_TOKEN });
    expect(await admin.socket.emitWithAck('incident.acknowledge', { incidentId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CONSOLE_READ_ONLY' },
    });
  });
});

describe('console app at /console/', () => {
  it('answers 503 with a clear message while the console is not built', async () => {
    const res = await fetch(`${server.url}/console/`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'CONSOLE_NOT_BUILT',
        message: expect.stringContaining('npm run build:ui') as unknown,
      },
    });
  });

  it('serves a built console: its files, index.html for app paths, 404 for a missing asset, with the security headers', async () => {
    const dist = path.join(dir, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Console</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
    const built = await startFleet(
      testFleetConfig(dir, writeRegionalSites(dir), { dataDir: path.join(dir, 'b') }),
      undefined,
      {
        consoleDistDir: dist,
      },
    );
    try {
      const bare = await fetch(`${built.url}/console`, { redirect: 'manual' });
      expect(bare.status).toBe(301);
      expect(bare.headers.get('location')).toBe('/console/');
      const index = await fetch(`${built.url}/console/`);
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('<title>Console</title>');
      expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(index.headers.get('x-frame-options')).toBe('DENY');
      const asset = await fetch(`${built.url}/console/assets/app.js`);
      expect(asset.headers.get('content-type')).toContain('javascript');
      const deep = await fetch(`${built.url}/console/incidents`);
      expect(deep.status).toBe(200);
      expect(await deep.text()).toContain('<title>Console</title>');
      const missing = await fetch(`${built.url}/console/assets/old-bundle.js`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    } finally {
      await built.stop();
    }
  });
});
