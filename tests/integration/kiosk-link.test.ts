// The kiosk↔fleet link over real socket.io and HTTP: authentication, heartbeats, device faults, bad
// input from a kiosk (each refused with a clear error and a log line, changing nothing), target state.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import { KioskRuntime, SimulatedDeviceBoard } from '@guichet/kiosk';
import { PROTOCOL_VERSION, type FleetEvent } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import {
  ADMIN_TOKEN,
  api,
  captureLog,
  startFleet,
  tempDir,
  testFleetConfig,
  writeSitesFile,
  type CapturedLog,
} from '../support/fleet-harness';

type KiosksBody = {
  kiosks: Array<{
    id: string;
    siteId: string;
    status: string;
    lastHeartbeatAt: string | null;
    devices: Record<string, { state: string }>;
  }>;
};

let server: FleetServer;
let captured: CapturedLog;
let dir: string;
const runtimes: KioskRuntime[] = [];
const sockets: Socket[] = [];
const quiet = pino({ level: 'silent' });

beforeEach(async () => {
  dir = tempDir('link');
  const log = captureLog();
  captured = log.captured;
  server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 3)), log.logger);
});

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.stop()));
  await server.stop();
});

function startKiosk(kioskId: string, credential: string, devices = new SimulatedDeviceBoard()): KioskRuntime {
  const runtime = new KioskRuntime({
    kioskId,
    credential,
    fleetUrl: server.url,
    dataDir: dir + '/kiosks',
    heartbeatIntervalMs: 200,
    devices,
    log: quiet,
    backoff: { baseMs: 100, maxMs: 500 },
  });
  runtimes.push(runtime);
  runtime.start();
  return runtime;
}

