// FleetMonitor on manual time (injected clock and timers): who gets faulted, when, and with what `since`,
// and when its live state reaches SQLite. Nothing waits on the wall clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetEvent, Heartbeat, SitesFile } from '@guichet/shared';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { openDatabase, type Db } from '../storage/database';
import { EventLog } from '../storage/event-log';
import { KioskStateStore } from '../storage/kiosk-state-store';
import { SitesRegistry } from '../registry/sites-registry';
import { FleetMonitor } from './fleet-monitor';

const T0 = '2026-11-02T15:00:00.000Z';
const OFFLINE_AFTER_MS = 60_000;
const GRACE_MS = 120_000;
const FLUSH_MS = 5_000;
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
  time: ManualTime,
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-')),
) {
  const db = openDatabase(dir);
  const events = new EventLog(db);
  const store = new KioskStateStore(db);
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
  const monitor = new FleetMonitor(store, registry, events, pino({ level: 'silent' }), {
    offlineAfterMs: OFFLINE_AFTER_MS,
    startupGraceMs: GRACE_MS,
    stateFlushMs: FLUSH_MS,
    clock: time,
    timers: time,
  });
  opened.push({ db, monitor });
  monitor.start();
  return { db, events, store, monitor, dir };
}

const heartbeat = (kioskId: string): Heartbeat => ({
  kioskId,
  seq: 1,
  sentAt: T0,
  mode: 'in-service',
  devices: {},
});
const detections = (events: EventLog) =>
  events.all().filter((e): e is Extract<FleetEvent, { type: 'fault.detected' }> => e.type === 'fault.detected');

