// Remote commands end to end: a real fleet server (HTTP API, socket.io, SQLite) on manual time and real kiosk
// runtimes (their FleetLink over socket.io): sent online → acknowledged → done; sent offline → queued →
// delivered at the kiosk's welcome; a reboot past its time to wait → expired, never delivered; logs bounded and
// without personal data, downloadable.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import { KioskRuntime, LogRing, SimulatedDeviceBoard } from '@guichet/kiosk';
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
import { runProcess } from '../support/run-process';

type Command = {
  commandId: string;
  type: string;
  state: string;
  acknowledgedAt: string | null;
  deliveries: number;
  error?: { code: string };
  output?: Record<string, unknown>;
  logsUrl?: string;
};

const START = '2026-11-29T15:00:00.000Z';
let time: ManualTime;
let server: FleetServer;
let captured: CapturedLog;
let dir: string;
const runtimes: KioskRuntime[] = [];

beforeEach(async () => {
  dir = tempDir('commands');
  time = new ManualTime(START);
  const log = captureLog();
  captured = log.captured;
  server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 3)), log.logger, { clock: time, timers: time });
});

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.stop()));
  await server.stop();
});

interface Kiosk {
  runtime: KioskRuntime;
  reboots: { count: number };
  ring: LogRing;
}

function startKiosk(kioskId: string): Kiosk {
  const credential = server.credentials.issue(kioskId, new Date(START));
  const ring = new LogRing();
  const reboots = { count: 0 };
  const runtime = new KioskRuntime({
    kioskId,
    credential,
    fleetUrl: server.url,
    dataDir: `${dir}/kiosks`,
    heartbeatIntervalMs: 200,
    devices: new SimulatedDeviceBoard(),
    log: pino({ level: 'info' }, ring),
    backoff: { baseMs: 50, maxMs: 200 },
    logs: ring,
    commandEffects: {
      reboot: () => {
        reboots.count++;
        return Promise.resolve(0);
      },
    },
  });
  runtimes.push(runtime);
  runtime.start();
  return { runtime, reboots, ring };
}

