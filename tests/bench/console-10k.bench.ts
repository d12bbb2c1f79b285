// The technician console with 10,000 kiosks (issue: "first paint < 2 s, a status change reaches an open console in
// < 1 s, the server's cost of pushing changes measured against the heartbeat load it already carries"). A real fleet
// server in this process on a 10,000-kiosk sites file; a load process heartbeats 9,980 kiosks over real socket.io
// links (one per kiosk: the protocol has no multiplexing) at the fleet's 10 s interval; a probe process flips the
// printer of 20 more kiosks (5 status changes a second) and opens consoles. The server's CPU time is compared over
// equal windows of the same run: heartbeats + changes with no console open (baseline) vs the same with consoles open.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { FleetServer } from '@guichet/fleet-server';
import type { BenchResult } from './bench-result';

const here = path.dirname(fileURLToPath(import.meta.url));
/** GUICHET_BENCH_KIOSKS overrides it (a smaller run to try the bench itself). */
const KIOSKS = Number(process.env.GUICHET_BENCH_KIOSKS ?? 10_000);
const SITES = Math.max(1, Math.round(KIOSKS / 20));
const PROBES = 20;
const CONSOLES = 5;
const HEARTBEAT_MS = 10_000;
/** One status change every 200 ms across the probes (each probe flips every 4 s, within its heartbeat allowance). */
const FLIP_EVERY_MS = 200;
const WINDOW_MS = Number(process.env.GUICHET_BENCH_WINDOW_MS ?? 20_000);
const ROUNDS = Number(process.env.GUICHET_BENCH_ROUNDS ?? 5);
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const REGIONS = ['toronto', 'central', 'eastern', 'southwestern', 'northern'];

function writeSites(dir: string): string {
  const day = [['00:00', '24:00']];
  const mall = [['07:00', '23:00']];
  const sites = Array.from({ length: SITES }, (_, i) => {
    const hours = i % 2 === 0 ? day : mall;
    return {
      id: `site-${String(i).padStart(3, '0')}`,
      name: `Site ${i}`,
      city: `City ${i % 40}`,
      region: REGIONS[i % REGIONS.length],
      latitude: 42 + (i % 50) / 10,
      longitude: -83 + Math.floor(i / 50) / 2,
      timezone: 'America/Toronto',
      hours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours },
    };
  });
  const kiosks = Array.from({ length: KIOSKS }, (_, i) => ({
    id: `K-${String(i).padStart(5, '0')}`,
    siteId: sites[i % SITES]!.id,
    commissionedAt: '2026-01-01T00:00:00.000Z',
  }));
  const file = path.join(dir, 'sites.json');
  fs.writeFileSync(file, JSON.stringify({ sites, kiosks }));
  return file;
}

function child(script: string, env: Record<string, string>): ChildProcess {
  return fork(path.join(here, script), [], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function request<T>(proc: ChildProcess, message: object | undefined, reply: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== reply) return;
      proc.off('message', onMessage);
      proc.off('exit', onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null) => reject(new Error(`child exited (${code}) before ${reply}`));
    proc.on('message', onMessage);
    proc.once('exit', onExit);
    if (message) proc.send(message);
  });
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};
const median = (values: number[]) => quantile(values, 0.5);

