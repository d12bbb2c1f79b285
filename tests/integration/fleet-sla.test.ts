// The SLA routes on the real fleet server: planned maintenance by role, shown in the live status; the
// fleet's own fault events reach the live view and the report. The fleet runs on manual time, so a window
// an hour ahead is entered and left by moving its clock, not by waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import { KioskRuntime, SimulatedDeviceBoard } from '@guichet/kiosk';
import { eventually } from '@guichet/shared/test-support/eventually';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { api, startFleet, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';

let server: FleetServer;
let runtime: KioskRuntime;
let technician: string;
let ministry: string;
const time = new ManualTime('2026-11-02T15:00:00.000Z');
const startedAt = time.now();
const HOUR = 3_600_000;

beforeAll(async () => {
  const dir = tempDir('fleetsla');
  server = await startFleet(
    // The start-up grace is shorter than the offline limit: advancing past it faults the silent K-002 while
    // K-001, heartbeating, stays online.
    testFleetConfig(dir, writeSitesFile(dir, 2), { offlineAfterMs: 600, startupGraceMs: 300 }),
    pino({ level: 'silent' }),
    { clock: time, timers: time },
  );
  technician = server.tokens.issue('technician', 'tech-1', new Date());
  ministry = server.tokens.issue('analyst', 'transportation-analyst', new Date(), { ministry: 'transportation' });
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
  await eventually('K-001 online', () => server.monitor.view('K-001', () => false)?.status === 'online');
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
    const start = new Date(time.now().getTime() + HOUR);
    const end = new Date(start.getTime() + HOUR);
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
        start: new Date(time.now().getTime() - 60_000).toISOString(),
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
    expect(await status('K-001')).toBe('online');
    // The clock is set, not advanced: no offline check falls due on the way, as if the kiosk had kept
    // heartbeating all along.
    time.setTime(start.getTime() - 1);
    expect(await status('K-001')).toBe('online');
    time.setTime(start);
    expect(await status('K-001')).toBe('maintenance');
    time.setTime(end.getTime() - 1);
    expect(await status('K-001')).toBe('maintenance');
    time.setTime(end);
    expect(await status('K-001')).toBe('online');
    const events = server.events.all().filter((e) => e.type.startsWith('maintenance.'));
    expect(events.map((e) => e.type)).toEqual(['maintenance.started', 'maintenance.ended']);
  });

  it('reports the never-connected kiosk as an open incident, live and in the month report', async () => {
    await time.advance(300);
    expect(
      server.events
        .all()
        .filter((e) => e.type === 'fault.detected')
        .map((e) => e.kioskId),
    ).toEqual(['K-002']);
    const now = await api<{ openIncidents?: Array<{ kioskId: string }>; incidents?: Array<{ kioskId: string }> }>(
      server,
      '/api/v1/sla/now',
      { token: ministry },
    );
    expect(now.status).toBe(200);
    expect(JSON.stringify(now.body)).toContain('K-002');
    const to = new Date(time.now().getTime() + HOUR).toISOString();
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
