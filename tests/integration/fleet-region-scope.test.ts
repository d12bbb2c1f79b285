// One scope rule across the fleet API, on a real server: a technician bound to a region sees and acts on that
// region's kiosks only — the kiosk list is filtered, and another region's kiosk is absent (404) for its page, its
// target state and its maintenance — while an unbound technician and an analyst see the whole fleet.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import { api, startFleet, tempDir, testFleetConfig } from '../support/fleet-harness';

let server: FleetServer;
const tokens: Record<string, string> = {};

function writeSites(dir: string): string {
  const day = [['00:00', '24:00']];
  const hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
  const site = (id: string, region: string) => ({ id, timezone: 'America/Toronto', region, hours });
  const file = {
    sites: [site('site-toronto', 'toronto'), site('site-ottawa', 'eastern')],
    kiosks: [
      { id: 'K-001', siteId: 'site-toronto' },
      { id: 'K-002', siteId: 'site-ottawa' },
    ],
  };
  const filePath = path.join(dir, 'sites.json');
  fs.writeFileSync(filePath, JSON.stringify(file));
  return filePath;
}

beforeAll(async () => {
  const dir = tempDir('region-scope');
  server = await startFleet(testFleetConfig(dir, writeSites(dir)), pino({ level: 'silent' }));
  const now = new Date();
  tokens.toronto = server.tokens.issue('technician', 'tech-toronto', now, { region: 'toronto' });
  tokens.unbound = server.tokens.issue('technician', 'tech-anywhere', now);
  tokens.analyst = server.tokens.issue('analyst', 'analyst-mto', now, { ministry: 'transportation' });
});

afterAll(async () => {
  await server?.stop();
});

const ids = (body: unknown) => (body as { kiosks: Array<{ id: string }> }).kiosks.map((k) => k.id);

describe('region scope', () => {
  it('filters the kiosk list for a region-bound technician only', async () => {
    expect(ids((await api(server, '/api/v1/kiosks', { token: tokens.toronto })).body)).toEqual(['K-001']);
    expect(ids((await api(server, '/api/v1/kiosks', { token: tokens.unbound })).body)).toEqual(['K-001', 'K-002']);
    expect(ids((await api(server, '/api/v1/kiosks', { token: tokens.analyst })).body)).toEqual(['K-001', 'K-002']);
  });

  it("answers another region's kiosk as absent, and changes nothing there", async () => {
    expect((await api(server, '/api/v1/kiosks/K-001', { token: tokens.toronto })).status).toBe(200);
    expect((await api(server, '/api/v1/kiosks/K-002', { token: tokens.toronto })).status).toBe(404);
    expect((await api(server, '/api/v1/kiosks/K-002', { token: tokens.unbound })).status).toBe(200);

    const outOfService = { method: 'PUT', body: JSON.stringify({ mode: 'out-of-service' }) };
    expect(
      (await api(server, '/api/v1/kiosks/K-002/target-state', { ...outOfService, token: tokens.toronto })).status,
    ).toBe(404);
    expect(server.targets.get('K-002').mode).toBe('in-service');

    const start = new Date(Date.now() + 3_600_000);
    const window = {
      method: 'POST',
      body: JSON.stringify({
        start: start.toISOString(),
        end: new Date(start.getTime() + 3_600_000).toISOString(),
        reason: 'screen swap',
      }),
    };
    expect((await api(server, '/api/v1/kiosks/K-002/maintenance', { ...window, token: tokens.toronto })).status).toBe(
      404,
    );
    expect(server.maintenance.forKiosk('K-002')).toEqual([]);
    expect((await api(server, '/api/v1/kiosks/K-001/maintenance', { ...window, token: tokens.toronto })).status).toBe(
      201,
    );
  });
});
