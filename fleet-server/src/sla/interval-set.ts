// Sets of instants as sorted, disjoint, non-empty half-open intervals [start, end) in epoch milliseconds
// (docs/sla.md "All intervals are half-open"); memory proportional to intervals, never to seconds.

/** Sorted, disjoint, non-empty [start, end) pairs; `Infinity` stands for "never ends". */
export type IntervalSet = ReadonlyArray<readonly [number, number]>;
export type Interval = readonly [number, number];

export const EMPTY: IntervalSet = [];

/** Normalises any list of intervals (unsorted, overlapping, empty ones) into an IntervalSet. */
export function union(intervals: Iterable<Interval>): IntervalSet {
  const sorted = [...intervals].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i]!;
    const [bs, be] = b[j]!;
    const s = Math.max(as, bs);
    const e = Math.min(ae, be);
    if (e > s) out.push([s, e]);
    if (ae < be) i++;
    else j++;
  }
  return out;
}

export function subtract(a: IntervalSet, b: IntervalSet): IntervalSet {
  if (b.length === 0) return a;
  const out: [number, number][] = [];
  let j = 0;
  for (const [as, ae] of a) {
    let cursor = as;
    while (j < b.length && b[j]![1] <= cursor) j++;
    let k = j;
    while (k < b.length && b[k]![0] < ae) {
      const [bs, be] = b[k]!;
      if (bs > cursor) out.push([cursor, bs]);
      cursor = Math.max(cursor, be);
      if (cursor >= ae) break;
      k++;
    }
    if (cursor < ae) out.push([cursor, ae]);
  }
  return out;
}

export function clip(a: IntervalSet, from: number, to: number): IntervalSet {
  return intersect(a, from < to ? [[from, to]] : []);
}

/** Total length in milliseconds (Infinity if unbounded). */
export function measure(a: IntervalSet): number {
  let total = 0;
  for (const [s, e] of a) total += e - s;
  return total;
}

export function contains(a: IntervalSet, t: number): boolean {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = a[mid]!;
    if (t < s) hi = mid - 1;
    else if (t >= e) lo = mid + 1;
    else return true;
  }
  return false;
}