async function send(kioskId: string, body: unknown): Promise<Command> {
  const { status, body: answer } = await api<{ command: Command }>(server, `/api/v1/kiosks/${kioskId}/commands`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  expect(status).toBe(202);
  return answer.command;
}

async function command(kioskId: string, commandId: string): Promise<Command> {
  return (await api<{ command: Command }>(server, `/api/v1/kiosks/${kioskId}/commands/${commandId}`)).body.command;
}

const connections = (kioskId: string) =>
  captured.lines.filter((l) => l.event === 'kiosk.connected' && l.kioskId === kioskId).length;

describe('remote commands over the kiosk link', () => {
  it('restarts a connected kiosk: sent, acknowledged, done, and the runtime comes back (a new hello)', async () => {
    const kiosk = startKiosk('K-001');
    await eventually('K-001 connected', () => kiosk.runtime.link.connected && connections('K-001') === 1);
    const sent = await send('K-001', { type: 'restart-runtime' });
    expect(sent.state).toBe('sent');
    const done = await eventually('restart done', async () => {
      const c = await command('K-001', sent.commandId);
      return c.state === 'done' && c;
    });
    expect(done.acknowledgedAt).not.toBeNull();
    expect(done.deliveries).toBe(1);
    // The in-process restart reconnects; the fleet does not send the finished command again.
    await eventually('K-001 reconnected', () => connections('K-001') === 2 && kiosk.runtime.link.connected);
    expect((await command('K-001', sent.commandId)).deliveries).toBe(1);
  });

  it('queues commands for an offline kiosk and delivers them at its welcome; a stale reboot expires, never delivered', async () => {
    const reboot = await send('K-002', { type: 'reboot' });
    const logs = await send('K-002', { type: 'collect-logs', maxBytes: 4096 });
    expect([reboot.state, logs.state]).toEqual(['queued', 'queued']);
    // Six minutes later (fleet time): the reboot's five minutes are up, the logs' hour is not.
    time.setTime(Date.parse(START) + 6 * 60_000);
    const kiosk = startKiosk('K-002');
    // Some kiosk log to collect, one line with what a card number looks like (never to leave the kiosk).
    const log = pino({ level: 'info' }, kiosk.ring);
    for (let i = 0; i < 200; i++) log.info({ component: 'test', event: 'tick', i }, 'kiosk log line');
    log.warn({ component: 'test', pan: '4500123412341234' }, 'a line that must be scrubbed');
    const collected = await eventually('logs collected', async () => {
      const c = await command('K-002', logs.commandId);
      return c.state === 'done' && c;
    });
    expect((await command('K-002', reboot.commandId)).state).toBe('expired');
    expect(kiosk.reboots.count).toBe(0);
    expect(collected.output).toMatchObject({ kind: 'logs', truncated: true });
    expect(collected.output!.bytes as number).toBeLessThanOrEqual(4096);
    const res = await fetch(`${server.url}${collected.logsUrl!}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(Buffer.byteLength(text)).toBe(collected.output!.bytes);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBe(collected.output!.lines);
    expect(text).not.toContain('4500123412341234');
    expect(collected.output!.redacted).toBeGreaterThanOrEqual(1);
    // Still nothing delivered of the reboot after another welcome (the kiosk reconnects).
    kiosk.runtime.link.reconnect();
    await eventually('K-002 welcomed again', () => connections('K-002') === 2 && kiosk.runtime.link.connected);
    expect(kiosk.reboots.count).toBe(0);
    expect((await command('K-002', reboot.commandId)).deliveries).toBe(0);
  });

  it('answers a reboot on a kiosk without a reboot command REBOOT_NOT_CONFIGURED, and lists the states', async () => {
    const credential = server.credentials.issue('K-003', new Date(START));
    const runtime = new KioskRuntime({
      kioskId: 'K-003',
      credential,
      fleetUrl: server.url,
      dataDir: `${dir}/kiosks`,
      heartbeatIntervalMs: 200,
      devices: new SimulatedDeviceBoard(),
      log: pino({ level: 'silent' }),
      backoff: { baseMs: 50, maxMs: 200 },
    });
    runtimes.push(runtime);
    runtime.start();
    await eventually('K-003 connected', () => runtime.link.connected && connections('K-003') === 1);
    const reboot = await send('K-003', { type: 'reboot' });
    const page = await send('K-003', { type: 'print-test-page' });
    const failed = await eventually('both answered', async () => {
      const { body } = await api<{ commands: Command[] }>(server, '/api/v1/kiosks/K-003/commands');
      return body.commands.every((c) => c.state === 'failed') && body.commands;
    });
    const codes = Object.fromEntries(failed.map((c) => [c.commandId, c.error?.code]));
    expect(codes).toEqual({ [reboot.commandId]: 'REBOOT_NOT_CONFIGURED', [page.commandId]: 'PRINTER_UNAVAILABLE' });
  });

  it('a real kiosk process runs its configured reboot program, and exits 75 for systemd on a restart', async () => {
    const credential = server.credentials.issue('K-001', new Date(START));
    const marker = path.join(dir, 'rebooted');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GUICHET_')));
    const kiosk = runProcess(process.execPath, ['--import', 'tsx', 'kiosk/src/main.ts'], '', {
      ...env,
      GUICHET_KIOSK_ID: 'K-001',
      GUICHET_KIOSK_CREDENTIAL: credential,
      GUICHET_FLEET_URL: server.url,
      GUICHET_KIOSK_DATA_DIR: path.join(dir, 'process-kiosk'),
      GUICHET_KIOSK_UI_PORT: 'off',
      GUICHET_REBOOT_COMMAND: `/usr/bin/touch ${marker}`,
    });
    await eventually('the kiosk process connected', () => connections('K-001') === 1, { timeoutMs: 15_000 });
    const reboot = await send('K-001', { type: 'reboot' });
    await eventually('reboot done', async () => (await command('K-001', reboot.commandId)).state === 'done');
    expect(fs.existsSync(marker)).toBe(true);
    const restart = await send('K-001', { type: 'restart-runtime' });
    const result = await kiosk;
    expect(result.code).toBe(75);
    expect((await command('K-001', restart.commandId)).state).toBe('done');
    expect(result.stdout).toContain('"event":"command.restarting"');
  });
});
