// What a benchmark module returns to tests/bench/run-benchmarks.ts: one row of the markdown table each.

export interface BenchResult {
  benchmark: string;
  case: string;
  /** Median wall time of the measured runs, milliseconds. */
  ms: number;
  /** Fastest of the measured runs, milliseconds (the least disturbed by other load on the machine). */
  bestMs?: number;
  /** ms divided by the baseline measured in the same run, when there is one. */
  ratio?: number;
  /** Heap growth across one run (see measure.ts heapDeltaMb), megabytes. */
  heapDeltaMb?: number;
  notes?: string;
}

export interface BenchModule {
  run: () => Promise<BenchResult[]> | BenchResult[];
}
