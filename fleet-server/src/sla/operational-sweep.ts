// The fleet's operational fraction over time (docs/sla.md definitions 6–8): one sweep line over the
// boundaries of every kiosk's scheduled and up intervals, counting in integers, never per second.
import type { IntervalSet } from './interval-set';

export interface KioskSchedule {
  scheduled: IntervalSet;
  up: IntervalSet;
}

export interface Breach {
  from: number;
  to: number;
  minOperationalFraction: number;
}

export interface OperationalSummary {
  measuredMs: number;
  compliantMs: number;
  minOperationalFraction: number | null;
  breaches: Breach[];
}

// Each boundary is packed as time * 4 + kind in one Float64Array, so a single numeric sort orders them all
// (instants in ms stay far below 2^53 / 4).
const S_START = 0;
const S_END = 1;
const U_START = 2;
const U_END = 3;

/** `U * 10000 >= round(threshold * 10000) * S` (definition 7), exactly, in integers. */
export function isCompliant(up: number, scheduled: number, thresholdBasisPoints: number): boolean {
  return up * 10000 >= thresholdBasisPoints * scheduled;
}

export function sweepOperational(kiosks: readonly KioskSchedule[], threshold: number): OperationalSummary {
  const basisPoints = Math.round(threshold * 10000);
  let count = 0;
  for (const k of kiosks) count += 2 * (k.scheduled.length + k.up.length);
  const keys = new Float64Array(count);
  let n = 0;
  for (const k of kiosks) {
    for (const [s, e] of k.scheduled) {
      keys[n++] = s * 4 + S_START;
      keys[n++] = e * 4 + S_END;
    }
    for (const [s, e] of k.up) {
      keys[n++] = s * 4 + U_START;
      keys[n++] = e * 4 + U_END;
    }
  }
  keys.sort();

  const summary: OperationalSummary = { measuredMs: 0, compliantMs: 0, minOperationalFraction: null, breaches: [] };
  let scheduled = 0;
  let up = 0;
  let open: Breach | null = null;
  let i = 0;
  while (i < n) {
    const t = Math.floor(keys[i]! / 4);
    while (i < n && Math.floor(keys[i]! / 4) === t) {
      const kind = keys[i]! - t * 4;
      if (kind === S_START) scheduled++;
      else if (kind === S_END) scheduled--;
      else if (kind === U_START) up++;
      else up--;
      i++;
    }
    const next = i < n ? Math.floor(keys[i]! / 4) : t;
    const span = next - t;
    if (span <= 0) continue;
    if (scheduled === 0) {
      if (open) summary.breaches.push(open);
      open = null;
      continue;
    }
    const fraction = up / scheduled;
    summary.measuredMs += span;
    if (summary.minOperationalFraction === null || fraction < summary.minOperationalFraction)
      summary.minOperationalFraction = fraction;
    if (isCompliant(up, scheduled, basisPoints)) {
      summary.compliantMs += span;
      if (open) summary.breaches.push(open);
      open = null;
    } else if (open) {
      open.to = next;
      open.minOperationalFraction = Math.min(open.minOperationalFraction, fraction);
    } else {
      open = { from: t, to: next, minOperationalFraction: fraction };
    }
  }
  if (open) summary.breaches.push(open);
  return summary;
}
