// LiveFigures on manual time: one live-view computation (one read of the event log) per refresh, feeding the SLA
// figure and the incident queue; refreshed every minute while consoles are open, soon after events but never
// more often than the floor, and not at all while nobody watches (a snapshot then recomputes stale figures).
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetEvent } from '@guichet/shared';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { ALWAYS, fault, fleet } from '../test-support/sla-test-fleet';
import { SlaOptions } from '../sla/sla-report';
import type { ConsoleSla } from './console-protocol';
import { LiveViewIncidentFeed } from './incident-feed';
import { LiveFigures, SLA_MIN_REFRESH_MS, SLA_PUSH_INTERVAL_MS } from './live-figures';
import { SlaTrend } from './sla-trend';

const T0 = '2026-11-18T15:00:00.000Z';

function setUp() {
  const time = new ManualTime(T0);
  const sites = fleet(4, ALWAYS, 'America/Toronto');
  const events: FleetEvent[] = [];
  let reads = 0;
  let audience = true;
  let broken = false;
  const incidents = new LiveViewIncidentFeed({
    sites: () => new Map(sites.sites.map((s) => [s.id, s] as const)),
    inMaintenance: () => false,
    clock: 'service-hours',
  });
  const figures = new LiveFigures({
    sites: () => sites,
    events: () => {
      reads++;
      if (broken) throw new Error('disk I/O error');
      return events;
    },
    clock: time,
    timers: time,
    options: SlaOptions.parse({}),
    incidents,
    trend: new SlaTrend('America/Toronto', 0.97),
    log: pino({ level: 'silent' }),
    hasAudience: () => audience,
  });
  const pushed: ConsoleSla[] = [];
  figures.onSla((sla) => pushed.push(sla));
  figures.start();
  return {
    time,
    events,
    figures,
    incidents,
    pushed,
    reads: () => reads,
    setAudience: (open: boolean) => (audience = open),
    breakStorage: (value: boolean) => (broken = value),
  };
}

describe('LiveFigures', () => {
  it('computes the figure once for the first snapshot and keeps it for the next', () => {
    const { figures, reads, pushed } = setUp();
    const sla = figures.sla();
    expect(sla).toMatchObject({ at: T0, operationalFraction: 1, scheduledKiosks: 4, upKiosks: 4, threshold: 0.97 });
    expect(sla.trend).toHaveLength(18);
    expect(figures.sla()).toBe(sla);
    expect(reads()).toBe(1);
    expect(pushed).toEqual([sla]);
  });

  it('after events recomputes once, no sooner than the floor after the last computation', async () => {
    const { time, events, figures, incidents, reads, pushed } = setUp();
    figures.sla();
    await time.advance(100);
    events.push(...fault('K-001', '2026-11-18T15:00:00.100Z', null));
    figures.invalidate();
    events.push(...fault('K-002', '2026-11-18T15:00:00.100Z', null));
    figures.invalidate();
    figures.invalidate();
    await time.advance(SLA_MIN_REFRESH_MS - 101);
    expect(reads()).toBe(1);
    await time.advance(1);
    expect(reads()).toBe(2);
    expect(pushed.at(-1)).toMatchObject({ upKiosks: 2, operationalFraction: 0.5 });
    expect(incidents.current().map((i) => i.kioskId)).toEqual(['K-001', 'K-002']);
    // A quiet while later an event is taken at once.
    await time.advance(10_000);
    events.push(...fault('K-003', '2026-11-18T15:00:11.000Z', null));
    figures.invalidate();
    await time.advance(0);
    expect(reads()).toBe(3);
  });

  it('refreshes every minute while consoles are open, and not while none is', async () => {
    const { time, figures, reads, setAudience } = setUp();
    figures.sla();
    await time.advance(SLA_PUSH_INTERVAL_MS);
    expect(reads()).toBe(2);
    setAudience(false);
    figures.invalidate();
    await time.advance(5 * SLA_PUSH_INTERVAL_MS);
    expect(reads()).toBe(2);
    // The next console's snapshot does not get the old figure.
    setAudience(true);
    expect(figures.sla().at).toBe(time.now().toISOString());
    expect(reads()).toBe(3);
    figures.stop();
    await time.advance(SLA_PUSH_INTERVAL_MS);
    expect(reads()).toBe(3);
  });

  it('recomputes for a snapshot when an event came while nobody watched', async () => {
    const { time, events, figures, reads, setAudience } = setUp();
    figures.sla();
    setAudience(false);
    await time.advance(1_000);
    events.push(...fault('K-004', '2026-11-18T15:00:01.000Z', null));
    figures.invalidate();
    setAudience(true);
    expect(figures.sla()).toMatchObject({ upKiosks: 3 });
    expect(reads()).toBe(2);
  });

  it('keeps the last figure when a timed refresh fails, and refreshes again once it can', async () => {
    const { time, figures, reads, breakStorage, pushed } = setUp();
    const before = figures.sla();
    breakStorage(true);
    await time.advance(SLA_PUSH_INTERVAL_MS); // the minute's refresh fails: logged, not thrown
    expect(reads()).toBe(2);
    expect(pushed).toEqual([before]);
    breakStorage(false);
    await time.advance(SLA_PUSH_INTERVAL_MS);
    expect(pushed.at(-1)!.at).toBe(time.now().toISOString());
  });
});
