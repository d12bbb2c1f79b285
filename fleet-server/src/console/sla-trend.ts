// The contract's trend over the month for the console's chart: per local day of the current month, the lowest
// operational fraction the fleet fell to (docs/sla.md definitions 6–8). Computed with the SLA engine's own pieces
// (fleet model, scheduled time, operational sweep) — the same figure as the engine's report for that day — over one
// pass of the events for all the days needed; finished days are kept, today is refreshed at most every few minutes.
import { DateTime } from 'luxon';
import type { SitesFile } from '@guichet/shared/sites/sites-file';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { buildFleetModel, scheduledTime } from '../sla/compute-sla-report';
import { downTime } from '../sla/kiosk-timelines';
import { subtract, type IntervalSet } from '../sla/interval-set';
import { sweepOperational, type KioskSchedule } from '../sla/operational-sweep';
import type { ConsoleSla } from './console-protocol';

/** How stale today's point may be: its minimum only moves when the fleet is at its worst, which the live figure shows. */
export const TREND_TODAY_REFRESH_MS = 5 * 60_000;

/** The zone the fleet's days are counted in: the one most of its sites are in (a contract has one calendar). */
export function fleetZone(sites: SitesFile): string {
  const counts = new Map<string, number>();
  for (const site of sites.sites) counts.set(site.timezone, (counts.get(site.timezone) ?? 0) + 1);
  let best = 'UTC';
  let bestCount = 0;
  for (const [zone, count] of counts) if (count > bestCount) [best, bestCount] = [zone, count];
  return best;
}

interface Day {
  day: string;
  fromMs: number;
  toMs: number;
}

/** The local days of the month holding `nowMs`, up to and including today (ending at now). */
export function monthDays(zone: string, nowMs: number): Day[] {
  const now = DateTime.fromMillis(nowMs, { zone });
  const days: Day[] = [];
  for (let day = now.startOf('month'); day.toMillis() <= nowMs; day = day.plus({ days: 1 }).startOf('day')) {
    const next = day.plus({ days: 1 }).startOf('day').toMillis();
    days.push({ day: day.toISODate()!, fromMs: day.toMillis(), toMs: Math.min(next, nowMs) });
  }
  return days;
}

/** The lowest operational fraction of each day, from one fleet model covering them all. */
export function dailyMinOperational(
  sites: SitesFile,
  events: readonly FleetEvent[],
  days: readonly Day[],
  threshold: number,
): Map<string, number | null> {
  const out = new Map<string, number | null>();
  if (days.length === 0) return out;
  const model = buildFleetModel(sites, events, days[0]!.fromMs, days.at(-1)!.toMs);
  const down = new Map<string, IntervalSet>();
  for (const kiosk of sites.kiosks) down.set(kiosk.id, downTime(model.timelines.get(kiosk.id)!));
  for (const { day, fromMs, toMs } of days) {
    const clipped = new Map<string, IntervalSet>();
    const schedules: KioskSchedule[] = sites.kiosks.map((kiosk) => {
      const scheduled = scheduledTime(model, kiosk, fromMs, toMs, clipped);
      return { scheduled, up: subtract(scheduled, down.get(kiosk.id)!) };
    });
    out.set(day, toMs > fromMs ? sweepOperational(schedules, threshold).minOperationalFraction : null);
  }
  return out;
}

export class SlaTrend {
  private month = '';
  private readonly finished = new Map<string, number | null>();
  private today: { day: string; computedAt: number; value: number | null } | undefined;

  constructor(
    private readonly zone: string,
    private readonly threshold: number,
    private readonly todayRefreshMs = TREND_TODAY_REFRESH_MS,
  ) {}

  /** The month's points as of `nowMs`; computes only the days it has not kept (and today when stale). */
  points(sites: SitesFile, events: readonly FleetEvent[], nowMs: number): ConsoleSla['trend'] {
    const days = monthDays(this.zone, nowMs);
    const month = days[0]!.day.slice(0, 7);
    if (month !== this.month) {
      this.month = month;
      this.finished.clear();
      this.today = undefined;
    }
    const todayDay = days.at(-1)!;
    const todayFresh = this.today?.day === todayDay.day && nowMs - this.today.computedAt < this.todayRefreshMs;
    const missing = days.filter((d) => (d === todayDay ? !todayFresh : !this.finished.has(d.day)));
    if (missing.length > 0) {
      const computed = dailyMinOperational(sites, events, missing, this.threshold);
      for (const d of missing) {
        if (d === todayDay) this.today = { day: d.day, computedAt: nowMs, value: computed.get(d.day) ?? null };
        else this.finished.set(d.day, computed.get(d.day) ?? null);
      }
    }
    return days.map((d) => ({
      day: d.day,
      minOperationalFraction: d === todayDay ? (this.today?.value ?? null) : (this.finished.get(d.day) ?? null),
    }));
  }
}
