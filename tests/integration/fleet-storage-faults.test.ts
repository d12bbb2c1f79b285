// Storage that starts failing under a running fleet server: SQLite itself refuses every write (query_only on the
// server's own connection, which fails for root too, unlike file permissions). The server stays up with its
// kiosks linked, /healthz says failing (once in the log), write requests get a clear error; when storage returns
// the writers recover on their backoff and the state is written. And it refuses to start on storage it cannot write.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@guichet/shared';
import type { FleetServer } from '@guichet/fleet-server';
import { KioskRuntime, SimulatedDeviceBoard } from '@guichet/kiosk';
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
} from '../support/fleet-harness';
import { runProcess } from '../support/run-process';

const quiet = pino({ level: 'silent' });
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Health = { status: string; connected: number; storage: string; since?: string; code?: string };

/** The details of /healthz are for token holders (an anonymous caller learns only that the server is alive). */
async function healthz(server: FleetServer): Promise<Health> {
  const res = await fetch(`${server.url}/healthz`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return (await res.json()) as Health;
}

async function kioskView(server: FleetServer, id: string): Promise<{ status: string; lastHeartbeatAt: string | null }> {
  const { body } = await api<{ kiosks: Array<{ id: string; status: string; lastHeartbeatAt: string | null }> }>(
    server,
    '/api/v1/kiosks',
  );
  return body.kiosks.find((k) => k.id === id)!;
}

async function kioskStatus(server: FleetServer, id: string): Promise<string> {
  return (await kioskView(server, id)).status;
}

function startKiosk(server: FleetServer, dir: string, kioskId: string): KioskRuntime {
  const runtime = new KioskRuntime({
    kioskId,
    credential: server.credentials.issue(kioskId, new Date()),
    fleetUrl: server.url,
    dataDir: path.join(dir, 'kiosks', kioskId),
    heartbeatIntervalMs: 200,
    devices: new SimulatedDeviceBoard(),
    log: quiet,
    backoff: { baseMs: 100, maxMs: 500 },
  });
  runtime.start();
  cleanups.push(() => runtime.stop());
  return runtime;
}

describe('storage faults', () => {
  it('stays up while storage fails mid-run, says so in /healthz once, and recovers when storage returns', async () => {
    const dir = tempDir('storage-faults');
    const time = new ManualTime('2026-11-29T10:00:00.000Z');
    const { logger, captured } = captureLog();
    const server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 3)), logger, {
      clock: time,
      timers: time,
    });
    cleanups.push(() => server.stop());
    const k3Credential = server.credentials.issue('K-003', new Date());
    startKiosk(server, dir, 'K-001');
    const k2 = startKiosk(server, dir, 'K-002');
    await eventually('both kiosks online', async () => (await healthz(server)).connected === 2, { timeoutMs: 20_000 });
    await eventually('K-002 online', async () => (await kioskStatus(server, 'K-002')) === 'online');
    expect((await healthz(server)).storage).toBe('ok');

    // Storage fails: every write on the server's connection now ends in SQLITE_READONLY.
    server.db.pragma('query_only = 1');
    const failedAt = time.now().getTime();
    await eventually('a flush fails', async () => {
      await time.advance(200);
      return (await healthz(server)).storage === 'failing';
    });
    const failing = await healthz(server);
    expect(failing).toMatchObject({ status: 'ok', storage: 'failing', code: 'SQLITE_READONLY', connected: 2 });
    expect(new Date(failing.since!).getTime()).toBeGreaterThan(failedAt);

    // A kiosk message that must be stored gets a typed refusal in its ack; its connection stays open.
    const socket = io(`${server.url}/kiosk`, {
      auth: {
        kioskId: 'K-003',
        credential: k3Credential,
        protocolVersion: PROTOCOL_VERSION,
      },
      forceNew: true,
      transports: ['websocket'],
      reconnection: false,
    });
    cleanups.push(() => void socket.disconnect());
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const record = {
      streamId: 's-1',
      seq: 1,
      at: time.now().toISOString(),
      kind: 'kiosk.started',
      data: { softwareVersion: '1.0.0' },
    };
    const refused: unknown = await socket.emitWithAck('telemetry', { kioskId: 'K-003', records: [record] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE', event: 'telemetry' } });
    expect(socket.connected).toBe(true);
    socket.disconnect();
    await eventually('K-003 gone', async () => (await healthz(server)).connected === 2);

    // A kiosk goes silent: its offline fault cannot be written, so it is retried, not lost and not fatal.
    await k2.stop();
    await eventually('K-002 gone', async () => (await healthz(server)).connected === 1);
    for (let i = 0; i < 30; i++) await time.advance(1_000);
    expect(await kioskStatus(server, 'K-002')).toBe('online');
    const window = { start: '2026-11-30T10:00:00Z', end: '2026-11-30T11:00:00Z', reason: 'disk swap' };
    const planned = await api<{ error: { code: string } }>(server, '/api/v1/kiosks/K-001/maintenance', {
      method: 'POST',
      body: JSON.stringify(window),
    });
    expect(planned.status).toBe(503);
    expect(planned.body.error.code).toBe('STORAGE_UNAVAILABLE');
    expect(server.events.all().filter((e) => e.type === 'maintenance.started')).toHaveLength(0);
    // K-001 keeps its link and its heartbeats are taken (kept in memory) while nothing can be written.
    const heardAt = time.now().toISOString();
    await eventually('a K-001 heartbeat during the failure', async () => {
      return (await kioskView(server, 'K-001')).lastHeartbeatAt === heardAt;
    });
    const stillFailing = await healthz(server);
    expect(stillFailing).toMatchObject({ storage: 'failing', since: failing.since, connected: 1 });
    const failingLines = captured.lines.filter((l) => l.event === 'storage.failing');
    // Logged once per writer for 30 s of failing ticks (the flush every 200 ms, the offline retries).
    expect(failingLines.map((l) => l.writer).sort()).toEqual(['kiosk-state-flush', 'offline-detection']);

    // Storage returns: the next retries (at most the 60 s backoff cap away) write what was owed.
    server.db.pragma('query_only = 0');
    await time.advance(61_000);
    expect(await healthz(server)).toMatchObject({ storage: 'ok', connected: 1 });
    expect(await kioskStatus(server, 'K-002')).toBe('offline');
    const network = server.events.all().filter((e) => e.kioskId === 'K-002' && e.type === 'fault.detected');
    expect(network).toHaveLength(1);
    const row = server.db.prepare("SELECT last_heartbeat_at FROM kiosk_state WHERE kiosk_id = 'K-001'").get() as {
      last_heartbeat_at: string;
    };
    expect(new Date(row.last_heartbeat_at).getTime()).toBeGreaterThanOrEqual(new Date(heardAt).getTime());
    expect(
      captured.lines
        .filter((l) => l.event === 'storage.recovered')
        .map((l) => l.writer)
        .sort(),
    ).toEqual(['kiosk-state-flush', 'offline-detection']);
    expect(
      (await api(server, '/api/v1/kiosks/K-001/maintenance', { method: 'POST', body: JSON.stringify(window) })).status,
    ).toBe(201);
  });
});

describe('start-up on storage it cannot write', () => {
  function envWith(settings: Record<string, string>): NodeJS.ProcessEnv {
    const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('GUICHET_'));
    return { ...Object.fromEntries(inherited), ...settings };
  }

  it('refuses a data directory that is a file, with one line naming it, exit 2', async () => {
    const dir = tempDir('storage-refusal');
    const notADir = path.join(dir, 'data');
    fs.writeFileSync(notADir, 'not a directory');
    const result = await runProcess(
      process.execPath,
      ['--import', 'tsx', 'fleet-server/src/main.ts'],
      '',
      envWith({
        GUICHET_SITES_FILE: writeSitesFile(dir, 1),
        GUICHET_DATA_DIR: notADir,
        GUICHET_ADMIN_TOKEN: ADMIN_TOKEN,
        PORT: '0',
      }),
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `guichet fleet server: STORAGE_UNWRITABLE: cannot write the database in data directory ${notADir}: EEXIST: ` +
        `EEXIST: file already exists, mkdir '${notADir}'\n`,
    );
  });
});
