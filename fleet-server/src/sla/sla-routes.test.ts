// The SLA router over real HTTP (docs/sla.md "Fleet API" and formats), with in-memory deps and the real CLI:
// the exported sites and events, fed to `guichet sla`, give the API's report exactly.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { createSlaRouter } from './sla-routes';
import { parseEventsJsonl, parseSitesFile } from './parse-inputs';
import { REPO_ROOT, runGuichet } from './run-guichet';

const ROOT = REPO_ROOT;
const SEED1 = join(ROOT, 'tests/fixtures/sla/nov-2026-seed1');
const sites = parseSitesFile(readFileSync(join(SEED1, 'sites.json'), 'utf8'), 'sites.json');
const log: FleetEvent[] = parseEventsJsonl(readFileSync(join(SEED1, 'events.jsonl'), 'utf8'), 'events.jsonl');
const NOW = new Date('2026-11-20T15:00:00.000Z');
const scratch = mkdtempSync(join(tmpdir(), 'guichet-sla-http-'));

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  // Stands in for the fleet server's auth middleware: the role comes from a test header.
  app.use((req, res, next) => {
    const role = req.header('x-test-role');
    if (role) res.locals.auth = { role, subject: `test-${role}` };
    next();
  });
  app.use(
    '/api/v1',
    createSlaRouter({
      now: () => NOW,
      sitesFile: () => sites,
      events: () => log,
      appendEvents: (events) => log.push(...events),
    }),
  );
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(scratch, { recursive: true, force: true });
});

function get(path: string, role = 'ministry'): Promise<Response> {
  return fetch(`${base}${path}`, { headers: { 'x-test-role': role } });
}

function post(path: string, body: unknown, role = 'technician'): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'x-test-role': role, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('SLA API', () => {
  it('exports sites and a period of events that the command turns into the API report, exactly', async () => {
    const from = '2026-11-10T05:00:00.000Z';
    const to = '2026-11-17T05:00:00.000Z';
    const sitesResponse = await get('/sla/sites');
    const eventsResponse = await get(`/sla/events?from=${from}&to=${to}`);
    expect(eventsResponse.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const eventsText = await eventsResponse.text();
    const exported = eventsText.trim().split('\n');
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.length).toBeLessThan(log.length);
    writeFileSync(join(scratch, 'sites.json'), await sitesResponse.text());
    writeFileSync(join(scratch, 'events.jsonl'), eventsText);

    const query = `from=${from}&to=${to}&clock=wall&threshold=0.95&repairMinutes=90`;
    const api = await (await get(`/sla/report?${query}`)).json();
    const cli = await runGuichet([
      'sla',
      '--sites',
      join(scratch, 'sites.json'),
      '--events',
      join(scratch, 'events.jsonl'),
      '--from',
      from,
      '--to',
      to,
      '--clock',
      'wall',
      '--threshold',
      '0.95',
      '--repair-minutes',
      '90',
    ]);
    expect(cli.stderr).toBe('');
    expect(JSON.parse(cli.stdout)).toEqual(api);
    expect((api as { incidents: unknown[] }).incidents.length).toBeGreaterThan(0);
  });

  it('answers bad report parameters with 400 and a coded error', async () => {
    const reversed = await get('/sla/report?from=2026-11-10T00:00:00Z&to=2026-11-01T00:00:00Z');
    expect(reversed.status).toBe(400);
    expect(await reversed.json()).toMatchObject({ error: { code: 'SLA_BAD_PERIOD' } });
    const clock = await get('/sla/report?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&clock=sundial');
    expect(clock.status).toBe(400);
    expect(await clock.json()).toMatchObject({
      error: { code: 'SLA_BAD_OPTION', message: expect.stringContaining('clock') as unknown },
    });
    expect((await get('/sla/report?from=yesterday&to=2026-11-02T00:00:00Z')).status).toBe(400);
    const events = await get('/sla/events?from=2026-11-10T00:00:00Z');
    expect(events.status).toBe(400);
    expect(await events.json()).toMatchObject({
      error: { code: 'SLA_BAD_PERIOD', message: expect.stringContaining('to:') as unknown },
    });
  });

  it('lets a kiosk read nothing and only admins and technicians plan maintenance', async () => {
    expect((await get('/sla/report?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z', 'kiosk')).status).toBe(403);
    const ministry = await post(
      '/kiosks/K-001/maintenance',
      { start: '2026-11-21T10:00:00Z', end: '2026-11-21T11:00:00Z', reason: 'printer swap' },
      'ministry',
    );
    expect(ministry.status).toBe(403);
  });

  it('plans a maintenance window: 201 with its id, and both events in the log', async () => {
    const before = log.length;
    const response = await post(
      '/kiosks/K-002/maintenance',
      { start: '2026-11-21T10:00:00Z', end: '2026-11-21T11:30:00Z', reason: 'printer swap' },
      'admin',
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { maintenanceId: string };
    expect(body.maintenanceId).toMatch(/^M-/);
    expect(log.slice(before)).toEqual([
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
  });

  it('refuses windows in the past, backwards, or on unknown kiosks', async () => {
    const before = log.length;
    const past = await post('/kiosks/K-001/maintenance', {
      start: '2026-11-20T14:00:00Z',
      end: '2026-11-20T16:00:00Z',
      reason: 'late excuse',
    });
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({
      error: {
        code: 'MAINTENANCE_IN_PAST',
        message: expect.stringContaining('cannot be excused retroactively') as unknown,
      },
    });
    const backwards = await post('/kiosks/K-001/maintenance', {
      start: '2026-11-21T14:00:00Z',
      end: '2026-11-21T14:00:00Z',
      reason: 'x',
    });
    expect(backwards.status).toBe(400);
    expect(
      (
        await post('/kiosks/K-404/maintenance', {
          start: '2026-11-21T14:00:00Z',
          end: '2026-11-21T15:00:00Z',
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await post('/kiosks/K-001/maintenance', { start: 'soon' })).status).toBe(400);
    expect(log.length).toBe(before);
  });

  it('shows the live view at the deps clock', async () => {
    const response = await get('/sla/now', 'technician');
    expect(response.status).toBe(200);
    const view = (await response.json()) as {
      at: string;
      scheduledKiosks: number;
      openIncidents: { repairSecondsUsed: number; repairSecondsLeft: number }[];
    };
    expect(view.at).toBe(NOW.toISOString());
    expect(view.scheduledKiosks).toBeGreaterThan(0);
    for (const incident of view.openIncidents)
      expect(incident.repairSecondsLeft).toBe(Math.max(0, 7200 - incident.repairSecondsUsed));
  });
});
