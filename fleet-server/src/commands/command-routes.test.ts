// The remote commands API over real HTTP on the real store (SQLite in a temporary directory), with the kiosk
// link replaced by a recorder: who may send to which kiosk, what is audited, how states move with the kiosk's
// answers and the clock (queued → sent → acknowledged → done; expired unsent; logs stored apart).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Command, TargetState } from '@guichet/shared';
import { openDatabase, type Db } from '../storage/database';
import { startRouteTestApp, type RouteTestApp } from '../test-support/route-test-app';
import { commandRoutes } from './command-routes';
import type { AuditInput } from '../audit/audit-log';
import { RemoteCommands, type CommandView } from './remote-commands';

const REGIONS: Record<string, string | undefined> = { 'K-001': 'toronto', 'K-002': 'northern', 'K-003': undefined };
let now = new Date('2026-11-29T15:00:00.000Z');
let db: Db;
let app: RouteTestApp;
let commands: RemoteCommands;
const connected = new Set<string>();
const delivered: Array<{ kioskId: string; command: Command }> = [];
const audited: AuditInput[] = [];
let targetVersion = 0;

beforeAll(async () => {
  db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-commands-')));
  commands = new RemoteCommands({
    db,
    now: () => now,
    log: pino({ level: 'silent' }),
    deliver: (kioskId, command) => {
      if (!connected.has(kioskId)) return false;
      delivered.push({ kioskId, command });
      return true;
    },
    setTargetState: (_kioskId, mode, reason): TargetState => ({
      version: ++targetVersion,
      mode,
      ...(reason ? { reason } : {}),
    }),
  });
  app = await startRouteTestApp(
    commandRoutes({
      commands,
      kioskRegion: (id) => (id in REGIONS ? REGIONS[id] : null),
      audit: { record: (entry) => void audited.push(entry) },
    }),
  );
});

afterAll(async () => {
  await app.close();
  db.close();
});

beforeEach(() => {
  connected.clear();
  delivered.length = 0;
  audited.length = 0;
});