async function rawSocket(auth: Record<string, unknown>, fleet: FleetServer = server): Promise<Socket> {
  const socket = io(`${fleet.url}/kiosk`, { auth, forceNew: true, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

async function kioskView(id: string) {
  const { body } = await api<KiosksBody>(server, '/api/v1/kiosks');
  return body.kiosks.find((k) => k.id === id)!;
}

describe('kiosk link', () => {
  it('shows a kiosk online with its devices once it heartbeats, in the documented shape', async () => {
    const credential = server.credentials.issue('K-001', new Date());
    const before = Date.now();
    startKiosk('K-001', credential);
    const view = await eventually('K-001 online', async () => {
      const v = await kioskView('K-001');
      return v.status === 'online' && v;
    });
    expect(view.siteId).toBe('site-test');
    expect(Date.parse(view.lastHeartbeatAt!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(view.lastHeartbeatAt!)).toBeLessThanOrEqual(Date.now());
    expect(view.devices.printer?.state).toBe('ok');
    const other = await kioskView('K-002');
    expect(other.status).toBe('offline');
    expect(other.lastHeartbeatAt).toBeNull();
  });

  it('refuses a wrong credential with a clear error, logs one line without the secret, and changes nothing', async () => {
    server.credentials.issue('K-001', new Date());
    const error = await rawSocket({
      kioskId: 'K-001',
      credential: 'not-the-right-credential',
      protocolVersion: PROTOCOL_VERSION,
    }).catch((e: Error & { data?: { code: string } }) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error & { data?: { code: string } }).data?.code).toBe('AUTH_FAILED');
    const refusals = captured.lines.filter((l) => l.event === 'kiosk.auth-refused');
    expect(refusals).toHaveLength(1);
    expect(captured.text()).not.toContain('not-the-right-credential');
    expect((await kioskView('K-001')).lastHeartbeatAt).toBeNull();
  });

  it('refuses an unknown kiosk and an unsupported protocol version', async () => {
    const credential = server.credentials.issue('K-001', new Date());
    const unknown = await rawSocket({ kioskId: 'K-999', credential, protocolVersion: PROTOCOL_VERSION }).catch(
      (e: Error & { data?: { code: string } }) => e.data?.code,
    );
    expect(unknown).toBe('AUTH_FAILED');
    const version = await rawSocket({ kioskId: 'K-001', credential, protocolVersion: 99 }).catch(
      (e: Error & { data?: { code: string } }) => e.data?.code,
    );
    expect(version).toBe('PROTOCOL_VERSION_UNSUPPORTED');
  });

  it('answers malformed, unknown and impersonating messages with an error, sampled log lines, and no change', async () => {
    const credential = server.credentials.issue('K-001', new Date());
    const socket = await rawSocket({ kioskId: 'K-001', credential, protocolVersion: PROTOCOL_VERSION });
    const malformed: unknown = await socket.emitWithAck('heartbeat', { kioskId: 'K-001', seq: -4, devices: 'broken' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'PROTOCOL_INVALID_MESSAGE' } });
    const foreign: unknown = await socket.emitWithAck('heartbeat', {
      kioskId: 'K-002',
      seq: 1,
      sentAt: new Date().toISOString(),
      mode: 'in-service',
      devices: {},
    });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'KIOSK_ID_MISMATCH' } });
    const unknown: unknown = await socket.emitWithAck('self-destruct', { now: true });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'PROTOCOL_UNKNOWN_MESSAGE' } });
    const pushed = new Promise((resolve) => socket.once('protocol.error', resolve));
    socket.emit('heartbeat', 'garbage without ack');
    expect(await pushed).toMatchObject({ code: 'PROTOCOL_INVALID_MESSAGE', event: 'heartbeat' });
    // Sampled: the second invalid heartbeat within the minute adds no line (the next one will count it).
    expect(captured.lines.filter((l) => l.event === 'protocol.rejected')).toHaveLength(3);
    expect((await kioskView('K-001')).lastHeartbeatAt).toBeNull();
    expect((await kioskView('K-002')).lastHeartbeatAt).toBeNull();
    expect(server.events.all()).toEqual([]);
    // The connection survives bad input: a valid heartbeat still works.
    const good: unknown = await socket.emitWithAck('heartbeat', {
      kioskId: 'K-001',
      seq: 2,
      sentAt: new Date().toISOString(),
      mode: 'in-service',
      devices: {},
    });
    expect(good).toEqual({ ok: true });
  });

  it('refuses a kiosk that heartbeats faster than its allowance, without recording anything', async () => {
    // A fleet on manual time: all eight heartbeats arrive within one interval however slow the machine is.
    const time = new ManualTime('2026-11-02T15:00:00.000Z');
    const own = tempDir('rate');
    const fleet = await startFleet(testFleetConfig(own, writeSitesFile(own, 1)), quiet, { clock: time, timers: time });
    cleanups.push(() => fleet.stop());
    const credential = fleet.credentials.issue('K-001', new Date());
    const socket = await rawSocket({ kioskId: 'K-001', credential, protocolVersion: PROTOCOL_VERSION }, fleet);
    const answers: unknown[] = [];
    for (let i = 0; i < 8; i++) {
      // A kiosk that lies: its printer fails and recovers on every heartbeat.
      const state = i % 2 === 0 ? 'fault' : 'ok';
      answers.push(
        await socket.emitWithAck('heartbeat', {
          kioskId: 'K-001',
          seq: i,
          sentAt: new Date().toISOString(),
          mode: 'in-service',
          devices: { printer: { state } },
        }),
      );
    }
    expect(answers.slice(0, 5)).toEqual(Array(5).fill({ ok: true }));
    expect(answers.slice(5)).toEqual(
      Array(3).fill(
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'RATE_LIMITED' }) as unknown }),
      ),
    );
    expect(fleet.events.all().filter((e) => e.type === 'fault.detected')).toHaveLength(3);
    // One interval later the kiosk may heartbeat again.
    time.setTime(Date.parse('2026-11-02T15:00:00.000Z') + 200);
    expect(
      await socket.emitWithAck('heartbeat', {
        kioskId: 'K-001',
        seq: 8,
        sentAt: new Date().toISOString(),
        mode: 'in-service',
        devices: { printer: { state: 'ok' } },
      }),
    ).toEqual({ ok: true });
  });

  it('opens a fault when a device fails, shows the kiosk out of service, and clears it on recovery', async () => {
    const credential = server.credentials.issue('K-001', new Date());
    const devices = new SimulatedDeviceBoard();
    startKiosk('K-001', credential, devices);
    await eventually('online', async () => (await kioskView('K-001')).status === 'online');
    devices.set('printer', { state: 'fault', code: 'PRINTER_PAPER_END' });
    await eventually('out of service', async () => (await kioskView('K-001')).status === 'out-of-service');
    devices.set('printer', { state: 'ok' });
    await eventually('online again', async () => (await kioskView('K-001')).status === 'online');
    const events = server.events.all();
    expect(events.map((e) => e.type)).toEqual(['fault.detected', 'fault.cleared']);
    const detected = events[0] as Extract<FleetEvent, { type: 'fault.detected' }>;
    expect(detected).toMatchObject({ kioskId: 'K-001', component: 'printer', code: 'PRINTER_PAPER_END' });
    expect(events[1]).toMatchObject({ faultId: detected.faultId });
  });

  it('takes a kiosk out of service by target state, idempotently, and back', async () => {
    const credential = server.credentials.issue('K-001', new Date());
    const runtime = startKiosk('K-001', credential);
    await eventually('online', async () => (await kioskView('K-001')).status === 'online');
    const put = await api<{ targetState: { version: number; mode: string } }>(
      server,
      '/api/v1/kiosks/K-001/target-state',
      { method: 'PUT', body: JSON.stringify({ mode: 'out-of-service', reason: 'screen cracked' }) },
    );
    expect(put.status).toBe(200);
    expect(put.body.targetState).toMatchObject({ version: 1, mode: 'out-of-service' });
    await eventually('out of service', async () => (await kioskView('K-001')).status === 'out-of-service');
    expect(runtime.mode).toBe('out-of-service');
    await api(server, '/api/v1/kiosks/K-001/target-state', {
      method: 'PUT',
      body: JSON.stringify({ mode: 'in-service' }),
    });
    await eventually('online', async () => (await kioskView('K-001')).status === 'online');
    const bad = await api<{ error: { code: string } }>(server, '/api/v1/kiosks/K-001/target-state', {
      method: 'PUT',
      body: JSON.stringify({ mode: 'exploded' }),
    });
    expect(bad.status).toBe(400);
    expect(runtime.mode).toBe('in-service');
  });
});

