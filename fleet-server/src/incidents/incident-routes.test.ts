// The incidents API over real HTTP on the real service (SQLite file, event log, audit log): the queue by time left,
// scope by region (404 outside it), analysts read only, each action recorded with actor and address, a resolve
// refused while faulted and changing nothing, restock tasks, and a decommissioned kiosk's faults cleared so that
// the SLA report agrees with the incidents.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent, SitesFile } from '@guichet/shared';
import { openDatabase, type Db } from '../storage/database';
import { EventLog } from '../storage/event-log';
import { AuditLog } from '../audit/audit-log';
import { applyFaultEvent, type OpenFaults } from '../telemetry/fault-rules';
import { computeSlaReport } from '../sla/compute-sla-report';
import { ALWAYS } from '../test-support/sla-test-fleet';
import { startRouteTestApp, type RouteTestApp } from '../test-support/route-test-app';
import { IncidentService, type IncidentDetail, type IncidentView } from './incident-service';
import { IncidentStore } from './incident-store';
import { RestockTasks, type RestockTask } from './restock/restock-tasks';
import { incidentRoutes } from './incident-routes';
import type { IncidentChange } from './change-notifier';

const sites: SitesFile = {
  sites: [
    { id: 'site-t', region: 'toronto', timezone: 'America/Toronto', hours: ALWAYS },
    { id: 'site-n', region: 'northern', timezone: 'America/Toronto', hours: ALWAYS },
  ],
  kiosks: [
    { id: 'K-001', siteId: 'site-t' },
    { id: 'K-002', siteId: 'site-t' },
    { id: 'K-003', siteId: 'site-n' },
    { id: 'K-009', siteId: 'site-t', decommissionedAt: '2026-11-20T12:00:00.000Z' },
  ],
};
const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const MIN = 60_000;
let now = new Date(T0 + 60 * MIN);
let db: Db;
let events: EventLog;
let audit: AuditLog;
let tasks: RestockTasks;
let service: IncidentService;
let app: RouteTestApp;
const open = new Map<string, OpenFaults>();
const changes: IncidentChange[] = [];

const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
const id = (kioskId: string, minutes: number) => `${kioskId}-${T0 + minutes * MIN}`;

beforeAll(async () => {
  db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-incidents-')));
  events = new EventLog(db);
  // The fleet monitor's own rule for open faults, following the same log.
  events.onAppend((appended) => appended.forEach((e) => applyFaultEvent(open, e)));
  audit = new AuditLog(db, () => now);
  tasks = new RestockTasks(db, () => now);
  service = new IncidentService({
    db,
    store: new IncidentStore(db),
    tasks,
    audit,
    events,
    sites: () => sites,
    openFaults: (kioskId) =>
      [...(open.get(kioskId) ?? new Map<string, string>())].map(([component, faultId]) => ({ faultId, component })),
    now: () => now,
  });
  service.start();
  service.onChange((change) => changes.push(change));
  const detected = (kioskId: string, minutes: number, faultId: string, component = 'printer'): FleetEvent => ({
    at: at(minutes),
    kioskId,
    type: 'fault.detected',
    faultId,
    component,
  });
  events.append([
    detected('K-001', 0, 'F1'), // 60 min used at now: 60 left
    detected('K-002', 30, 'F2'), // 30 used: 90 left
    detected('K-003', 10, 'F3', 'network'), // northern region
    detected('K-009', -200, 'F9', 'network'), // decommissioned later with the fault still open
  ]);
  app = await startRouteTestApp(incidentRoutes({ incidents: service }));
});

afterAll(async () => {
  await app.close();
  service.stop();
  db.close();
});

async function call<T>(
  method: string,
  pathname: string,
  role: string,
  body?: unknown,
  region?: string,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'x-test-role': role };
  if (region) headers['x-test-region'] = region;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${app.base}${pathname}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const auditCount = () => audit.query({ limit: 500 }).entries.length;

