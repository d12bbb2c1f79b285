// POST /kiosks/:id/maintenance and DELETE /kiosks/:id/maintenance/:maintenanceId over real HTTP on the real store
// (event log in a temporary SQLite file): who may plan and cancel, what each writes (with who did it), what the SLA
// engine then reads, and every refusal changing nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../storage/database';
import { EventLog } from '../../storage/event-log';
import { maintenanceTime, resolveTimelines } from '../../sla/kiosk-timelines';
import { maintenanceRoutes } from './maintenance-routes';
import { startRouteTestApp, type RouteTestApp } from '../../test-support/route-test-app';
import { MaintenanceStore } from './maintenance-store';

const NOW = new Date('2026-11-20T15:00:00.000Z');
// The routes' clock: tests that cancel move it, and put it back.
let now = NOW;
const KIOSKS = new Set(['K-001', 'K-002']);
let db: Db;
let events: EventLog;
let store: MaintenanceStore;
let app: RouteTestApp;
let base: string;

beforeAll(async () => {
  db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-maintenance-')));
  events = new EventLog(db);
  store = new MaintenanceStore(events);
  store.start();
  app = await startRouteTestApp(maintenanceRoutes({ now: () => now, kioskExists: (id) => KIOSKS.has(id), store }));
  base = app.base;
});

afterAll(async () => {
  await app.close();
  store.stop();
  db.close();
});

function cancel(kioskId: string, maintenanceId: string, role = 'technician'): Promise<Response> {
  return fetch(`${base}/kiosks/${kioskId}/maintenance/${maintenanceId}`, {
    method: 'DELETE',
    headers: { 'x-test-role': role },
  });
}

/** The maintenance the SLA engine reads for a kiosk from the whole log, as [start, end) ISO pairs. */
function engineWindows(kioskId: string): string[][] {
  const timeline = resolveTimelines(events.all(), [kioskId]).get(kioskId)!;
  return maintenanceTime(timeline).map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()]);
}

