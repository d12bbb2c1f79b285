// Outages end to end: a kiosk process killed with SIGKILL is marked offline exactly the limit after its last
// heartbeat on the fleet's (manual) clock, with `since` = that heartbeat; it comes back and the fault clears;
// telemetry buffered while the fleet was unreachable arrives once, in order; a restarted fleet keeps every event.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import { KioskRuntime, SimulatedDeviceBoard } from '@guichet/kiosk';
import type { FleetEvent } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { api, startFleet, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';

const repo = path.resolve(import.meta.dirname, '../..');
const quiet = pino({ level: 'silent' });
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function spawnKiosk(fleetUrl: string, kioskId: string, credential: string, dataDir: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'kiosk/src/main.ts')], {
    cwd: repo,
    env: {
      ...process.env,
      GUICHET_FLEET_URL: fleetUrl,
      GUICHET_KIOSK_ID: kioskId,
      GUICHET_KIOSK_CREDENTIAL: credential,
      GUICHET_KIOSK_DATA_DIR: dataDir,
      GUICHET_HEARTBEAT_MS: '200',
      GUICHET_KIOSK_UI_PORT: 'off',
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return child;
}

async function healthz(server: FleetServer): Promise<{ connected: number }> {
  // The connection count is a detail /healthz gives only with a token.
  return (await api<{ connected: number }>(server, '/healthz')).body;
}

async function status(server: FleetServer, id: string): Promise<{ status: string; lastHeartbeatAt: string | null }> {
  const { body } = await api<{ kiosks: Array<{ id: string; status: string; lastHeartbeatAt: string | null }> }>(
    server,
    '/api/v1/kiosks',
  );
  return body.kiosks.find((k) => k.id === id)!;
}

describe('kiosk outages', () => {
  it('marks a killed kiosk offline exactly the limit after its last heartbeat, and clears the fault on return', async () => {
    const dir = tempDir('outage');
    const offlineAfterMs = 1_500;
    // The fleet runs on manual time: the kiosk process heartbeats for real, but silence is measured on the
    // fleet's clock, which moves only when the test advances it.
    const time = new ManualTime('2026-11-02T15:00:00.000Z');
    const server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 2), { offlineAfterMs }), quiet, {
      clock: time,
      timers: time,
    });
    cleanups.push(() => server.stop());
    const credential = server.credentials.issue('K-001', new Date());
    const kiosk = spawnKiosk(server.url, 'K-001', credential, path.join(dir, 'kiosk'));
    await eventually('kiosk online', async () => (await status(server, 'K-001')).status === 'online', {
      timeoutMs: 20_000,
    });
    await time.advance(1_000);
    // A heartbeat at the new time: the last one the fleet hears before the kill.
    await eventually('a heartbeat at the advanced time', async () => {
      return (await status(server, 'K-001')).lastHeartbeatAt === '2026-11-02T15:00:01.000Z';
    });

    kiosk.kill('SIGKILL');
    await new Promise((resolve) => kiosk.once('exit', resolve));
    await eventually('the fleet saw the kiosk go', async () => (await healthz(server)).connected === 0);
    expect(server.events.all()).toEqual([]);
    await time.advance(offlineAfterMs - 1);
    expect(server.events.all()).toEqual([]);
    expect((await status(server, 'K-001')).status).toBe('online');
    await time.advance(1);
    const [detected] = server.events.all().filter((e) => e.kioskId === 'K-001');
    expect(detected).toMatchObject({
      type: 'fault.detected',
      component: 'network',
      since: '2026-11-02T15:00:01.000Z',
      at: '2026-11-02T15:00:02.500Z',
    });
    expect((await status(server, 'K-001')).status).toBe('offline');

    spawnKiosk(server.url, 'K-001', credential, path.join(dir, 'kiosk'));
    await eventually('kiosk back online', async () => (await status(server, 'K-001')).status === 'online', {
      timeoutMs: 20_000,
    });
    const cleared = server.events.all().filter((e) => e.kioskId === 'K-001' && e.type === 'fault.cleared');
    expect(cleared).toEqual([
      expect.objectContaining({ faultId: (detected as Extract<FleetEvent, { type: 'fault.detected' }>).faultId }),
    ]);
  });

  it('replays telemetry buffered while the fleet was down exactly once and in order, and a restarted fleet keeps every event', async () => {
    const dir = tempDir('replay');
    const sites = writeSitesFile(dir, 2);
    // Manual fleet time, the start-up grace shorter than the offline limit: advancing past the grace faults
    // the silent K-002 while the heartbeating K-001 stays online.
    const time = new ManualTime('2026-11-02T15:00:00.000Z');
    const fleetTime = { clock: time, timers: time };
    const timings = { offlineAfterMs: 800, startupGraceMs: 400 };
    let server = await startFleet(testFleetConfig(dir, sites, timings), quiet, fleetTime);
    const port = Number(new URL(server.url).port);
    const credential = server.credentials.issue('K-001', new Date());
    const runtime = new KioskRuntime({
      kioskId: 'K-001',
      credential,
      fleetUrl: server.url,
      dataDir: path.join(dir, 'kiosk'),
      heartbeatIntervalMs: 200,
      devices: new SimulatedDeviceBoard(),
      log: quiet,
      backoff: { baseMs: 100, maxMs: 400 },
    });
    cleanups.push(() => runtime.stop());
    runtime.start();
    await eventually('online', async () => (await status(server, 'K-001')).status === 'online');
    // K-002 never connects: it is faulted, which gives the log some events to keep.
    await time.advance(400);
    expect(server.events.all().map((e) => [e.type, e.kioskId])).toEqual([['fault.detected', 'K-002']]);
    await eventually('outbox drained', () => runtime.outbox.size === 0);
    const eventsBefore = server.events.all();

    await server.stop();
    for (let i = 1; i <= 250; i++) runtime.link.record('kiosk.mode-changed', { mode: 'in-service', version: i });
    expect(runtime.outbox.size).toBe(250);

    server = await startFleet(testFleetConfig(dir, sites, { port, ...timings }), quiet, fleetTime);
    cleanups.push(() => server.stop());
    expect(server.events.all().slice(0, eventsBefore.length)).toEqual(eventsBefore);
    await eventually('outbox replayed', () => runtime.outbox.size === 0, { timeoutMs: 15_000 });

    const readings = server.inbox.list('K-001').filter((r) => r.kind === 'kiosk.mode-changed');
    expect(readings.map((r) => r.data.version)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    const seqs = server.inbox.list('K-001').map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
