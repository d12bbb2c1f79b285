// `npm run bench`: runs the exported `run()` of every tests/bench/*.bench.ts module (sla, demo-startup, …:
// adding a module registers it) and prints one markdown table (copied into docs/BENCHMARKS.md). Benchmarks are not tests: nothing here fails on a slow machine.
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { BenchModule, BenchResult } from './bench-result';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const loadBefore = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const rows: BenchResult[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as Partial<BenchModule>;
  if (typeof mod.run !== 'function') throw new Error(`${file} exports no run()`);
  process.stderr.write(`running ${file}…\n`);
  rows.push(...(await mod.run()));
}

const fmt = (n: number | undefined, digits: number) => (n === undefined ? '' : n.toFixed(digits));
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const lines = [
  `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown CPU'}), ${new Date().toISOString()}, load average before the run ${loadBefore}, after ${load}`,
  '',
  '| benchmark | case | ms (median) | ms (best) | ratio to baseline (median) | heap delta (MB) | notes |',
  '| --- | --- | ---: | ---: | ---: | ---: | --- |',
  ...rows.map(
    (r) =>
      `| ${r.benchmark} | ${r.case} | ${fmt(r.ms, 1)} | ${fmt(r.bestMs, 1)} | ${fmt(r.ratio, 2)} | ${fmt(r.heapDeltaMb, 1)} | ${r.notes ?? ''} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
