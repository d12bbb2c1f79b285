// POST /kiosks/:id/maintenance over real HTTP on the real store (event log in a temporary SQLite file): who may
// plan, what a planned window writes, and every refusal changing nothing.
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../storage/database';
import { EventLog } from '../../storage/event-log';
import { createMaintenanceRouter } from './maintenance-routes';
import { MaintenanceStore } from './maintenance-store';

const NOW = new Date('2026-11-20T15:00:00.000Z');
const KIOSKS = new Set(['K-001', 'K-002']);
let db: Db;
let events: EventLog;
let store: MaintenanceStore;
let server: Server;
let base: string;

beforeAll(async () => {
  db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-maintenance-')));
  events = new EventLog(db);
  store = new MaintenanceStore(events);
  store.start();
  const app = express();
  // Stands in for the fleet server's auth middleware: the role comes from a test header.
  app.use((req, res, next) => {
    const role = req.header('x-test-role');
    if (role) res.locals.auth = { role, subject: `test-${role}` };
    next();
  });
  app.use('/api/v1', createMaintenanceRouter({ now: () => NOW, kioskExists: (id) => KIOSKS.has(id), store }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  store.stop();
  db.close();
});

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
    expect((await post('K-001', window, 'ministry')).status).toBe(403);
    expect((await post('K-001', window, 'kiosk')).status).toBe(403);
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
    });
    expect(events.all().slice(before)).toEqual([
      {
        at: '2026-11-21T10:00:00.000Z',
        kioskId: 'K-002',
        type: 'maintenance.started',
        maintenanceId: body.maintenanceId,
        reason: 'printer swap',
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
        message: expect.stringContaining('expected {start, end, reason}') as unknown,
      },
    });
    expect(events.all().length).toBe(before);
  });
});
