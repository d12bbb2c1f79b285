// Transaction hub benchmark: commits per second with synchronous journaling (SQLite WAL, synchronous=FULL, on
// the machine's disk) and their latency, against a bare SQLite insert loop with the same pragmas in the same run
// (one row per transaction, the least any durable journal can do). Goal: ≥ 500 commits/s, p99 < 50 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@guichet/fleet-server/storage/database';
import { hubFixture } from '@guichet/fleet-server/test-support/hub-fixture';
import { MINISTRY_SCRIPTS, commitOf, sticker, txId } from '@guichet/fleet-server/test-support/hub-test-data';
import type { BenchResult } from './bench-result';

const N = 1_000;
const CONCURRENCY = 8;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

function baselineInserts(): { ms: number; perSecond: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-bench-sqlite-'));
  const db = openDatabase(dir, 'baseline.db');
  db.exec(`CREATE TABLE bare (id TEXT PRIMARY KEY, body TEXT NOT NULL)`);
  const insert = db.prepare(`INSERT INTO bare (id, body) VALUES (?, ?)`);
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) insert.run(txId(i), 'x'.repeat(64)); // autocommit: one durable transaction each
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { ms, perSecond: (N / ms) * 1000 };
}

async function hubCommits(concurrency: number): Promise<{
  quoteMs: number;
  commitMs: number;
  retryMs: number;
  p50: number;
  p99: number;
  retryP99: number;
}> {
  const f = hubFixture({ ministries: MINISTRY_SCRIPTS });
  const details = sticker();
  let start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await f.hub.quote('K-001', { txId: txId(i), lang: 'en', details });
  const quoteMs = Number(process.hrtime.bigint() - start) / 1e6;

  const run = async (): Promise<{ ms: number; latencies: number[] }> => {
    const latencies: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < N) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        const ack = await f.hub.commit('K-001', commitOf(txId(i), 12100, details));
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!ack.ok) throw new Error(`commit ${i} refused: ${JSON.stringify(ack)}`);
      }
    };
    const begin = process.hrtime.bigint();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { ms: Number(process.hrtime.bigint() - begin) / 1e6, latencies: latencies.sort((a, b) => a - b) };
  };
  start = process.hrtime.bigint();
  const first = await run();
  const retry = await run(); // every commit again: answered from the journal, nothing sent twice
  const sent = f.ministry('transportation').calls.commit;
  if (sent !== N || f.hub.ledger.unbalanced().length > 0) throw new Error(`${sent} ministry commits for ${N}`);
  await f.close();
  return {
    quoteMs,
    commitMs: first.ms,
    retryMs: retry.ms,
    p50: percentile(first.latencies, 50),
    p99: percentile(first.latencies, 99),
    retryP99: percentile(retry.latencies, 99),
  };
}

export async function run(): Promise<BenchResult[]> {
  const baseline = baselineInserts();
  const serial = await hubCommits(1);
  const parallel = await hubCommits(CONCURRENCY);
  const rate = (ms: number) => `${Math.round((N / ms) * 1000)}/s`;
  const rows: BenchResult[] = [
    {
      benchmark: 'hub',
      case: `baseline: ${N} bare SQLite inserts, one durable transaction each`,
      ms: baseline.ms,
      ratio: 1,
      notes: `${rate(baseline.ms)}; WAL, synchronous=FULL`,
    },
    {
      benchmark: 'hub',
      case: `${N} quotes (ministry validation in process)`,
      ms: serial.quoteMs,
      ratio: serial.quoteMs / baseline.ms,
      notes: rate(serial.quoteMs),
    },
    ...[
      ['one at a time', serial],
      [`${CONCURRENCY} kiosks at once`, parallel],
    ].map(([label, r]) => {
      const m = r as Awaited<ReturnType<typeof hubCommits>>;
      return {
        benchmark: 'hub',
        case: `${N} commits, ${label as string}`,
        ms: m.commitMs,
        ratio: m.commitMs / baseline.ms,
        notes: `${rate(m.commitMs)}, p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms; retries of all: ${rate(m.retryMs)}, p99 ${m.retryP99.toFixed(2)} ms`,
      };
    }),
  ];
  for (const r of rows)
    process.stderr.write(`${r.case}: ${r.ms.toFixed(1)} ms, ratio ${r.ratio?.toFixed(2)} — ${r.notes}\n`);
  return rows;
}
