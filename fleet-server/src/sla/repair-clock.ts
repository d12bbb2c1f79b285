// The repair clock of an incident (docs/sla.md definitions 10–12): seconds of [detectedAt, repairedAt ?? to)
// on the SLA clock (service hours or wall time) minus the kiosk's planned maintenance windows.
import { intersect, measure, subtract, type IntervalSet } from './interval-set';
import type { SlaClock } from './sla-report';

export interface RepairClockInput {
  clock: SlaClock;
  serviceHours: IntervalSet;
  maintenance: IntervalSet;
}

/** Milliseconds counted on the SLA clock between `start` and `end`. */
export function repairMillis(input: RepairClockInput, start: number, end: number): number {
  if (!(end > start)) return 0;
  const span: IntervalSet = [[start, end]];
  const counted = input.clock === 'wall' ? span : intersect(span, input.serviceHours);
  return measure(subtract(counted, input.maintenance));
}

/** Definition 11: within the limit when repaired in time; breached once over it; null while open and within. */
export function withinSla(repairMs: number, repaired: boolean, repairMinutes: number): boolean | null {
  const over = repairMs > repairMinutes * 60_000;
  if (repaired) return !over;
  return over ? false : null;
}

/** Nearest-rank p90 (definition 12): sorted ascending, index ceil(0.9 n) − 1. */
export function p90(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1]!;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}
