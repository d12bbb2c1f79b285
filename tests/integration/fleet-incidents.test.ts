// Incidents on a real fleet server with a real kiosk over socket.io: a printer fault opens an incident on the SLA
// engine's clock, a technician acknowledges it, a resolve is refused while the kiosk reports the fault and accepted
// once it cleared; paper near-end opens a restock task; the audit log holds every human action with its actor and
// address. The server runs on manual time so the repair clock moves by minutes without waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import type { IncidentChange } from '@guichet/fleet-server/incidents/change-notifier';
import { KioskRuntime, SimulatedDeviceBoard } from '@guichet/kiosk';
import { eventually } from '@guichet/shared/test-support/eventually';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { api, startFleet, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';

interface Incident {
  incidentId: string;
  status: string;
  components: string[];
  repairSecondsUsed: number;
  acknowledgedBy: string | null;
  resolvedBy: string | null;
}
interface AuditPage {
  entries: Array<{ actor: string; role: string; action: string; target: string; address: string | null }>;
}

let server: FleetServer;
let runtime: KioskRuntime;
let technician: string;
const devices = new SimulatedDeviceBoard();
const time = new ManualTime('2026-11-02T15:00:00.000Z');
const changes: IncidentChange[] = [];
const MINUTE = 60_000;

beforeAll(async () => {
  const dir = tempDir('fleetincidents');
  server = await startFleet(
    // Offline limits far beyond the minutes this test moves the clock by: only the printer faults the kiosk.
    testFleetConfig(dir, writeSitesFile(dir, 1), { offlineAfterMs: 3_600_000, startupGraceMs: 3_600_000 }),
    pino({ level: 'silent' }),
    { clock: time, timers: time },
  );
  server.incidents.onChange((change) => changes.push(change));
  const issued = await api<{ token: string }>(server, '/api/v1/tokens', {
    method: 'POST',
    body: JSON.stringify({ role: 'technician', subject: 'tech-1' }),
  });
  technician = issued.body.token;
  runtime = new KioskRuntime({
    kioskId: 'K-001',
    credential: server.credentials.issue('K-001', new Date()),
    fleetUrl: server.url,
    dataDir: `${dir}/kiosk`,
    heartbeatIntervalMs: 150,
    devices,
    log: pino({ level: 'silent' }),
  });
  runtime.start();
  await eventually('K-001 online', () => server.monitor.view('K-001', () => false)?.status === 'online');
});

afterAll(async () => {
  await runtime?.stop();
  await server?.stop();
});

const incidents = async (query = '') =>
  (await api<{ incidents: Incident[] }>(server, `/api/v1/incidents${query}`, { token: technician })).body.incidents;

describe('incidents on the fleet server', () => {
  it('opens an incident from a printer fault, and refuses its resolve until the fault clears', async () => {
    devices.set('printer', { state: 'fault', code: 'PRINTER_PAPER_END' });
    await eventually('incident open', async () => (await incidents()).length === 1);
    expect(changes).toContainEqual({ kind: 'faults', kioskId: 'K-001' });
    const [opened] = await incidents();
    const detectedAt = server.events.all().find((e) => e.type === 'fault.detected')!.at;
    expect(opened).toMatchObject({
      incidentId: `K-001-${Date.parse(detectedAt)}`,
      status: 'open',
      components: ['printer'],
      repairSecondsUsed: 0,
    });
    await time.advance(10 * MINUTE);
    expect((await incidents())[0]!.repairSecondsUsed).toBe(600);

    const id = opened!.incidentId;
    const ack = await api<Incident>(server, `/api/v1/incidents/${id}/acknowledge`, {
      method: 'POST',
      token: technician,
    });
    expect([ack.status, ack.body.acknowledgedBy]).toEqual([200, 'tech-1']);
    expect(server.incidents.isAcknowledged(id)).toBe(true);

    const refused = await api<{ error: { code: string } }>(server, `/api/v1/incidents/${id}/resolve`, {
      method: 'POST',
      token: technician,
      body: JSON.stringify({ resolution: 'replaced the paper roll' }),
    });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'INCIDENT_STILL_FAULTED']);

    devices.set('printer', { state: 'ok' });
    await eventually('incident repaired', async () => (await incidents())[0]?.status === 'repaired');
    const resolved = await api<Incident>(server, `/api/v1/incidents/${id}/resolve`, {
      method: 'POST',
      token: technician,
      body: JSON.stringify({ resolution: 'replaced the paper roll' }),
    });
    expect([resolved.status, resolved.body.status, resolved.body.resolvedBy]).toEqual([200, 'resolved', 'tech-1']);
    expect(await incidents()).toEqual([]);
  });

  it('opens a restock task on paper near-end and closes it when paper is back', async () => {
    devices.set('printer', { state: 'warning', code: 'PRINTER_PAPER_NEAR_END' });
    const open = async () =>
      (await api<{ tasks: Array<{ kioskId: string; status: string }> }>(server, '/api/v1/tasks', { token: technician }))
        .body.tasks;
    await eventually('restock task open', async () => (await open()).length === 1);
    expect((await open())[0]).toMatchObject({ kioskId: 'K-001', status: 'open' });
    // Near-end is a warning: the kiosk still serves, so no SLA incident.
    expect(await incidents()).toEqual([]);
    devices.set('printer', { state: 'ok' });
    await eventually('restock task closed', async () => (await open()).length === 0);
  });

  it('records every human action in the audit log with actor, role and address; admins only read it', async () => {
    const target = await api(server, '/api/v1/kiosks/K-001/target-state', {
      method: 'PUT',
      token: technician,
      body: JSON.stringify({ mode: 'out-of-service', reason: 'printer check' }),
    });
    expect(target.status).toBe(200);
    const start = new Date(time.now().getTime() + 60 * MINUTE);
    const planned = await api(server, '/api/v1/kiosks/K-001/maintenance', {
      method: 'POST',
      token: technician,
      body: JSON.stringify({
        start: start.toISOString(),
        end: new Date(start.getTime() + 60 * MINUTE).toISOString(),
        reason: 'printer swap',
      }),
    });
    expect(planned.status).toBe(201);
    expect((await api(server, '/api/v1/audit', { token: technician })).status).toBe(403);
    const page = await api<AuditPage>(server, '/api/v1/audit');
    expect(page.status).toBe(200);
    const entries = page.body.entries.reverse();
    expect(entries.map((e) => [e.actor, e.role, e.action])).toEqual([
      ['bootstrap-admin', 'admin', 'token.issue'],
      ['tech-1', 'technician', 'incident.acknowledge'],
      ['tech-1', 'technician', 'incident.resolve'],
      ['tech-1', 'technician', 'kiosk.target-state'],
      ['tech-1', 'technician', 'maintenance.plan'],
    ]);
    for (const entry of entries) expect(entry.address).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    const mine = await api<AuditPage>(server, '/api/v1/audit?actor=tech-1&action=incident.resolve');
    expect(mine.body.entries).toHaveLength(1);
  });
});