describe('fleet API access', () => {
  it('requires a token, and lets only admins issue technician tokens', async () => {
    expect((await api(server, '/api/v1/kiosks', { token: null })).status).toBe(401);
    expect((await api(server, '/api/v1/kiosks', { token: 'wrong-token-wrong-token' })).status).toBe(401);
    const issued = await api<{ token: string }>(server, '/api/v1/tokens', {
      method: 'POST',
      body: JSON.stringify({ role: 'technician', subject: 'tech-ottawa-1' }),
    });
    expect(issued.status).toBe(201);
    expect((await api(server, '/api/v1/kiosks', { token: issued.body.token })).status).toBe(200);
    expect(
      (
        await api(server, '/api/v1/tokens', {
          method: 'POST',
          token: issued.body.token,
          body: JSON.stringify({ role: 'technician', subject: 'x' }),
        })
      ).status,
    ).toBe(403);
    const badJson = await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({
      error: {
        code: 'BAD_JSON',
        message: 'the request body is not valid JSON',
        requestId: expect.any(String) as unknown,
      },
    });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('refuses every API call when no admin token is configured', async () => {
    const other = tempDir('noadmin');
    const open = await startFleet(
      testFleetConfig(other, writeSitesFile(other, 1), { adminToken: undefined }),
      pino({ level: 'silent' }),
    );
    try {
      const res = await api<{ error: { code: string } }>(open, '/api/v1/kiosks', { token: 'anything-at-all-here' });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('API_DISABLED');
    } finally {
      await open.stop();
    }
  });
});
