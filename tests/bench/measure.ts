// Timing and heap measurement helpers for the benchmarks (docs/BENCHMARKS.md explains the method).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function collect(): void {
  gc();
  gc();
}

/** Runs fn once to warm up, then `runs` times; returns the median and best times (ms) and the last result. */
export function timeMedian<T>(fn: () => T, runs: number): { ms: number; bestMs: number; result: T } {
  let result = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect();
    const start = process.hrtime.bigint();
    result = fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, bestMs: times[0]!, result };
}

/**
 * Heap growth across one call of fn, in megabytes: heapUsed just after the call (its garbage not yet collected,
 * so roughly what it allocated and kept alive meanwhile) minus heapUsed before it, after a full collection.
 */
export function heapDeltaMb<T>(fn: () => T): { mb: number; result: T } {
  collect();
  const before = process.memoryUsage().heapUsed;
  const result = fn();
  const after = process.memoryUsage().heapUsed;
  return { mb: (after - before) / 2 ** 20, result };
}