async function send(kioskId: string, body: unknown, role = 'technician', region?: string) {
  const res = await fetch(`${app.base}/kiosks/${kioskId}/commands`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-test-role': role,
      ...(region ? { 'x-test-region': region } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { command: CommandView; error?: { code: string } } };
}

async function get<T>(url: string, role = 'admin', region?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${app.base}${url}`, {
    headers: { 'x-test-role': role, ...(region ? { 'x-test-region': region } : {}) },
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T,
  };
}

const count = () => (db.prepare('SELECT COUNT(*) AS n FROM remote_commands').get() as { n: number }).n;

describe('remote commands API', () => {
  it('refuses analysts, technicians of another region, unknown kiosks and bad bodies, recording nothing', async () => {
    const before = count();
    expect((await send('K-001', { type: 'reboot' }, 'analyst')).status).toBe(403);
    const foreign = await send('K-002', { type: 'reboot' }, 'technician', 'toronto');
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.code).toBe('REGION_FORBIDDEN');
    expect((await send('K-999', { type: 'reboot' })).status).toBe(404);
    const bad = await send('K-001', { type: 'format-disk' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('COMMAND_INVALID');
    expect((await send('K-001', { type: 'collect-logs', maxBytes: 10_000_000 })).status).toBe(400);
    expect((await get('/kiosks/K-002/commands', 'technician', 'toronto')).status).toBe(403);
    expect(count()).toBe(before);
    expect(audited).toEqual([]);
  });

  it('sends to a connected kiosk at once, audits it, and follows its answers to done', async () => {
    connected.add('K-001');
    const { status, body } = await send('K-001', { type: 'print-test-page', lang: 'fr' }, 'technician', 'toronto');
    expect(status).toBe(202);
    const id = body.command.commandId;
    expect(body.command).toMatchObject({
      state: 'sent',
      type: 'print-test-page',
      params: { lang: 'fr' },
      deliveries: 1,
    });
    expect(body.command.expiresAt).toBe('2026-11-29T16:00:00.000Z');
    expect(delivered).toEqual([{ kioskId: 'K-001', command: { commandId: id, type: 'print-test-page', lang: 'fr' } }]);
    expect(audited).toEqual([
      {
        actor: 'test-technician',
        role: 'technician',
        action: 'command.send',
        target: 'K-001',
        details: { commandId: id, type: 'print-test-page', params: '{"lang":"fr"}' },
        address: expect.any(String) as unknown,
      },
    ]);
    commands.onResult('K-001', { kioskId: 'K-001', commandId: id, ok: true, status: 'accepted' });
    expect(commands.get('K-001', id)!.state).toBe('acknowledged');
    const output = { kind: 'test-page' as const, bytes: 900, confirmation: 'process-id' as const, confirmed: true };
    commands.onResult('K-001', { kioskId: 'K-001', commandId: id, ok: true, status: 'done', output });
    // A repeated answer, or one claiming another outcome afterwards, changes nothing.
    commands.onResult('K-001', {
      kioskId: 'K-001',
      commandId: id,
      ok: false,
      status: 'failed',
      error: { code: 'X', message: 'x' },
    });
    const one = await get<{ command: CommandView }>(`/kiosks/K-001/commands/${id}`, 'technician', 'toronto');
    expect(one.body.command).toMatchObject({ state: 'done', output });
    expect(one.body.command.error).toBeUndefined();
    // Another kiosk cannot answer for it.
    commands.onResult('K-002', { kioskId: 'K-002', commandId: id, ok: false });
    expect(commands.get('K-001', id)!.state).toBe('done');
  });

  it('queues for an offline kiosk; at its welcome expires a stale reboot and delivers the test page', async () => {
    const reboot = (await send('K-003', { type: 'reboot' }, 'admin')).body.command;
    const page = (await send('K-003', { type: 'print-test-page' }, 'admin')).body.command;
    expect([reboot.state, page.state]).toEqual(['queued', 'queued']);
    expect(reboot.expiresAt).toBe('2026-11-29T15:05:00.000Z');
    now = new Date('2026-11-29T15:06:00.000Z');
    connected.add('K-003');
    commands.onWelcome('K-003', 0);
    expect(delivered.map((d) => d.command.commandId)).toEqual([page.commandId]);
    const list = await get<{ commands: CommandView[] }>('/kiosks/K-003/commands');
    const states = Object.fromEntries(list.body.commands.map((c) => [c.commandId, c.state]));
    expect(states).toEqual({ [reboot.commandId]: 'expired', [page.commandId]: 'sent' });
    // Sent but unanswered: sent again at the next welcome (the kiosk runs it once by its id).
    commands.onWelcome('K-003', 0);
    expect(delivered.map((d) => d.command.commandId)).toEqual([page.commandId, page.commandId]);
    expect(commands.get('K-003', page.commandId)!.deliveries).toBe(2);
  });

  it('stores collected logs apart: a link on the command, the text downloadable', async () => {
    connected.add('K-001');
    const id = (await send('K-001', { type: 'collect-logs', maxBytes: 4096 }, 'admin')).body.command.commandId;
    const text = '{"level":30,"msg":"hello"}\n';
    commands.onResult('K-001', {
      kioskId: 'K-001',
      commandId: id,
      ok: true,
      status: 'done',
      output: { kind: 'logs', text, bytes: text.length, lines: 1, truncated: false, redacted: 0 },
    });
    const one = await get<{ command: CommandView }>(`/kiosks/K-001/commands/${id}`);
    expect(one.body.command.output).toEqual({
      kind: 'logs',
      bytes: text.length,
      lines: 1,
      truncated: false,
      redacted: 0,
    });
    expect(one.body.command.logsUrl).toBe(`/api/v1/kiosks/K-001/commands/${id}/logs`);
    const download = await fetch(`${app.base}/kiosks/K-001/commands/${id}/logs`, {
      headers: { 'x-test-role': 'technician' },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(await download.text()).toBe(text);
    expect((await get(`/kiosks/K-001/commands/${id}/logs`, 'analyst')).status).toBe(403);
    expect((await get(`/kiosks/K-002/commands/${id}/logs`)).status).toBe(404);
  });

  it('keeps only the output a command can have: no logs attached to a restart', async () => {
    connected.add('K-001');
    const id = (await send('K-001', { type: 'restart-runtime' }, 'admin')).body.command.commandId;
    const text = '{"msg":"smuggled"}\n';
    commands.onResult('K-001', {
      kioskId: 'K-001',
      commandId: id,
      ok: true,
      status: 'done',
      output: { kind: 'logs', text, bytes: text.length, lines: 1, truncated: false, redacted: 0 },
    });
    const done = commands.get('K-001', id)!;
    expect(done.state).toBe('done');
    expect(done.output).toBeUndefined();
    expect(done.logsUrl).toBeUndefined();
    expect(commands.logs('K-001', id)).toBeUndefined();
  });

  it('puts a kiosk out of service through its target state, done once the kiosk has that version', async () => {
    const { body } = await send('K-001', { type: 'out-of-service', reason: 'glass cracked' }, 'admin');
    expect(body.command).toMatchObject({ type: 'out-of-service', state: 'queued', expiresAt: null });
    expect(body.command.params).toEqual({ reason: 'glass cracked', targetVersion: targetVersion });
    expect(delivered).toEqual([]); // not a command of its own: the target state carries it
    commands.onResult('K-001', { kioskId: 'K-001', commandId: `target-${targetVersion}`, ok: true });
    expect(commands.get('K-001', body.command.commandId)!.state).toBe('done');
    // Back in service while offline: done at the welcome that carries the new target state.
    const back = (await send('K-001', { type: 'in-service' }, 'admin')).body.command;
    commands.onWelcome('K-001', targetVersion);
    expect(commands.get('K-001', back.commandId)!.state).toBe('done');
  });
});