describe('FleetMonitor', () => {
  it('gives every kiosk the start-up grace, then faults the silent ones', async () => {
    const time = new ManualTime(T0);
    const { events, monitor } = setUp(
      [
        { id: 'K-1', siteId: 's' },
        { id: 'K-2', siteId: 's' },
      ],
      time,
    );
    await time.advance(GRACE_MS - 1);
    // Past the offline limit but within the grace: nobody is blamed yet.
    expect(detections(events)).toEqual([]);
    await time.advance(1);
    expect(detections(events).map((e) => [e.kioskId, e.at])).toEqual([
      ['K-1', '2026-11-02T15:02:00.000Z'],
      ['K-2', '2026-11-02T15:02:00.000Z'],
    ]);
    monitor.recordHeartbeat('K-1', heartbeat('K-1'));
    expect(events.all().at(-1)).toMatchObject({ type: 'fault.cleared', kioskId: 'K-1' });
  });

  it('faults a kiosk exactly the offline limit after its last heartbeat, never before', async () => {
    const time = new ManualTime(T0);
    const { events, monitor } = setUp([{ id: 'K-1', siteId: 's' }], time);
    await time.advance(10_000);
    monitor.recordHeartbeat('K-1', heartbeat('K-1'));
    await time.advance(OFFLINE_AFTER_MS - 1);
    expect(detections(events)).toEqual([]);
    await time.advance(1);
    expect(detections(events)).toEqual([
      expect.objectContaining({
        component: 'network',
        since: '2026-11-02T15:00:10.000Z',
        at: '2026-11-02T15:01:10.000Z',
      }),
    ]);
  });

  it('watches a kiosk commissioned later from its commissioning on, not before', async () => {
    const time = new ManualTime(T0);
    const { events } = setUp([{ id: 'K-1', siteId: 's', commissionedAt: '2026-11-02T15:03:00.000Z' }], time);
    // The grace runs out before commissioning; the check is re-armed for commissioning + the offline limit.
    await time.advance(GRACE_MS + 60_000 + OFFLINE_AFTER_MS - 1);
    expect(detections(events)).toEqual([]);
    await time.advance(1);
    expect(detections(events)).toEqual([expect.objectContaining({ kioskId: 'K-1', at: '2026-11-02T15:04:00.000Z' })]);
  });

  it('never dates a silence before the server started watching', async () => {
    const time = new ManualTime(T0);
    const first = setUp([{ id: 'K-1', siteId: 's' }], time);
    first.monitor.recordHeartbeat('K-1', heartbeat('K-1'));
    first.monitor.stop();
    // The server is down for ten minutes; the kiosk never comes back.
    await time.advance(600_000);
    const restartedAt = time.now().toISOString();
    const second = setUp([{ id: 'K-1', siteId: 's' }], time, first.dir);
    await time.advance(GRACE_MS);
    const [fault] = detections(second.events).filter((e) => e.component === 'network');
    expect(fault?.since).toBe(restartedAt);
  });

  it('stamps fault events in order even when the wall clock steps back', () => {
    const time = new ManualTime(T0);
    const { events, monitor } = setUp([{ id: 'K-1', siteId: 's' }], time);
    monitor.recordHeartbeat('K-1', {
      ...heartbeat('K-1'),
      devices: { printer: { state: 'fault', code: 'PRINTER_PAPER_END' } },
    });
    time.setTime(Date.parse(T0) - 5_000);
    monitor.recordHeartbeat('K-1', { ...heartbeat('K-1'), devices: { printer: { state: 'ok' } } });
    const [detected, cleared] = events.all();
    expect(detected?.type).toBe('fault.detected');
    expect(cleared?.type).toBe('fault.cleared');
    expect(Date.parse(cleared!.at)).toBeGreaterThanOrEqual(Date.parse(detected!.at));
  });

  it('writes live state behind on the flush interval, only what changed, and all of it on stop', async () => {
    const time = new ManualTime(T0);
    const { store, monitor } = setUp(
      [
        { id: 'K-1', siteId: 's' },
        { id: 'K-2', siteId: 's' },
      ],
      time,
    );
    monitor.recordHeartbeat('K-1', heartbeat('K-1'));
    await time.advance(FLUSH_MS - 1);
    expect(store.all().size).toBe(0);
    await time.advance(1);
    expect([...store.all().keys()]).toEqual(['K-1']);
    expect(store.all().get('K-1')?.lastHeartbeatAt?.toISOString()).toBe(T0);
    monitor.recordHeartbeat('K-2', heartbeat('K-2'));
    monitor.stop();
    expect([...store.all().keys()].sort()).toEqual(['K-1', 'K-2']);
  });

  it('tells change listeners what changed a kiosk, and not heartbeats that change only the time', async () => {
    const time = new ManualTime(T0);
    const { monitor, events } = setUp([{ id: 'K-1', siteId: 's' }], time);
    const changes: string[] = [];
    const unsubscribe = monitor.onChange((kioskId, reason) => changes.push(`${kioskId} ${reason}`));
    const beat = (devices: Heartbeat['devices'], mode: Heartbeat['mode'] = 'in-service') =>
      monitor.recordHeartbeat('K-1', { ...heartbeat('K-1'), mode, devices });

    beat({ printer: { state: 'ok', checkedAt: T0 } });
    expect(changes).toEqual(['K-1 heartbeat']); // unreachable → reachable
    changes.length = 0;
    await time.advance(1_000);
    beat({ printer: { state: 'ok', checkedAt: time.now().toISOString() } });
    expect(changes).toEqual([]); // only the time moved
    beat({ printer: { state: 'fault', code: 'PRINTER_PAPER_END' } });
    expect(changes).toEqual(['K-1 event', 'K-1 heartbeat']); // the fault event, then the device change
    changes.length = 0;
    beat({ printer: { state: 'fault', code: 'PRINTER_PAPER_END' } }, 'out-of-service');
    expect(changes).toEqual(['K-1 heartbeat']);
    changes.length = 0;
    monitor.recordHello('K-1', { protocolVersion: 1, kioskId: 'K-1', softwareVersion: '1.2.3', bootId: 'b' });
    monitor.recordHello('K-1', { protocolVersion: 1, kioskId: 'K-1', softwareVersion: '1.2.3', bootId: 'b' });
    expect(changes).toEqual(['K-1 hello']);
    changes.length = 0;
    await time.advance(OFFLINE_AFTER_MS);
    expect(changes).toEqual(['K-1 event', 'K-1 offline']);
    expect(events.all().at(-1)).toMatchObject({ type: 'fault.detected', component: 'network' });
    unsubscribe();
    beat({});
    expect(changes).toEqual(['K-1 event', 'K-1 offline']);
  });

  it('keeps recording heartbeats when a change listener throws', () => {
    const time = new ManualTime(T0);
    const { monitor } = setUp([{ id: 'K-1', siteId: 's' }], time);
    monitor.onChange(() => {
      throw new Error('listener bug');
    });
    monitor.recordHeartbeat('K-1', heartbeat('K-1'));
    expect(monitor.view('K-1', () => false)?.status).toBe('online');
  });
});
