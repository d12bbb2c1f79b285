// SLA engine benchmark (docs/sla.md "Performance"): a generated month of 3,000 kiosks, ~4 faults each, against a
// baseline measured in the same run (parsing the event file). Results go to docs/BENCHMARKS.md.
import { computeSlaReport } from '@guichet/fleet-server/sla/compute-sla-report';
import { parseEventsJsonl } from '@guichet/fleet-server/sla/parse-inputs';
import type { BenchResult } from './bench-result';
import { heapDeltaMb, timeMedian } from './measure';
import { generateMonth } from './sla-month-generator';

const RUNS = 5;
// October 2026 in London, local month (daylight saving ends on the 25th).
const MONTH = ['2026-09-30T23:00:00.000Z', '2026-11-01T00:00:00.000Z'] as const;
const QUARTER = ['2026-09-30T23:00:00.000Z', '2027-01-01T00:00:00.000Z'] as const;

function caseRows(
  label: string,
  kiosks: number,
  period: readonly [string, string],
  faultsPerKiosk: number,
  ownTimetables = false,
): BenchResult[] {
  const month = generateMonth(kiosks, period[0], period[1], faultsPerKiosk, 4, ownTimetables);
  const notes = `${kiosks} kiosks, ${month.sites.sites.length} sites, ${month.events.length} events, ${(month.eventsText.length / 2 ** 20).toFixed(1)} MB JSONL`;
  const baseline = timeMedian(() => parseEventsJsonl(month.eventsText, 'events.jsonl'), RUNS);
  const baselineHeap = heapDeltaMb(() => parseEventsJsonl(month.eventsText, 'events.jsonl'));
  const input = { sites: month.sites, events: month.events, from: month.from, to: month.to };
  const engine = timeMedian(() => computeSlaReport(input), RUNS);
  const engineHeap = heapDeltaMb(() => computeSlaReport(input));
  const wall = timeMedian(() => computeSlaReport({ ...input, clock: 'wall' }), RUNS);
  const report = engine.result;
  const figures = `availability ${report.fleet.availability?.toFixed(4)}, ${report.incidents.length} incidents, ${report.fleet.breaches.length} breaches`;
  return [
    {
      benchmark: 'sla',
      case: `${label}: baseline, parseEventsJsonl`,
      ms: baseline.ms,
      bestMs: baseline.bestMs,
      ratio: 1,
      heapDeltaMb: baselineHeap.mb,
      notes,
    },
    {
      benchmark: 'sla',
      case: `${label}: computeSlaReport (service-hours)`,
      ms: engine.ms,
      bestMs: engine.bestMs,
      ratio: engine.ms / baseline.ms,
      heapDeltaMb: engineHeap.mb,
      notes: figures,
    },
    {
      benchmark: 'sla',
      case: `${label}: computeSlaReport (wall)`,
      ms: wall.ms,
      bestMs: wall.bestMs,
      ratio: wall.ms / baseline.ms,
    },
  ];
}

export function run(): BenchResult[] {
  return [
    ...caseRows('month', 3000, MONTH, 4),
    // Worst case for local-time work: (nearly) every site with its own opening times.
    ...caseRows('month, own timetables', 3000, MONTH, 4, true),
    // Same fault rate per month over three months: memory and time follow the events, not the seconds.
    ...caseRows('quarter', 3000, QUARTER, 12),
  ];
}
