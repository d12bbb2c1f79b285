// Kiosk link under abuse: another kiosk's acknowledgement latency while one connection floods (telemetry messages
// sent without waiting from another process, most answered RATE_LIMITED by the per-connection bucket), against the
// same kiosk alone;
// and the event log read behind GET /sla/now, first (whole log parsed) against later (only new rows).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import type { FleetEvent } from '@guichet/shared';
import { PROTOCOL_VERSION } from '@guichet/shared';
import { EventLog } from '@guichet/fleet-server/storage/event-log';
import { openDatabase } from '@guichet/fleet-server/storage/database';
import { startFleet, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';
import type { BenchResult } from './bench-result';

/** Under the connection's burst of 200: the probe itself is never rate-limited (each case opens its own). */
const PROBES = 150;
const FLOOD = 20_000;
const EVENTS = 100_000;
const FLOODER = fileURLToPath(new URL('./link-flooder-process.ts', import.meta.url));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

async function connect(url: string, kioskId: string, credential: string): Promise<Socket> {
  const socket = io(`${url}/kiosk`, {
    auth: { kioskId, credential, protocolVersion: PROTOCOL_VERSION },
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const record = (seq: number) => ({
  streamId: 'bench',
  seq,
  at: new Date().toISOString(),
  kind: 'kiosk.mode-changed',
  data: { mode: 'in-service', version: seq },
});

/** Acknowledgement latencies (ms) of PROBES telemetry batches sent one after another by the probe kiosk. */
async function probe(socket: Socket, kioskId: string, firstSeq: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < PROBES; i++) {
    const start = process.hrtime.bigint();
    await socket.emitWithAck('telemetry', { kioskId, records: [record(firstSeq + i)] });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

async function floodCase(): Promise<BenchResult[]> {
  const dir = tempDir('bench-flood');
  const server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 2)), pino({ level: 'silent' }));
  try {
    const probeCredential = server.credentials.issue('K-002', new Date());
    let probeSocket = await connect(server.url, 'K-002', probeCredential);
    const alone = await probe(probeSocket, 'K-002', 1);
    probeSocket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the server sees the disconnect before the next connect
    probeSocket = await connect(server.url, 'K-002', probeCredential);
    const child = spawn(process.execPath, ['--import', 'tsx', FLOODER], {
      env: {
        ...process.env,
        GUICHET_FLEET_URL: server.url,
        GUICHET_KIOSK_ID: 'K-001',
        GUICHET_KIOSK_CREDENTIAL: server.credentials.issue('K-001', new Date()),
        GUICHET_FLOOD: String(FLOOD),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    if ((await lines.next()).value !== 'ready') throw new Error('the flooder did not connect');
    child.stdin.write('go\n');
    const floodStart = process.hrtime.bigint();
    const flooded = await probe(probeSocket, 'K-002', PROBES + 1);
    const probesMs = Number(process.hrtime.bigint() - floodStart) / 1e6;
    const {
      answered,
      limited,
      ms: floodMs,
    } = JSON.parse((await lines.next()).value as string) as {
      answered: number;
      limited: number;
      ms: number;
    };
    probeSocket.disconnect();
    const row = (label: string, t: number[], notes: string): BenchResult => ({
      benchmark: 'link flood',
      case: label,
      ms: percentile(t, 50),
      bestMs: t[0]!,
      notes: `p99 ${percentile(t, 99).toFixed(1)} ms over ${PROBES} acks; ${notes}`,
    });
    return [
      row('other kiosk telemetry ack, alone', alone, 'baseline'),
      row(
        'other kiosk telemetry ack, under flood',
        flooded,
        `probes ran ${probesMs.toFixed(0)} ms from the flood's start; the flooder sent ${answered} messages in ${floodMs.toFixed(0)} ms (${((answered / floodMs) * 1000).toFixed(0)}/s), ${limited} answered RATE_LIMITED`,
      ),
    ];
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function eventLogCase(): BenchResult[] {
  const dir = tempDir('bench-events');
  const db = openDatabase(dir);
  const log = new EventLog(db);
  const base = Date.parse('2025-01-01T00:00:00.000Z');
  const events: FleetEvent[] = Array.from({ length: EVENTS }, (_, i) =>
    i % 2 === 0
      ? {
          type: 'fault.detected',
          at: new Date(base + i * 60_000).toISOString(),
          kioskId: 'K-001',
          faultId: `f-${i}`,
          component: 'printer',
        }
      : {
          type: 'fault.cleared',
          at: new Date(base + i * 60_000).toISOString(),
          kioskId: 'K-001',
          faultId: `f-${i - 1}`,
        },
  );
  for (let i = 0; i < EVENTS; i += 10_000) log.append(events.slice(i, i + 10_000));
  const time = (fn: () => void) => {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const first = time(() => log.snapshot());
  const later: number[] = [];
  for (let i = 0; i < 21; i++) later.push(time(() => log.snapshot()));
  later.sort((a, b) => a - b);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    {
      benchmark: 'event log read',
      case: `first read, ${EVENTS} events`,
      ms: first,
      notes: 'fetches and parses every row',
    },
    {
      benchmark: 'event log read',
      case: `later read, ${EVENTS} events`,
      ms: percentile(later, 50),
      bestMs: later[0]!,
      ratio: percentile(later, 50) / first,
      notes: 'what GET /sla/now reads on each poll: only rows appended since',
    },
  ];
}

export async function run(): Promise<BenchResult[]> {
  return [...(await floodCase()), ...eventLogCase()];
}