describe('incidents API', () => {
  it('lists the queue by time left, breached first, for every role; a regional technician sees their region only', async () => {
    const all = await call<{ incidents: IncidentView[] }>('GET', '/incidents', 'analyst');
    expect(all.status).toBe(200);
    expect(all.body.incidents.map((i) => [i.incidentId, i.repairSecondsLeft, i.withinSla])).toEqual([
      [id('K-009', -200), 0, false],
      [id('K-001', 0), 3600, null],
      [id('K-003', 10), 4200, null],
      [id('K-002', 30), 5400, null],
    ]);
    expect(all.body.incidents[1]).toMatchObject({
      status: 'open',
      region: 'toronto',
      acknowledgedBy: null,
      clockRunning: true,
    });
    const toronto = await call<{ incidents: IncidentView[] }>('GET', '/incidents', 'technician', undefined, 'toronto');
    expect(toronto.body.incidents.map((i) => i.kioskId)).toEqual(['K-009', 'K-001', 'K-002']);
    const other = await call('GET', `/incidents/${id('K-003', 10)}`, 'technician', undefined, 'toronto');
    expect(other.status).toBe(404);
    expect((await call('GET', `/incidents/${id('K-003', 10)}`, 'technician', undefined, 'northern')).status).toBe(200);
  });

  it('answers 404 for an unknown or malformed incident id', async () => {
    expect((await call('GET', `/incidents/${id('K-001', 1)}`, 'admin')).status).toBe(404);
    expect((await call('GET', '/incidents/K-404-1795123200000', 'admin')).status).toBe(404);
    expect((await call('GET', '/incidents/not-an-id', 'admin')).status).toBe(404);
  });

  it('lets analysts read but not act, and hides other regions from a regional technician (404, nothing written)', async () => {
    const before = auditCount();
    expect((await call('POST', `/incidents/${id('K-001', 0)}/acknowledge`, 'analyst')).status).toBe(403);
    expect(
      (await call('POST', `/incidents/${id('K-003', 10)}/acknowledge`, 'technician', undefined, 'toronto')).status,
    ).toBe(404);
    expect(auditCount()).toBe(before);
    expect(service.isAcknowledged(id('K-003', 10))).toBe(false);
  });

  it('acknowledges once, assigns and takes notes, each in the history and the audit log with actor and address', async () => {
    const incident = id('K-001', 0);
    changes.length = 0;
    const ack = await call<IncidentDetail>('POST', `/incidents/${incident}/acknowledge`, 'technician');
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ acknowledgedBy: 'test-technician', acknowledgedAt: now.toISOString() });
    expect(service.isAcknowledged(incident)).toBe(true);
    const again = await call<{ error: { code: string } }>('POST', `/incidents/${incident}/acknowledge`, 'admin');
    expect([again.status, again.body.error.code]).toEqual([409, 'INCIDENT_ALREADY_ACKNOWLEDGED']);
    expect((await call('POST', `/incidents/${incident}/assign`, 'admin', { assignee: 'tech-east' })).status).toBe(200);
    const noted = await call<IncidentDetail>('POST', `/incidents/${incident}/notes`, 'technician', {
      text: 'paper jam at the cutter',
    });
    expect(noted.body.assignee).toBe('tech-east');
    expect(noted.body.history.map((h) => [h.actor, h.action, h.text])).toEqual([
      ['test-technician', 'acknowledge', null],
      ['test-admin', 'assign', 'tech-east'],
      ['test-technician', 'note', 'paper jam at the cutter'],
    ]);
    const bad = await call<{ error: { code: string } }>('POST', `/incidents/${incident}/notes`, 'technician', {
      text: 'bell\u0007',
    });
    expect(bad.status).toBe(400);
    const entries = audit.query({ target: incident, limit: 10 }).entries.reverse();
    expect(entries.map((e) => [e.actor, e.role, e.action, e.details, e.address])).toEqual([
      [
        'test-technician',
        'technician',
        'incident.acknowledge',
        { kioskId: 'K-001' },
        expect.stringMatching(/127\.0\.0\.1/),
      ],
      [
        'test-admin',
        'admin',
        'incident.assign',
        { kioskId: 'K-001', assignee: 'tech-east' },
        expect.stringMatching(/127\.0\.0\.1/),
      ],
      // The note's words stay in the incident's history; the audit log holds only their length.
      [
        'test-technician',
        'technician',
        'incident.note',
        { kioskId: 'K-001', length: 23 },
        expect.stringMatching(/127\.0\.0\.1/),
      ],
    ]);
    expect(changes).toEqual([
      { kind: 'incident', incidentId: incident, kioskId: 'K-001', action: 'acknowledge' },
      { kind: 'incident', incidentId: incident, kioskId: 'K-001', action: 'assign' },
      { kind: 'incident', incidentId: incident, kioskId: 'K-001', action: 'note' },
    ]);
  });

  it('refuses a resolve while the kiosk still reports the fault, changing nothing; resolves once it cleared', async () => {
    const incident = id('K-001', 0);
    const before = auditCount();
    const refused = await call<{ error: { code: string } }>('POST', `/incidents/${incident}/resolve`, 'technician', {
      resolution: 'replaced the roll',
    });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'INCIDENT_STILL_FAULTED']);
    expect(auditCount()).toBe(before);
    expect(service.get({ kind: 'token', role: 'admin', subject: 'x' }, incident)!.status).toBe('open');

    changes.length = 0;
    now = new Date(T0 + 70 * MIN);
    events.append([{ at: now.toISOString(), kioskId: 'K-001', type: 'fault.cleared', faultId: 'F1' }]);
    expect(changes).toEqual([{ kind: 'faults', kioskId: 'K-001' }]);
    const repaired = await call<IncidentDetail>('GET', `/incidents/${incident}`, 'technician');
    expect(repaired.body).toMatchObject({
      status: 'repaired',
      repairedAt: now.toISOString(),
      repairSecondsUsed: 4200,
      withinSla: true,
    });
    const resolved = await call<IncidentDetail>('POST', `/incidents/${incident}/resolve`, 'technician', {
      resolution: 'replaced the roll',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolvedBy: 'test-technician',
      resolution: 'replaced the roll',
    });
    expect(audit.query({ target: incident, action: 'incident.resolve', limit: 10 }).entries).toHaveLength(1);
    const noMore = await call<{ error: { code: string } }>('POST', `/incidents/${incident}/notes`, 'admin', {
      text: 'late',
    });
    expect([noMore.status, noMore.body.error.code]).toEqual([409, 'INCIDENT_RESOLVED']);
    const active = await call<{ incidents: IncidentView[] }>('GET', '/incidents', 'admin');
    expect(active.body.incidents.map((i) => i.kioskId)).not.toContain('K-001');
    const done = await call<{ incidents: IncidentView[] }>('GET', '/incidents?status=resolved', 'admin');
    expect(done.body.incidents.map((i) => i.incidentId)).toEqual([incident]);
  });

  it('opens a restock task on paper near-end, lists it in scope, and closes it by hand (audited) or when paper is back', async () => {
    tasks.observe('K-002', { printer: { state: 'warning', code: 'PRINTER_PAPER_NEAR_END' } });
    tasks.observe('K-002', { printer: { state: 'warning', code: 'PRINTER_PAPER_NEAR_END' } }); // no second task
    tasks.observe('K-003', { printer: { state: 'warning', code: 'PRINTER_PAPER_NEAR_END' } });
    const listed = await call<{ tasks: RestockTask[] }>('GET', '/tasks', 'technician', undefined, 'toronto');
    expect(listed.body.tasks).toEqual([
      {
        taskId: `R-K-002-${now.getTime()}`,
        kind: 'restock-paper',
        kioskId: 'K-002',
        openedAt: now.toISOString(),
        code: 'PRINTER_PAPER_NEAR_END',
        status: 'open',
        closedAt: null,
        closedBy: null,
        closeReason: null,
      },
    ]);
    const k3Task = `R-K-003-${now.getTime()}`;
    expect((await call('POST', `/tasks/${k3Task}/close`, 'technician', undefined, 'toronto')).status).toBe(404);
    expect((await call('POST', `/tasks/${k3Task}/close`, 'analyst')).status).toBe(403);
    const closed = await call<RestockTask>('POST', `/tasks/${k3Task}/close`, 'technician', undefined, 'northern');
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'test-technician', closeReason: 'technician' });
    expect(audit.query({ action: 'task.close', limit: 10 }).entries.map((e) => e.target)).toEqual([k3Task]);
    expect((await call('POST', `/tasks/${k3Task}/close`, 'admin')).status).toBe(409);
    tasks.observe('K-002', { printer: { state: 'ok' } });
    const after = await call<{ tasks: RestockTask[] }>('GET', '/tasks?status=all', 'admin');
    expect(after.body.tasks.map((t) => [t.kioskId, t.status, t.closeReason, t.closedBy])).toEqual([
      ['K-002', 'closed', 'paper-ok', 'fleet'],
      ['K-003', 'closed', 'technician', 'test-technician'],
    ]);
    expect((await call<{ tasks: RestockTask[] }>('GET', '/tasks', 'admin')).body.tasks).toEqual([]);
  });

  it("clears a decommissioned kiosk's faults for admins only, and the SLA report agrees with the incident", async () => {
    now = new Date(T0 + 180 * MIN); // an hour after K-009's decommissioning
    const period = { from: new Date('2026-11-01T04:00:00Z'), to: new Date('2026-12-01T05:00:00Z') };
    const reportBefore = computeSlaReport({ sites, events: events.all(), ...period });
    expect((await call('POST', '/kiosks/K-009/clear-faults', 'technician', { reason: 'removed' })).status).toBe(403);
    const inService = await call<{ error: { code: string } }>('POST', '/kiosks/K-002/clear-faults', 'admin', {
      reason: 'removed',
    });
    expect([inService.status, inService.body.error.code]).toEqual([409, 'KIOSK_NOT_DECOMMISSIONED']);
    expect(open.get('K-002')?.size).toBe(1);

    const cleared = await call<{ clearedFaults: string[]; resolvedIncidents: string[] }>(
      'POST',
      '/kiosks/K-009/clear-faults',
      'admin',
      { reason: 'kiosk removed from the mall' },
    );
    expect(cleared.body).toEqual({ clearedFaults: ['F9'], resolvedIncidents: [id('K-009', -200)] });
    expect(events.all().at(-1)).toEqual({
      at: now.toISOString(),
      kioskId: 'K-009',
      type: 'fault.cleared',
      faultId: 'F9',
      clearedBy: 'test-admin',
      reason: 'decommissioned: kiosk removed from the mall',
    });
    expect(open.get('K-009')?.size).toBe(0);
    const again = await call<{ error: { code: string } }>('POST', '/kiosks/K-009/clear-faults', 'admin', {
      reason: 'x',
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'KIOSK_NO_OPEN_FAULTS']);
    expect(audit.query({ action: 'kiosk.clear-faults', limit: 10 }).entries).toEqual([
      expect.objectContaining({ actor: 'test-admin', target: 'K-009', details: { faults: 1, incidents: 1 } }),
    ]);

    const incident = (await call<IncidentDetail>('GET', `/incidents/${id('K-009', -200)}`, 'admin')).body;
    expect(incident).toMatchObject({ status: 'resolved', repairedAt: now.toISOString(), resolvedBy: 'test-admin' });
    // The clock ran until the clear (decommissioning does not stop it): the report judges it the same way.
    const report = computeSlaReport({ sites, events: events.all(), ...period });
    expect(report.incidents.find((i) => i.kioskId === 'K-009')).toEqual({
      kioskId: 'K-009',
      detectedAt: incident.detectedAt,
      repairedAt: incident.repairedAt,
      repairSeconds: incident.repairSecondsUsed,
      withinSla: incident.withinSla,
      components: ['network'],
    });
    expect(incident.withinSla).toBe(false);
    // Availability is unchanged: after decommissioning the kiosk is not scheduled, so clearing later costs nothing.
    expect(report.kiosks.find((k) => k.kioskId === 'K-009')).toEqual(
      reportBefore.kiosks.find((k) => k.kioskId === 'K-009'),
    );
    expect(report.fleet.upSeconds).toBe(reportBefore.fleet.upSeconds);
  });
});
