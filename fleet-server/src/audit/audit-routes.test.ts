// GET /audit over real HTTP: admins only; filters and cursor paging from the query string; a bad query refused.
// The maintenance routes record plans and cancellations into the same log, with the request's peer address.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../storage/database';
import { EventLog } from '../storage/event-log';
import { MaintenanceStore, maintenanceRoutes } from '../incidents/maintenance';
import { startRouteTestApp, type RouteTestApp } from '../test-support/route-test-app';
import { AuditLog, type AuditEntry } from './audit-log';
import { auditRoutes } from './audit-routes';

let db: Db;
let app: RouteTestApp;
let store: MaintenanceStore;
const now = new Date('2026-11-20T15:00:00.000Z');

beforeAll(async () => {
  db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-audit-routes-')));
  const audit = new AuditLog(db, () => now);
  store = new MaintenanceStore(new EventLog(db));
  store.start();
  app = await startRouteTestApp([
    ...auditRoutes({ audit }),
    ...maintenanceRoutes({ now: () => now, kioskExists: (id) => id === 'K-001', store, audit }),
  ]);
});

afterAll(async () => {
  await app.close();
  store.stop();
  db.close();
});

async function call<T>(method: string, pathname: string, role: string, body?: unknown) {
  const res = await fetch(`${app.base}${pathname}`, {
    method,
    headers: { 'x-test-role': role, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

type Page = { entries: AuditEntry[]; nextCursor: number | null };

describe('GET /audit', () => {
  it('records maintenance plans and cancellations with actor, role and address, and shows them to admins only', async () => {
    const window = { start: '2026-11-21T10:00:00Z', end: '2026-11-21T11:00:00Z', reason: 'printer swap' };
    const planned = await call<{ maintenanceId: string }>('POST', '/kiosks/K-001/maintenance', 'technician', window);
    expect(planned.status).toBe(201);
    await call('POST', '/kiosks/K-001/maintenance', 'technician', { ...window, start: '2026-11-19T10:00:00Z' }); // refused
    const cancelled = await call('DELETE', `/kiosks/K-001/maintenance/${planned.body.maintenanceId}`, 'admin');
    expect(cancelled.status).toBe(200);

    expect((await call('GET', '/audit', 'technician')).status).toBe(403);
    expect((await call('GET', '/audit', 'analyst')).status).toBe(403);
    const page = await call<Page>('GET', '/audit', 'admin');
    expect(page.body.entries.map((e) => [e.actor, e.role, e.action, e.target, e.details])).toEqual([
      ['test-admin', 'admin', 'maintenance.cancel', 'K-001', { maintenanceId: planned.body.maintenanceId }],
      [
        'test-technician',
        'technician',
        'maintenance.plan',
        'K-001',
        {
          maintenanceId: planned.body.maintenanceId,
          start: '2026-11-21T10:00:00.000Z',
          end: '2026-11-21T11:00:00.000Z',
        },
      ],
    ]);
    for (const entry of page.body.entries) expect(entry.address).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it('filters and pages from the query string, and refuses a bad one', async () => {
    const first = await call<Page>('GET', '/audit?limit=1', 'admin');
    expect(first.body.entries.map((e) => e.action)).toEqual(['maintenance.cancel']);
    const next = await call<Page>('GET', `/audit?limit=1&cursor=${first.body.nextCursor}`, 'admin');
    expect([next.body.entries.map((e) => e.action), next.body.nextCursor]).toEqual([['maintenance.plan'], null]);
    const byActor = await call<Page>('GET', '/audit?actor=test-technician', 'admin');
    expect(byActor.body.entries.map((e) => e.action)).toEqual(['maintenance.plan']);
    const later = await call<Page>('GET', '/audit?from=2026-11-20T15:00:01Z', 'admin');
    expect(later.body.entries).toEqual([]);
    expect((await call('GET', '/audit?limit=0', 'admin')).status).toBe(400);
    expect((await call('GET', '/audit?from=yesterday', 'admin')).status).toBe(400);
  });
});
