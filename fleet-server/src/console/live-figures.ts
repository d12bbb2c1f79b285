// The console's SLA figure and incident queue, refreshed from ONE live-view computation each time: every minute
// (clocks start and stop with service hours), and soon after a fault or maintenance event, but never more often than
// a floor that grows with what a computation costs — the live view reads the whole history, so a burst of faults
// (a site losing its network) must not turn into a computation per fault.
import { performance } from 'node:perf_hooks';
import type { Clock, FleetEvent, TimerHandle, Timers } from '@guichet/shared';
import type { SitesFile } from '@guichet/shared/sites/sites-file';
import type { Logger } from '../logging/logger';
import { computeLiveView, type LiveView } from '../sla/live-view';
import type { SlaOptions } from '../sla/sla-report';
import type { ConsoleSla } from './console-protocol';
import { consoleSla } from './console-views';
import type { LiveViewIncidentFeed } from './incident-feed';
import type { SlaTrend } from './sla-trend';

/** The SLA figure is pushed at least this often. */
export const SLA_PUSH_INTERVAL_MS = 60_000;
/**
 * After an event, the figures are recomputed no sooner than this after the last computation… (the live view of 10,000
 * kiosks takes ~50–150 ms on the benchmark machine: every second would block heartbeats and kiosk pushes too often;
 * kiosk status changes do not wait for it, only the incident queue and the figure do).
 */
export const SLA_MIN_REFRESH_MS = 2_000;
/** …nor sooner than this many times the last computation's duration (at most ~1/10 of a core on refreshes). */
export const SLA_REFRESH_COST_FACTOR = 10;

export interface LiveFiguresDeps {
  sites: () => SitesFile;
  events: () => readonly FleetEvent[];
  clock: Clock;
  timers: Timers;
  options: SlaOptions;
  incidents: LiveViewIncidentFeed;
  trend: SlaTrend;
  log: Logger;
  /** Whether any console is open: with none, nothing is computed. */
  hasAudience: () => boolean;
}

export class LiveFigures {
  private current: ConsoleSla | undefined;
  private interval: TimerHandle | undefined;
  private pending: TimerHandle | undefined;
  private lastRefreshAt = -Infinity;
  private lastCostMs = 0;
  /** An event arrived while no console was open: the kept figures no longer hold. */
  private stale = false;
  private readonly listeners = new Set<(sla: ConsoleSla) => void>();
  /** Computations so far and the milliseconds they took (what the feed's figures cost the event loop). */
  readonly stats = { refreshes: 0, refreshMs: 0 };

  constructor(private readonly deps: LiveFiguresDeps) {}

  start(): void {
    this.interval = this.deps.timers.setInterval(() => {
      if (this.deps.hasAudience()) this.refreshLogged();
    }, SLA_PUSH_INTERVAL_MS);
  }

  stop(): void {
    if (this.interval !== undefined) this.deps.timers.clearInterval(this.interval);
    if (this.pending !== undefined) this.deps.timers.clearTimeout(this.pending);
    this.interval = undefined;
    this.pending = undefined;
  }

  /**
   * The figure for a console's snapshot: the one kept, unless there is none, an event made it stale, or it is older
   * than the push interval (no console was open to keep it fresh) — then computed now.
   */
  sla(): ConsoleSla {
    const age = this.deps.clock.now().getTime() - this.lastRefreshAt;
    if (this.current && !this.stale && age < SLA_PUSH_INTERVAL_MS) return this.current;
    return this.refresh();
  }

  onSla(listener: (sla: ConsoleSla) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something the figures depend on changed (an event was appended): recompute soon, within the floor. */
  invalidate(): void {
    if (!this.deps.hasAudience()) {
      this.stale = true;
      return;
    }
    if (this.pending !== undefined) return;
    const floor = Math.max(SLA_MIN_REFRESH_MS, SLA_REFRESH_COST_FACTOR * this.lastCostMs);
    const delay = Math.max(0, this.lastRefreshAt + floor - this.deps.clock.now().getTime());
    this.pending = this.deps.timers.setTimeout(() => {
      this.pending = undefined;
      this.refreshLogged();
    }, delay);
  }

  /** refresh() from a timer: a failure is logged and the figures stay as they were, the server goes on. */
  refreshLogged(): void {
    try {
      this.refresh();
    } catch (error) {
      this.deps.log.error(
        { component: 'console-figures', event: 'console.figures-failed', err: error },
        'console figures could not be computed',
      );
    }
  }

  /** One live-view computation: the SLA figure, the trend (from its cache), the incident queue. */
  refresh(): ConsoleSla {
    const started = performance.now();
    const now = this.deps.clock.now();
    const sites = this.deps.sites();
    const events = this.deps.events();
    const view: LiveView = computeLiveView({ sites, events, now, ...this.deps.options });
    const sla = consoleSla(view, this.deps.trend.points(sites, events, now.getTime()));
    this.current = sla;
    this.stale = false;
    this.lastRefreshAt = now.getTime();
    this.deps.incidents.update(view);
    this.lastCostMs = performance.now() - started;
    this.stats.refreshes++;
    this.stats.refreshMs += this.lastCostMs;
    this.deps.log.debug(
      { component: 'console-figures', event: 'console.figures-refreshed', ms: Math.round(this.lastCostMs) },
      'console figures refreshed',
    );
    for (const listener of this.listeners) listener(sla);
    return sla;
  }
}
