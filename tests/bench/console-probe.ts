// The console side of console-10k.bench.ts, in a process of its own: a few probe kiosks whose printer fails and
// recovers on command, and technician consoles (socket.io /console, API token) that time their snapshot (JSON or
// gzipped, the snapshot parsed either way) and
// the arrival of each probe's change (sent and received in this process, on one clock). Talks over IPC.
import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Heartbeat } from '@guichet/shared';

const url = process.env.GUICHET_FLEET_URL!;
const token = process.env.GUICHET_TOKEN!;
const probes = JSON.parse(fs.readFileSync(process.env.GUICHET_PROBES_FILE!, 'utf8')) as Array<[string, string]>;

interface Probe {
  kioskId: string;
  socket: Socket;
  seq: number;
  faulty: boolean;
}

const kiosks: Probe[] = [];
let consoles: Socket[] = [];
/** kioskId → [expected status, sent at (performance.now())] of the flip in flight. */
const inFlight = new Map<string, { status: string; sentAt: number }>();
let latencies: number[] = [];

function beat(probe: Probe): void {
  const body: Heartbeat = {
    kioskId: probe.kioskId,
    seq: probe.seq++,
    sentAt: new Date().toISOString(),
    mode: 'in-service',
    devices: { printer: probe.faulty ? { state: 'fault', code: 'PRINTER_PAPER_END' } : { state: 'ok' } },
  };
  probe.socket.emit('heartbeat', body);
}

for (const [kioskId, credential] of probes) {
  const socket = io(`${url}/kiosk`, {
    auth: { kioskId, credential, protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const probe = { kioskId, socket, seq: 0, faulty: false };
  kiosks.push(probe);
  beat(probe);
}

/** Opens a console and times its snapshot; `gzip` asks for it gzipped (bytes on the wire: the gzipped size). */
function openConsole(
  gzip: boolean,
): Promise<{ ms: number; bytes: number; gzipBytes: number; gzip: boolean; kiosks: number; incidents: number }> {
  const started = performance.now();
  // A loaded machine may take long to answer: time it rather than give up at socket.io's 20 s.
  const socket = io(`${url}/console`, {
    auth: { token, snapshotEncoding: gzip ? 'gzip' : 'json' },
    transports: ['websocket'],
    forceNew: true,
    timeout: 120_000,
  });
  consoles.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('console.snapshot', (body: unknown) => {
      const json = Buffer.isBuffer(body) ? gunzipSync(body).toString('utf8') : undefined;
      const snapshot = (json === undefined ? body : JSON.parse(json)) as { kiosks: unknown[]; incidents: unknown[] };
      const ms = performance.now() - started;
      const text = json ?? JSON.stringify(snapshot);
      resolve({
        ms,
        gzip,
        bytes: Buffer.byteLength(text),
        gzipBytes: Buffer.isBuffer(body) ? body.length : gzipSync(text).length,
        kiosks: snapshot.kiosks.length,
        incidents: snapshot.incidents.length,
      });
    });
    socket.once('connect_error', reject);
  });
}

function listen(socket: Socket): void {
  socket.on('console.kiosks', (batch: { kiosks: Array<{ id: string; status: string }> }) => {
    const now = performance.now();
    for (const kiosk of batch.kiosks) {
      const flight = inFlight.get(kiosk.id);
      if (flight && flight.status === kiosk.status) {
        latencies.push(now - flight.sentAt);
        inFlight.delete(kiosk.id);
      }
    }
  });
}

async function flip(durationMs: number, everyMs: number): Promise<number> {
  let flips = 0;
  const end = performance.now() + durationMs;
  let i = 0;
  while (performance.now() < end) {
    const probe = kiosks[i++ % kiosks.length]!;
    probe.faulty = !probe.faulty;
    inFlight.set(probe.kioskId, { status: probe.faulty ? 'out-of-service' : 'online', sentAt: performance.now() });
    beat(probe);
    flips++;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return flips;
}

process.on('message', (message: { type: string; count?: number; durationMs?: number; everyMs?: number }) => {
  void (async () => {
    process.stderr.write(`  probe: ${message.type}\n`);
    if (message.type === 'consoles') {
      const results = [];
      // The last console of each round asks for its snapshot gzipped.
      for (let i = 0; i < message.count!; i++) results.push(await openConsole(i === message.count! - 1));
      listen(consoles[0]!);
      process.send!({ type: 'consoles', results });
    } else if (message.type === 'flip') {
      latencies = [];
      inFlight.clear();
      const flips = await flip(message.durationMs!, message.everyMs!);
      // Changes still in flight get one more second to arrive; those that never do are counted as lost.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      process.send!({ type: 'flipped', flips, latencies, lost: consoles.length > 0 ? inFlight.size : 0 });
    } else if (message.type === 'close-consoles') {
      consoles.forEach((c) => c.disconnect());
      consoles = [];
      process.send!({ type: 'closed' });
    } else if (message.type === 'stop') {
      kiosks.forEach((k) => k.socket.disconnect());
      consoles.forEach((c) => c.disconnect());
      process.disconnect();
      process.exit(0);
    }
  })().catch((error: unknown) => {
    process.stderr.write(`  probe failed: ${String(error)}\n`);
    process.exit(1);
  });
});
process.send!({ type: 'ready' });
// The bench gone (its IPC channel closed), nothing is left heartbeating.
process.on('disconnect', () => process.exit(0));