interface Window {
  cpuMsPerS: number;
  heartbeatsPerS: number;
  lagP99Ms: number;
  flips: number;
  latencies: number[];
  lost: number;
  /** The feed's own work in the window: figure computations and their ms, kiosk batches. */
  refreshes: number;
  refreshMs: number;
  kioskBatches: number;
}

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-bench-console-'));
  const server = new FleetServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      sitesFile: writeSites(dir),
      adminToken: ADMIN_TOKEN,
      heartbeatIntervalMs: HEARTBEAT_MS,
      offlineAfterMs: 3 * HEARTBEAT_MS,
      startupGraceMs: 300_000,
      stateFlushMs: 5_000,
      logLevel: 'silent',
    },
    { logger: pino({ level: 'silent' }) },
  );
  const url = await server.start();
  const ids = server.registry.kiosks.map((k) => k.id);
  const credentials = server.db.transaction(() => ids.map((id) => [id, server.credentials.issue(id, new Date())]))();
  fs.writeFileSync(path.join(dir, 'load.json'), JSON.stringify(credentials.slice(PROBES)));
  fs.writeFileSync(path.join(dir, 'probes.json'), JSON.stringify(credentials.slice(0, PROBES)));

  const load = child('console-load-kiosks.ts', {
    GUICHET_FLEET_URL: url,
    GUICHET_HEARTBEAT_MS: String(HEARTBEAT_MS),
    GUICHET_CREDENTIALS_FILE: path.join(dir, 'load.json'),
  });
  const probe = child('console-probe.ts', {
    GUICHET_FLEET_URL: url,
    GUICHET_TOKEN: ADMIN_TOKEN,
    GUICHET_PROBES_FILE: path.join(dir, 'probes.json'),
  });
  try {
    const [ready] = await Promise.all([
      request<{ connected: number; failed: number; ms: number; rssMb: number }>(load, undefined, 'ready'),
      request(probe, undefined, 'ready'),
    ]);
    process.stderr.write(`  ${ready.connected} kiosks connected in ${(ready.ms / 1000).toFixed(1)} s\n`);
    // One whole heartbeat interval, so every kiosk is in its steady rhythm before measuring.
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS + 2_000));

    const heartbeats = async () => (await request<{ acked: number }>(load, { type: 'count' }, 'count')).acked;
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const measure = async (): Promise<Window> => {
      const hb0 = await heartbeats();
      const feed0 = server.console.stats();
      lag.reset();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const flipped = request<{ flips: number; latencies: number[]; lost: number }>(
        probe,
        { type: 'flip', durationMs: WINDOW_MS, everyMs: FLIP_EVERY_MS },
        'flipped',
      );
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
      const cpu = process.cpuUsage(cpu0);
      const seconds = (performance.now() - t0) / 1000;
      const feed = server.console.stats();
      const hb1 = await heartbeats();
      const result = await flipped;
      process.stderr.write(
        `  window: ${server.console.consoles} consoles, ${feed.refreshes - feed0.refreshes} refreshes (${(feed.refreshMs - feed0.refreshMs).toFixed(0)} ms), cpu ${((cpu.user + cpu.system) / 1000 / seconds).toFixed(0)} ms/s, ${((hb1 - hb0) / seconds).toFixed(0)} heartbeats/s, lag p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms\n`,
      );
      return {
        cpuMsPerS: (cpu.user + cpu.system) / 1000 / seconds,
        heartbeatsPerS: (hb1 - hb0) / seconds,
        lagP99Ms: lag.percentile(99) / 1e6,
        flips: result.flips,
        latencies: result.latencies,
        lost: result.lost,
        refreshes: feed.refreshes - feed0.refreshes,
        refreshMs: feed.refreshMs - feed0.refreshMs,
        kioskBatches: feed.kioskBatches - feed0.kioskBatches,
      };
    };

    const baseline: Window[] = [];
    const withConsoles: Window[] = [];
    const snapshots: Array<{
      ms: number;
      bytes: number;
      gzipBytes: number;
      gzip: boolean;
      kiosks: number;
      incidents: number;
    }> = [];
    let rssWithConsolesMb = 0;
    for (let round = 0; round < ROUNDS; round++) {
      baseline.push(await measure());
      const opened = await request<{ results: typeof snapshots }>(
        probe,
        { type: 'consoles', count: CONSOLES },
        'consoles',
      );
      snapshots.push(...opened.results);
      withConsoles.push(await measure());
      rssWithConsolesMb = process.memoryUsage().rss / 2 ** 20;
      await request(probe, { type: 'close-consoles' }, 'closed');
      process.stderr.write(`  round ${round + 1}/${ROUNDS} done\n`);
    }
    lag.disable();

    const cpuBase = median(baseline.map((w) => w.cpuMsPerS));
    const cpuConsoles = median(withConsoles.map((w) => w.cpuMsPerS));
    // Each round's pair of windows is minutes apart at most: its ratio is steadier than the ratio of the medians.
    const pairRatios = withConsoles.map((w, i) => w.cpuMsPerS / baseline[i]!.cpuMsPerS);
    const hbRate = median([...baseline, ...withConsoles].map((w) => w.heartbeatsPerS));
    const latencies = withConsoles.flatMap((w) => w.latencies);
    const flips = withConsoles.reduce((n, w) => n + w.flips, 0);
    const lost = withConsoles.reduce((n, w) => n + w.lost, 0);
    const first = snapshots[0]!;
    const later = snapshots.slice(1).filter((s) => !s.gzip);
    const gzipped = snapshots.filter((s) => s.gzip);
    const name = 'console 10k';
    return [
      {
        benchmark: name,
        case: 'baseline: server CPU, heartbeats + 5 changes/s, no console (ms CPU per s)',
        ms: cpuBase,
        bestMs: Math.min(...baseline.map((w) => w.cpuMsPerS)),
        ratio: 1,
        notes: `${ready.connected} kiosk links (1 socket each), ${hbRate.toFixed(0)} heartbeats/s acked, event-loop p99 ${median(baseline.map((w) => w.lagP99Ms)).toFixed(0)} ms`,
      },
      {
        benchmark: name,
        case: `server CPU, same load, ${CONSOLES} consoles open (ms CPU per s)`,
        ms: cpuConsoles,
        bestMs: Math.min(...withConsoles.map((w) => w.cpuMsPerS)),
        ratio: cpuConsoles / cpuBase,
        notes: `per-round ratios ${pairRatios.map((r) => r.toFixed(2)).join(', ')} (median ${median(pairRatios).toFixed(2)}); event-loop p99 ${median(withConsoles.map((w) => w.lagP99Ms)).toFixed(0)} ms; server RSS ${rssWithConsolesMb.toFixed(0)} MB; per window of ${WINDOW_MS / 1000} s: ${median(withConsoles.map((w) => w.kioskBatches))} kiosk batches, ${median(withConsoles.map((w) => w.refreshes))} figure refreshes of ${median(withConsoles.map((w) => w.refreshMs / Math.max(1, w.refreshes))).toFixed(0)} ms`,
      },
      {
        benchmark: name,
        case: 'snapshot: first console of the run (computes the live view)',
        ms: first.ms,
        notes: `${(first.bytes / 2 ** 20).toFixed(2)} MB JSON (${(first.gzipBytes / 2 ** 10).toFixed(0)} KB gzipped), ${first.kiosks} kiosks, ${first.incidents} incidents`,
      },
      {
        benchmark: name,
        case: 'snapshot: later consoles (figures kept)',
        ms: median(later.map((s) => s.ms)),
        bestMs: Math.min(...later.map((s) => s.ms)),
        notes: `${later.length} consoles opened one after another, JSON snapshot`,
      },
      {
        benchmark: name,
        case: 'snapshot: later consoles asking for it gzipped (snapshotEncoding gzip)',
        ms: median(gzipped.map((s) => s.ms)),
        bestMs: Math.min(...gzipped.map((s) => s.ms)),
        notes: `${gzipped.length} consoles; ${(median(gzipped.map((s) => s.gzipBytes)) / 2 ** 10).toFixed(0)} KB on the wire instead of ${(median(gzipped.map((s) => s.bytes)) / 2 ** 20).toFixed(2)} MB`,
      },
      {
        benchmark: name,
        case: 'status change (fault heartbeat sent) → console receives it, p50',
        ms: quantile(latencies, 0.5),
        bestMs: Math.min(...latencies),
        notes: `${latencies.length} of ${flips} changes timed, ${lost} not arrived 1 s after the window; batch interval 250 ms`,
      },
      {
        benchmark: name,
        case: 'status change → console, p95',
        ms: quantile(latencies, 0.95),
        notes: `max ${Math.max(...latencies).toFixed(0)} ms; promise: < 1 s`,
      },
    ];
  } finally {
    load.send({ type: 'stop' });
    probe.send({ type: 'stop' });
    await Promise.all(
      [load, probe].map((p) => new Promise((resolve) => (p.exitCode !== null ? resolve(0) : p.once('exit', resolve)))),
    );
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
