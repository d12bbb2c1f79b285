// FleetMonitor with an injected clock and short real timers: who gets faulted, when, and with what `since`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetEvent, Heartbeat, SitesFile } from '@guichet/shared';
import { openDatabase, type Db } from '../storage/database';
import { EventLog } from '../storage/event-log';
import { SitesRegistry } from '../registry/sites-registry';
import { FleetMonitor } from './fleet-monitor';

const day = [['00:00', '24:00']] as [string, string][];
const opened: Array<{ db: Db; monitor: FleetMonitor }> = [];
afterEach(() => {
  for (const { db, monitor } of opened.splice(0)) {
    monitor.stop();
    db.close();
  }
});

function setUp(
  kiosks: SitesFile['kiosks'],
  clock: { now: number },
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-')),
) {
  const db = openDatabase(dir);
  const events = new EventLog(db);
  const registry = new SitesRegistry({
    sites: [
      {
        id: 's',
        timezone: 'America/Toronto',
        hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
      },
    ],
    kiosks,
  });
  const monitor = new FleetMonitor(db, registry, events, pino({ level: 'silent' }), {
    offlineAfterMs: 60,
    startupGraceMs: 120,
    stateFlushMs: 10_000,
    now: () => new Date(clock.now),
  });
  opened.push({ db, monitor });
  monitor.start();
  return { db, events, monitor, dir };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const heartbeat = (kioskId: string): Heartbeat => ({
  kioskId,
  seq: 1,
  sentAt: new Date().toISOString(),
  mode: 'in-service',
  devices: {},
});
const detections = (events: EventLog) =>
  events.all().filter((e): e is Extract<FleetEvent, { type: 'fault.detected' }> => e.type === 'fault.detected');

describe('FleetMonitor', () => {
  it('gives every kiosk the start-up grace, then faults the silent ones', async () => {
    const clock = { now: Date.parse('2026-11-02T15:00:00Z') };
    const { events, monitor } = setUp(
      [
        { id: 'K-1', siteId: 's' },
        { id: 'K-2', siteId: 's' },
      ],
      clock,
    );
    await wait(90);
    // Past the offline limit (60 ms) but within the grace (120 ms): nobody is blamed yet.
    expect(detections(events)).toEqual([]);
    await wait(120);
    expect(detections(events).map((e) => e.kioskId)).toEqual(['K-1', 'K-2']);
    monitor.recordHeartbeat('K-1', heartbeat('K-1'));
    expect(events.all().at(-1)).toMatchObject({ type: 'fault.cleared', kioskId: 'K-1' });
  });

  it('watches a kiosk commissioned later from its commissioning on, not before', async () => {
    const clock = { now: Date.parse('2026-11-02T15:00:00Z') };
    const { events } = setUp([{ id: 'K-1', siteId: 's', commissionedAt: '2026-11-02T15:00:00.200Z' }], clock);
    await wait(150);
    expect(detections(events)).toEqual([]);
    // The re-armed timer fires 0.2 s (to commissioning) + 60 ms (offline limit) after the grace ran out.
    clock.now += 250;
    await wait(300);
    expect(detections(events)).toHaveLength(1);
  });

  it('never dates a silence before the server started watching', async () => {
    const clock = { now: Date.parse('2026-11-02T15:00:00Z') };
    const first = setUp([{ id: 'K-1', siteId: 's' }], clock);
    first.monitor.recordHeartbeat('K-1', heartbeat('K-1'));
    first.monitor.stop();
    // The server is down for ten minutes; the kiosk never comes back.
    clock.now += 600_000;
    const second = setUp([{ id: 'K-1', siteId: 's' }], clock, first.dir);
    await wait(200);
    const [fault] = detections(second.events).filter((e) => e.component === 'network');
    expect(fault?.since).toBe(new Date(clock.now).toISOString());
  });

  it('stamps fault events in order even when the wall clock steps back', () => {
    const clock = { now: Date.parse('2026-11-02T15:00:00Z') };
    const { events, monitor } = setUp([{ id: 'K-1', siteId: 's' }], clock);
    monitor.recordHeartbeat('K-1', {
      ...heartbeat('K-1'),
      devices: { printer: { state: 'fault', code: 'PRINTER_PAPER_END' } },
    });
    clock.now -= 5_000;
    monitor.recordHeartbeat('K-1', { ...heartbeat('K-1'), devices: { printer: { state: 'ok' } } });
    const [detected, cleared] = events.all();
    expect(detected?.type).toBe('fault.detected');
    expect(cleared?.type).toBe('fault.cleared');
    expect(Date.parse(cleared!.at)).toBeGreaterThanOrEqual(Date.parse(detected!.at));
  });
});
