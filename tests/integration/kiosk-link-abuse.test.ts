// Abuse of the kiosk link by a holder of one stolen kiosk credential, over real socket.io and SQLite: telemetry
// quotas and schemas, message floods, protocol-error storms, a link fight, credential guessing, and the cost of
// reading the SLA view. The fleet runs on manual time, so windows and buckets move only when the test says.
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { pino } from 'pino';
import type { FleetConfig, FleetServer, FleetServerOptions } from '@guichet/fleet-server';
import { KioskRuntime, SimulatedDeviceBoard } from '@guichet/kiosk';
import { PROTOCOL_VERSION, type FleetEvent } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import {
  CONNECT_ATTEMPTS_PER_CONNECTION,
  HANDSHAKE_FAILURES_PER_ADDRESS,
  HANDSHAKE_FAILURES_PER_KIOSK,
  LINK_MESSAGE_BURST,
  PROTOCOL_ERRORS_BEFORE_DISCONNECT,
} from '@guichet/fleet-server/link/link-limits';
import type { LinkContestedEvent } from '@guichet/fleet-server/link/kiosk-gateway';
import {
  api,
  captureLog,
  startFleet,
  tempDir,
  testFleetConfig,
  writeSitesFile,
  type CapturedLog,
} from '../support/fleet-harness';

const quiet = pino({ level: 'silent' });
const START = '2026-11-02T15:00:00.000Z';
const sockets: Socket[] = [];
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Rig {
  server: FleetServer;
  time: ManualTime;
  captured: CapturedLog;
  dir: string;
  security: LinkContestedEvent[];
  credential: (kioskId: string) => string;
}

async function rig(
  options: Omit<FleetServerOptions, 'clock' | 'timers' | 'logger' | 'onSecurityEvent'> = {},
  config: Partial<FleetConfig> = {},
): Promise<Rig> {
  const dir = tempDir('abuse');
  const time = new ManualTime(START);
  const log = captureLog();
  const security: LinkContestedEvent[] = [];
  const server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 3), config), log.logger, {
    ...options,
    clock: time,
    timers: time,
    onSecurityEvent: (event) => security.push(event),
  });
  cleanups.push(() => server.stop());
  const credentials = new Map<string, string>();
  const credential = (kioskId: string) => {
    if (!credentials.has(kioskId)) credentials.set(kioskId, server.credentials.issue(kioskId, new Date()));
    return credentials.get(kioskId)!;
  };
  return { server, time, captured: log.captured, dir, security, credential };
}

type Refusal = Error & { data?: { code?: string } };

