// Calendar dates as the ministries keep them (ISO YYYY-MM-DD, no time zone), with whole-year arithmetic.

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Adds whole years to an ISO date; 29 February lands on 28 February in a common year. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return isoDate(target);
}

export function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}
