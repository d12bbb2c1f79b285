// The SLA routes on the real fleet server: planned maintenance by role, shown in the live status; the
// fleet's own fault events reach the live view and the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import { KioskRuntime, SimulatedDeviceBoard } from '@guichet/kiosk';
import { api, startFleet, tempDir, testFleetConfig, waitFor, writeSitesFile } from '../support/fleet-harness';

let server: FleetServer;
let runtime: KioskRuntime;
let technician: string;
let ministry: string;
const startedAt = new Date();

beforeAll(async () => {
  const dir = tempDir('fleetsla');
  server = await startFleet(
    testFleetConfig(dir, writeSitesFile(dir, 2), { offlineAfterMs: 600 }),
    pino({ level: 'silent' }),
  );
  technician = server.tokens.issue('technician', 'tech-1', new Date());
  ministry = server.tokens.issue('ministry', 'transportation', new Date());
  runtime = new KioskRuntime({
    kioskId: 'K-001',
    credential: server.credentials.issue('K-001', new Date()),
    fleetUrl: server.url,
    dataDir: `${dir}/kiosk`,
    heartbeatIntervalMs: 150,
    devices: new SimulatedDeviceBoard(),
    log: pino({ level: 'silent' }),
  });
  runtime.start();
  await waitFor('K-001 online', () => server.monitor.view('K-001', () => false)?.status === 'online');
});

afterAll(async () => {
  await runtime?.stop();
  await server?.stop();
});

const status = async (id: string) =>
  (await api<{ kiosks: Array<{ id: string; status: string }> }>(server, '/api/v1/kiosks')).body.kiosks.find(
    (k) => k.id === id,
  )!.status;

describe('SLA on the fleet server', () => {
  it('lets a technician plan maintenance, refuses a ministry and the past, and shows the window live', async () => {
    const start = new Date(Date.now() + 1_500);
    const end = new Date(start.getTime() + 1_500);
    const body = JSON.stringify({
      start: start.toISOString(),
      end: end.toISOString(),
      reason: 'replace receipt printer',
    });
    expect(
      (await api(server, '/api/v1/kiosks/K-001/maintenance', { method: 'POST', body, token: ministry })).status,
    ).toBe(403);
    const past = await api<{ error: { code: string } }>(server, '/api/v1/kiosks/K-001/maintenance', {
      method: 'POST',
      token: technician,
      body: JSON.stringify({
        start: new Date(Date.now() - 60_000).toISOString(),
        end: end.toISOString(),
        reason: 'oops',
      }),
    });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('MAINTENANCE_IN_PAST');
    const planned = await api<{ maintenanceId: string }>(server, '/api/v1/kiosks/K-001/maintenance', {
      method: 'POST',
      body,
      token: technician,
    });
    expect(planned.status).toBe(201);
    if (Date.now() < start.getTime() - 200) expect(await status('K-001')).toBe('online');
    await waitFor('in maintenance', async () => (await status('K-001')) === 'maintenance', 5_000);
    await waitFor('back online', async () => (await status('K-001')) === 'online', 5_000);
    const events = server.events.all().filter((e) => e.type.startsWith('maintenance.'));
    expect(events.map((e) => e.type)).toEqual(['maintenance.started', 'maintenance.ended']);
  });

  it('reports the never-connected kiosk as an open incident, live and in the month report', async () => {
    await waitFor('K-002 faulted', () =>
      server.events.all().some((e) => e.kioskId === 'K-002' && e.type === 'fault.detected'),
    );
    const now = await api<{ openIncidents?: Array<{ kioskId: string }>; incidents?: Array<{ kioskId: string }> }>(
      server,
      '/api/v1/sla/now',
      { token: ministry },
    );
    expect(now.status).toBe(200);
    expect(JSON.stringify(now.body)).toContain('K-002');
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const report = await api<{
      incidents: Array<{ kioskId: string; repairedAt: string | null; components: string[] }>;
    }>(server, `/api/v1/sla/report?from=${startedAt.toISOString()}&to=${to}&clock=wall`, { token: technician });
    expect(report.status).toBe(200);
    const incident = report.body.incidents.find((i) => i.kioskId === 'K-002');
    expect(incident).toMatchObject({ repairedAt: null, components: ['network'] });
    const bad = await api<{ error: { code: string } }>(
      server,
      `/api/v1/sla/report?from=${to}&to=${startedAt.toISOString()}`,
      { token: technician },
    );
    expect(bad.status).toBe(400);
    // A reader cannot tie up the server with a report over centuries.
    const huge = await api<{ error: { code: string } }>(
      server,
      '/api/v1/sla/report?from=1000-01-01T00:00:00Z&to=9999-01-01T00:00:00Z',
      { token: ministry },
    );
    expect(huge.status).toBe(400);
    expect(huge.body.error.code).toBe('SLA_PERIOD_TOO_LONG');
    const year = await api(server, '/api/v1/sla/report?from=2026-01-01T05:00:00Z&to=2027-01-01T05:00:00Z', {
      token: ministry,
    });
    expect(year.status).toBe(200);
  });
});