function post(kioskId: string, body: unknown, role = 'technician'): Promise<Response> {
  return fetch(`${base}/kiosks/${kioskId}/maintenance`, {
    method: 'POST',
    headers: { 'x-test-role': role, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('maintenance API', () => {
  it('lets only admins and technicians plan', async () => {
    const window = { start: '2026-11-21T10:00:00Z', end: '2026-11-21T11:00:00Z', reason: 'printer swap' };
    expect((await post('K-001', window, 'analyst')).status).toBe(403);
    expect((await post('K-001', window, 'kiosk')).status).toBe(401); // not a person's role: no principal at all
    expect(events.all()).toEqual([]);
  });

  it('plans a maintenance window: 201 with its id, both events in the log, the kiosk in maintenance inside it', async () => {
    const before = events.all().length;
    const response = await post(
      'K-002',
      { start: '2026-11-21T10:00:00Z', end: '2026-11-21T11:30:00Z', reason: 'printer swap' },
      'admin',
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { maintenanceId: string };
    expect(body).toEqual({
      maintenanceId: expect.stringMatching(/^M-/) as unknown,
      kioskId: 'K-002',
      start: '2026-11-21T10:00:00.000Z',
      end: '2026-11-21T11:30:00.000Z',
      reason: 'printer swap',
      plannedBy: 'test-admin',
      cancelledBy: null,
    });
    expect(events.all().slice(before)).toEqual([
      {
        at: '2026-11-21T10:00:00.000Z',
        kioskId: 'K-002',
        type: 'maintenance.started',
        maintenanceId: body.maintenanceId,
        reason: 'printer swap',
        plannedBy: 'test-admin',
      },
      {
        at: '2026-11-21T11:30:00.000Z',
        kioskId: 'K-002',
        type: 'maintenance.ended',
        maintenanceId: body.maintenanceId,
      },
    ]);
    expect(store.isActive('K-002', new Date('2026-11-21T09:59:59.999Z'))).toBe(false);
    expect(store.isActive('K-002', new Date('2026-11-21T10:00:00.000Z'))).toBe(true);
    expect(store.isActive('K-002', new Date('2026-11-21T11:30:00.000Z'))).toBe(false);
    expect(store.isActive('K-001', new Date('2026-11-21T10:30:00.000Z'))).toBe(false);
  });

  it('refuses windows in the past, backwards, malformed or on unknown kiosks, writing nothing', async () => {
    const before = events.all().length;
    const past = await post('K-001', { start: '2026-11-20T14:00:00Z', end: '2026-11-20T16:00:00Z', reason: 'late' });
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({
      error: {
        code: 'MAINTENANCE_IN_PAST',
        message: expect.stringContaining('cannot be excused retroactively') as unknown,
      },
    });
    const backwards = await post('K-001', { start: '2026-11-21T14:00:00Z', end: '2026-11-21T14:00:00Z', reason: 'x' });
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({ error: { code: 'MAINTENANCE_BAD_WINDOW' } });
    const unknown = await post('K-404', { start: '2026-11-21T14:00:00Z', end: '2026-11-21T15:00:00Z', reason: 'x' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'KIOSK_UNKNOWN' } });
    const malformed = await post('K-001', { start: 'soon' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: {
        code: 'MAINTENANCE_BAD_REQUEST',
        message: expect.stringContaining('start: Invalid ISO datetime') as unknown,
      },
    });
    expect(events.all().length).toBe(before);
  });

  it('refuses a window longer than the maximum (no more "until 9999"), writing nothing', async () => {
    const before = events.all().length;
    const res = await post('K-001', { start: '2026-11-21T10:00:00Z', end: '9999-12-31T00:00:00Z', reason: 'forever' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'MAINTENANCE_TOO_LONG' } });
    expect(events.all().length).toBe(before);
  });

  it('cancels a future window so it excuses nothing, and a started one so it ends now, recording who', async () => {
    const plan = async (start: string, end: string) => {
      const res = await post('K-001', { start, end, reason: 'screen swap' });
      expect(res.status).toBe(201);
      return ((await res.json()) as { maintenanceId: string }).maintenanceId;
    };
    const future = await plan('2026-11-23T10:00:00Z', '2026-11-23T12:00:00Z');
    const started = await plan('2026-11-24T10:00:00Z', '2026-11-24T12:00:00Z');
    expect(engineWindows('K-001')).toEqual([
      ['2026-11-23T10:00:00.000Z', '2026-11-23T12:00:00.000Z'],
      ['2026-11-24T10:00:00.000Z', '2026-11-24T12:00:00.000Z'],
    ]);

    const before = events.all().length;
    expect((await cancel('K-001', future, 'analyst')).status).toBe(403);
    expect((await cancel('K-404', future)).status).toBe(404);
    const elsewhere = await cancel('K-002', future);
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toMatchObject({ error: { code: 'MAINTENANCE_UNKNOWN' } });
    expect(events.all().length).toBe(before);

    const cancelled = await cancel('K-001', future);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual({
      maintenanceId: future,
      kioskId: 'K-001',
      start: '2026-11-23T10:00:00.000Z',
      end: '2026-11-23T10:00:00.000Z',
      reason: 'screen swap',
      plannedBy: 'test-technician',
      cancelledBy: 'test-technician',
    });
    expect(events.all().at(-1)).toEqual({
      at: '2026-11-23T10:00:00.000Z',
      kioskId: 'K-001',
      type: 'maintenance.ended',
      maintenanceId: future,
      cancelledBy: 'test-technician',
    });
    expect(store.isActive('K-001', new Date('2026-11-23T10:00:00Z'))).toBe(false);
    expect((await cancel('K-001', future)).status).toBe(409);

    now = new Date('2026-11-24T11:00:00Z');
    try {
      const ended = await cancel('K-001', started, 'admin');
      expect(ended.status).toBe(200);
      expect(await ended.json()).toMatchObject({ end: '2026-11-24T11:00:00.000Z', cancelledBy: 'test-admin' });
      expect(store.isActive('K-001', new Date('2026-11-24T10:59:59.999Z'))).toBe(true);
      expect(store.isActive('K-001', now)).toBe(false);
      // The SLA engine reads the same log by its own rules: the future window is gone, the started one ends now.
      expect(engineWindows('K-001')).toEqual([['2026-11-24T10:00:00.000Z', '2026-11-24T11:00:00.000Z']]);
      // A window already over cannot be changed.
      now = new Date('2026-11-24T13:00:00Z');
      const over = await cancel('K-002', store.forKiosk('K-002')[0]!.maintenanceId);
      expect(over.status).toBe(409);
      expect(await over.json()).toMatchObject({ error: { code: 'MAINTENANCE_OVER' } });
    } finally {
      now = NOW;
    }
  });
});