/** Connects to /kiosk; resolves with the socket, or rejects with the connect_error (its data.code). */
async function connect(server: FleetServer, auth: Record<string, unknown>, forwardedFor?: string): Promise<Socket> {
  const socket = io(`${server.url}/kiosk`, {
    auth,
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
    ...(forwardedFor ? { extraHeaders: { 'x-forwarded-for': forwardedFor } } : {}),
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

async function refusalCode(attempt: Promise<unknown>): Promise<string | undefined> {
  try {
    await attempt;
    return 'CONNECTED';
  } catch (error) {
    return (error as Refusal).data?.code;
  }
}

const kioskAuth = (r: Rig, kioskId: string, bootId?: string) => ({
  kioskId,
  credential: r.credential(kioskId),
  protocolVersion: PROTOCOL_VERSION,
  ...(bootId ? { bootId } : {}),
});

const heartbeat = (kioskId: string, seq: number, time: ManualTime) => ({
  kioskId,
  seq,
  sentAt: time.now().toISOString(),
  mode: 'in-service',
  devices: {},
});

const record = (
  seq: number,
  kind = 'kiosk.mode-changed',
  data: Record<string, unknown> = { mode: 'in-service', version: seq },
) => ({
  streamId: 'stream-1',
  seq,
  at: START,
  kind,
  data,
});

type AckBody = {
  ok: boolean;
  error?: { code: string };
  telemetry?: { ackedSeq: number; refused?: Array<{ seq: number; code: string }> };
};

const rowCount = (server: FleetServer, table: string) =>
  (server.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const eventsOf = (server: FleetServer, type: FleetEvent['type']) => server.events.all().filter((e) => e.type === type);

/** The real kiosk software for K-001 on the rig's server (stopped after the test). */
function startKiosk(r: Rig): KioskRuntime {
  const runtime = new KioskRuntime({
    kioskId: 'K-001',
    credential: r.credential('K-001'),
    fleetUrl: r.server.url,
    dataDir: `${r.dir}/kiosk`,
    heartbeatIntervalMs: 200,
    devices: new SimulatedDeviceBoard(),
    log: quiet,
    backoff: { baseMs: 100, maxMs: 400 },
  });
  cleanups.push(() => runtime.stop());
  runtime.start();
  return runtime;
}

describe('telemetry quotas over the link', () => {
  it('refuses unknown kinds and bad data for good, caps the day, records one quota event, and the disk stays bounded', async () => {
    const r = await rig({ telemetryLimits: { bytesPerDay: 2_000 } });
    const socket = await connect(r.server, kioskAuth(r, 'K-001'));
    const blob = Buffer.alloc(900_000, 1); // a 900 kB binary payload, as in the report
    const refused = (await socket.emitWithAck('telemetry', {
      kioskId: 'K-001',
      records: [record(1, 'disk.filler', { blob }), record(2, 'kiosk.started', { softwareVersion: blob })],
    })) as AckBody;
    expect(refused).toMatchObject({
      ok: true,
      telemetry: {
        ackedSeq: 2,
        refused: [
          { seq: 1, code: 'TELEMETRY_UNKNOWN_KIND' },
          { seq: 2, code: 'TELEMETRY_INVALID_DATA' },
        ],
      },
    });
    expect(rowCount(r.server, 'telemetry')).toBe(0);

    // Fresh sequence numbers until the day is used up: the records that fit in 2,000 bytes are stored, no more.
    let fits = 0;
    for (let bytes = 0, seq = 3; bytes + JSON.stringify(record(seq).data).length <= 2_000; seq++, fits++)
      bytes += JSON.stringify(record(seq).data).length;
    const answers: AckBody[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const records = Array.from({ length: 20 }, (_, i) => record(3 + batch * 20 + i));
      answers.push((await socket.emitWithAck('telemetry', { kioskId: 'K-001', records })) as AckBody);
    }
    expect(answers.slice(0, 3).every((a) => a.ok)).toBe(true);
    expect(answers[3]).toMatchObject({ ok: false, error: { code: 'TELEMETRY_QUOTA_EXCEEDED' } });
    expect(answers[4]).toMatchObject({ ok: false, error: { code: 'TELEMETRY_QUOTA_EXCEEDED' } });
    expect(r.server.inbox.bytesOn('K-001', r.time.now())).toBeLessThanOrEqual(2_000);
    expect(rowCount(r.server, 'telemetry')).toBe(fits);
    expect(eventsOf(r.server, 'telemetry.quota-exceeded')).toEqual([
      { type: 'telemetry.quota-exceeded', at: START, kioskId: 'K-001', quota: 'bytes-per-day', limit: 2_000 },
    ]);
    expect(r.captured.lines.filter((l) => l.event === 'telemetry.quota-exceeded')).toHaveLength(1);
    // The SLA is not affected: quota events are not SLA inputs.
    const now = await api<{ incidents?: unknown[] }>(r.server, '/api/v1/sla/now');
    expect(now.status).toBe(200);
  });

  it('a kiosk drops a record the fleet refused for good instead of resending it forever', async () => {
    const r = await rig();
    const runtime = startKiosk(r);
    runtime.link.record('made.up-kind', { anything: 1 });
    runtime.link.record('kiosk.mode-changed', { mode: 'in-service', version: 9 });
    await eventually('outbox drained', () => runtime.outbox.size === 0);
    expect(r.server.inbox.list('K-001').map((x) => x.kind)).toEqual(['kiosk.started', 'kiosk.mode-changed']);
  });
});

describe('floods', () => {
  it('answers a flood beyond the bucket RATE_LIMITED without storing it, logs it once, and other kiosks are served', async () => {
    const r = await rig();
    const flooder = await connect(r.server, kioskAuth(r, 'K-001'));
    const other = await connect(r.server, kioskAuth(r, 'K-002'));
    const flood = Array.from(
      { length: LINK_MESSAGE_BURST + 800 },
      (_, i) => flooder.emitWithAck('telemetry', { kioskId: 'K-001', records: [record(i + 1)] }) as Promise<AckBody>,
    );
    const otherAck = (await other.emitWithAck('heartbeat', heartbeat('K-002', 1, r.time))) as AckBody;
    expect(otherAck).toEqual({ ok: true });
    const answers = await Promise.all(flood);
    const limited = answers.filter((a) => a.error?.code === 'RATE_LIMITED');
    // Time stands still: the bucket never refills, so exactly its burst got through.
    expect(answers.length - limited.length).toBe(LINK_MESSAGE_BURST);
    expect(limited).toHaveLength(800);
    expect(rowCount(r.server, 'telemetry')).toBe(LINK_MESSAGE_BURST);
    const lines = r.captured.lines.filter((l) => l.code === 'RATE_LIMITED');
    expect(lines).toHaveLength(1);
    // A minute later the next line counts the ones suppressed; the bucket has refilled.
    await r.time.advance(60_000);
    const later = (await flooder.emitWithAck('telemetry', { kioskId: 'K-001', records: [record(2_000)] })) as AckBody;
    expect(later.ok).toBe(true);
    expect(flooder.connected).toBe(true);
  });

  it('closes a connection after repeated protocol errors, with sampled log lines', async () => {
    const r = await rig();
    const socket = await connect(r.server, kioskAuth(r, 'K-001'));
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const answers: unknown[] = [];
    for (let i = 0; i < PROTOCOL_ERRORS_BEFORE_DISCONNECT - 1; i++)
      answers.push(await socket.emitWithAck(`junk.${i % 3}`, { i }));
    expect(answers.every((a) => (a as AckBody).error?.code === 'PROTOCOL_UNKNOWN_MESSAGE')).toBe(true);
    expect(socket.connected).toBe(true);
    socket.emit('junk.0', { last: true });
    expect(await closed).toBe('io server disconnect');
    expect(r.captured.lines.filter((l) => l.event === 'protocol.rejected')).toHaveLength(3); // one per message name
    expect(r.captured.lines.filter((l) => l.event === 'kiosk.protocol-errors-disconnect')).toHaveLength(1);
  });
});

describe('link fight', () => {
  it('keeps the live kiosk against a newcomer of another boot, raises one security event, and lets real reconnects in', async () => {
    const r = await rig();
    const kiosk = await connect(r.server, kioskAuth(r, 'K-001', 'boot-real'));
    expect(await kiosk.emitWithAck('heartbeat', heartbeat('K-001', 1, r.time))).toEqual({ ok: true });

    const thief = [];
    for (let i = 0; i < 4; i++) thief.push(await refusalCode(connect(r.server, kioskAuth(r, 'K-001', 'boot-thief'))));
    expect(thief).toEqual(['LINK_CONTESTED', 'LINK_CONTESTED', 'LINK_CONTESTED', 'LINK_CONTESTED']);
    // A newcomer that declares no boot id proves nothing either.
    expect(await refusalCode(connect(r.server, kioskAuth(r, 'K-001')))).toBe('LINK_CONTESTED');
    expect(kiosk.connected).toBe(true);
    expect(await kiosk.emitWithAck('heartbeat', heartbeat('K-001', 2, r.time))).toEqual({ ok: true });

    // One event per window, recorded in the event log and passed to the alerts.
    const recorded = eventsOf(r.server, 'security.link-contested');
    expect(recorded).toEqual([
      { type: 'security.link-contested', at: START, kioskId: 'K-001', contests: 3, windowMs: 300_000 },
    ]);
    expect(r.security).toEqual(recorded);
    // …and raised as a security alert (without an alerts file, the alerts' stand-in logs it).
    expect(r.captured.lines.filter((l) => l.event === 'security.unalerted')).toEqual([
      expect.objectContaining({ kioskId: 'K-001', code: 'LINK_CONTESTED' }),
    ]);

    // The same boot reconnecting (its old socket half-open) replaces the old connection, and is no contest.
    const closed = new Promise<string>((resolve) => kiosk.once('disconnect', resolve));
    const again = await connect(r.server, kioskAuth(r, 'K-001', 'boot-real'));
    expect(await closed).toBe('io server disconnect');
    expect(await again.emitWithAck('heartbeat', heartbeat('K-001', 3, r.time))).toEqual({ ok: true });

    // A holder silent past three heartbeat intervals (a network drop, a power cut) is replaced by a new boot.
    await r.time.advance(3 * 200);
    const rebooted = await connect(r.server, kioskAuth(r, 'K-001', 'boot-after-power-cut'));
    expect(rebooted.connected).toBe(true);
    await eventually('old connection closed', () => !again.connected);
    // A new window: after five minutes more contests raise a second event.
    await r.time.advance(5 * 60_000);
    expect(await rebooted.emitWithAck('heartbeat', heartbeat('K-001', 1, r.time))).toEqual({ ok: true });
    for (let i = 0; i < 3; i++) await refusalCode(connect(r.server, kioskAuth(r, 'K-001', 'boot-thief')));
    expect(eventsOf(r.server, 'security.link-contested')).toHaveLength(2);
    expect(r.security).toHaveLength(2);
  });

  it('the kiosk software sends its boot id, so a copy of its credential cannot take its link', async () => {
    const r = await rig();
    const runtime = startKiosk(r);
    await eventually('kiosk linked', () => runtime.link.connected && r.server.inbox.list('K-001').length > 0);
    expect(await refusalCode(connect(r.server, kioskAuth(r, 'K-001', 'boot-thief')))).toBe('LINK_CONTESTED');
    expect(runtime.link.connected).toBe(true);
  });
});

describe('guessing kiosk credentials', () => {
  it('throttles failed handshakes per address before checking the credential, on the injected clock', async () => {
    const r = await rig();
    const wrong = (kioskId: string) => ({ kioskId, credential: 'x'.repeat(32), protocolVersion: PROTOCOL_VERSION });
    const codes = [];
    for (let i = 0; i < HANDSHAKE_FAILURES_PER_ADDRESS; i++)
      codes.push(await refusalCode(connect(r.server, wrong(`GUESS-${i}`))));
    expect(new Set(codes)).toEqual(new Set(['AUTH_FAILED']));
    // The right credential is not even checked now.
    expect(await refusalCode(connect(r.server, kioskAuth(r, 'K-001')))).toBe('RATE_LIMITED');
    expect(r.captured.lines.filter((l) => l.event === 'kiosk.auth-refused').length).toBeLessThanOrEqual(2);
    await r.time.advance(60_000);
    expect(await refusalCode(connect(r.server, kioskAuth(r, 'K-001')))).toBe('CONNECTED');
  });

  it('behind a trusted proxy, throttles the address the proxy saw, not the proxy', async () => {
    const r = await rig({}, { trustProxy: 'loopback' });
    const wrong = (i: number) => ({ kioskId: `GUESS-${i}`, credential: 'x'.repeat(32), protocolVersion: 1 });
    for (let i = 0; i < HANDSHAKE_FAILURES_PER_ADDRESS; i++)
      await refusalCode(connect(r.server, wrong(i), '10.0.0.1, 203.0.113.9'));
    expect(await refusalCode(connect(r.server, kioskAuth(r, 'K-001'), '203.0.113.9'))).toBe('RATE_LIMITED');
    expect(await refusalCode(connect(r.server, kioskAuth(r, 'K-001'), '198.51.100.7'))).toBe('CONNECTED');
  });

  it('throttles failed handshakes per kiosk id', async () => {
    const r = await rig();
    for (let i = 0; i < HANDSHAKE_FAILURES_PER_KIOSK; i++)
      expect(
        await refusalCode(
          connect(r.server, { kioskId: 'K-002', credential: `wrong-${i}`.padEnd(32, '-'), protocolVersion: 1 }),
        ),
      ).toBe('AUTH_FAILED');
    expect(await refusalCode(connect(r.server, kioskAuth(r, 'K-002')))).toBe('RATE_LIMITED');
    expect(await refusalCode(connect(r.server, kioskAuth(r, 'K-003')))).toBe('CONNECTED');
  });

  it('closes an underlying connection that keeps asking to connect', async () => {
    // socket.io-client closes its connection after a refusal; an attacker's client need not: speak the wire
    // protocol (engine.io v4 over a WebSocket, socket.io CONNECT packets) and ask again and again on one connection.
    const r = await rig();
    const ws = new WebSocket(`${r.server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    cleanups.push(() => Promise.resolve(ws.close()));
    const replies: string[] = [];
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    ws.on('message', (data: Buffer) => replies.push(data.toString('utf8')));
    await eventually('engine.io open', () => replies.some((m) => m.startsWith('0')));
    const auth = JSON.stringify({ kioskId: 'K-001', credential: 'y'.repeat(32), protocolVersion: PROTOCOL_VERSION });
    const refusals = () => replies.filter((m) => m.startsWith('44/kiosk,'));
    for (let i = 1; i <= CONNECT_ATTEMPTS_PER_CONNECTION + 1; i++) {
      ws.send(`40/kiosk,${auth}`);
      await eventually(`refusal ${i}`, () => refusals().length === i);
    }
    const codes = refusals().map(
      (m) => (JSON.parse(m.slice('44/kiosk,'.length)) as { data: { code: string } }).data.code,
    );
    expect(codes).toEqual([...Array<string>(CONNECT_ATTEMPTS_PER_CONNECTION).fill('AUTH_FAILED'), 'RATE_LIMITED']);
    await closed;
  });
});

describe('SLA view cost', () => {
  it('reads only new rows of the event log on each GET /sla/now', async () => {
    const r = await rig();
    const history: FleetEvent[] = Array.from({ length: 500 }, (_, i) => ({
      type: i % 2 === 0 ? 'fault.detected' : 'fault.cleared',
      at: new Date(Date.parse('2026-10-01T00:00:00.000Z') + i * 60_000).toISOString(),
      kioskId: 'K-001',
      faultId: `f-${Math.floor(i / 2)}`,
      component: 'printer',
    }));
    r.server.events.append(history);
    expect((await api(r.server, '/api/v1/sla/now')).status).toBe(200);
    const afterFirst = r.server.events.rowsFetched;
    expect((await api(r.server, '/api/v1/sla/now')).status).toBe(200);
    expect(r.server.events.rowsFetched).toBe(afterFirst);
    r.server.events.append([
      { type: 'fault.detected', at: START, kioskId: 'K-002', faultId: 'x', component: 'printer' },
    ]);
    const third = await api<{ openIncidents?: unknown[] }>(r.server, '/api/v1/sla/now');
    expect(third.status).toBe(200);
    expect(r.server.events.rowsFetched).toBe(afterFirst + 1);
  });
});
