// The SLA router over real HTTP (docs/sla.md formats), with in-memory deps and the `guichet sla` command
// (in-process): the exported sites and events, fed to the command, give the API's report exactly.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { slaRoutes } from './sla-routes';
import { startRouteTestApp, type RouteTestApp } from '../test-support/route-test-app';
import { parseEventsJsonl, parseSitesFile } from './parse-inputs';
import { runSlaCommandInProcess } from '../test-support/run-sla-command';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SEED1 = join(ROOT, 'tests/fixtures/sla/nov-2026-seed1');
const sites = parseSitesFile(readFileSync(join(SEED1, 'sites.json'), 'utf8'), 'sites.json');
const log: FleetEvent[] = parseEventsJsonl(readFileSync(join(SEED1, 'events.jsonl'), 'utf8'), 'events.jsonl');
const NOW = new Date('2026-11-20T15:00:00.000Z');
const scratch = mkdtempSync(join(tmpdir(), 'guichet-sla-http-'));

let app: RouteTestApp;
let base: string;

beforeAll(async () => {
  app = await startRouteTestApp(slaRoutes({ now: () => NOW, sitesFile: () => sites, events: () => log }));
  base = app.base;
});

afterAll(async () => {
  await app.close();
  rmSync(scratch, { recursive: true, force: true });
});

function get(path: string, role = 'analyst'): Promise<Response> {
  return fetch(`${base}${path}`, { headers: { 'x-test-role': role } });
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
    const cli = await runSlaCommandInProcess([
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

  it('lets only people read: no principal, no figures', async () => {
    expect((await get('/sla/report?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z', 'kiosk')).status).toBe(401);
    expect((await get('/sla/now', 'kiosk')).status).toBe(401);
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
