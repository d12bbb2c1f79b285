// AlertMonitor end to end over real sockets: a local HTTP webhook receiver and a local SMTP sink (smtp-server), a
// real SQLite fleet database, and manual time for the monitor's ticks and retries (the network keeps real time).
// Receivers down are retried on the backoff and served once; a restart resumes the outbox without duplicates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { SitesFile } from '@guichet/shared';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { openDatabase, type Db } from '../storage/database';
import { EventLog } from '../storage/event-log';
import { StorageHealth } from '../storage/storage-health';
import { ALWAYS, fault } from '../test-support/sla-test-fleet';
import { SmtpSink, WebhookReceiver } from '../test-support/alert-receivers';
import { parseAlertsConfig } from './alerts-config';
import { AlertMonitor } from './alert-monitor';
import { SIGNATURE_HEADER, signBody } from './webhook-channel';

const T0 = '2026-03-02T15:00:00.000Z';
const T0_MS = Date.parse(T0);
const INCIDENT = `K-001-${T0_MS}`;
const SECRET = 'a-webhook-secret-of-some-length';
const RETRY = { baseMs: 5_000, maxMs: 60_000 };
const TICK_MS = 15_000;

/** 80 kiosks open around the clock: two down keep the fleet at 97.5 %, so only incident alerts are raised. */
const sites: SitesFile = {
  sites: [{ id: 'yorkdale', name: 'Yorkdale Shopping Centre', timezone: 'America/Toronto', hours: ALWAYS }],
  kiosks: Array.from({ length: 80 }, (_, i) => ({ id: `K-${String(i + 1).padStart(3, '0')}`, siteId: 'yorkdale' })),
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function receivers() {
  const hook = await WebhookReceiver.start();
  const sink = await new SmtpSink().start();
  cleanups.push(
    () => hook.close(),
    () => sink.stop(),
  );
  return { hook, sink };
}

function alertsConfig(hook: WebhookReceiver, sink: SmtpSink) {
  return parseAlertsConfig({
    webhooks: [{ name: 'ops', url: hook.url, secret: SECRET }],
    smtp: { host: '127.0.0.1', port: sink.port, secure: false, from: 'Guichet <alerts@guichet.example>' },
    contacts: {
      primary: { email: ['tech@guichet.example'], webhooks: ['ops'] },
      secondary: { email: ['lead@guichet.example'] },
    },
    escalateAfterMinutes: 30,
  });
}

interface Rig {
  db: Db;
  events: EventLog;
  monitor: AlertMonitor;
  health: StorageHealth;
  logs: Array<Record<string, unknown>>;
}

function openRig(
  dir: string,
  time: ManualTime,
  config: ReturnType<typeof alertsConfig>,
  isAcknowledged?: (id: string) => boolean,
): Rig {
  const db = openDatabase(dir);
  const events = new EventLog(db);
  const logs: Array<Record<string, unknown>> = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    }),
  );
  const health = new StorageHealth(log, () => time.now());
  const monitor = new AlertMonitor({
    config,
    db,
    sites,
    events: () => events.all(),
    log,
    clock: time,
    timers: time,
    storageHealth: health,
    retry: RETRY,
    evaluateEveryMs: TICK_MS,
    ...(isAcknowledged ? { isAcknowledged } : {}),
  });
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    await monitor.stop();
    db.close();
  };
  cleanups.push(close);
  return { db, events, monitor, health, logs, close } as Rig & { close: () => Promise<void> };
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-'));

/** Moves manual time and lets the delivery run it started (real sockets) finish. */
async function advance(time: ManualTime, monitor: AlertMonitor, ms: number): Promise<void> {
  await time.advance(ms);
  await monitor.idle();
}

describe('AlertMonitor', () => {
  it('retries a receiver that is down on the backoff, then delivers once, signed and bilingual', async () => {
    const { hook, sink } = await receivers();
    hook.status = 503;
    await sink.stop(); // connection refused
    const time = new ManualTime(T0_MS + 60_000);
    const rig = openRig(tempDir(), time, alertsConfig(hook, sink));
    rig.events.append(fault('K-001', T0, null, { component: 'printer' }));

    rig.monitor.start();
    await advance(time, rig.monitor, 0);
    const firstTry = rig.monitor.store.outbox();
    expect(firstTry.map((d) => [d.channel, d.recipient, d.status, d.attempts, d.nextAttemptAt])).toEqual([
      ['email', 'tech@guichet.example', 'pending', 1, new Date(T0_MS + 65_000).toISOString()],
      ['webhook', 'ops', 'pending', 1, new Date(T0_MS + 65_000).toISOString()],
    ]);
    expect(firstTry[0]!.lastError).toMatch(/ECONNREFUSED/);
    expect(firstTry[1]!.lastError).toBe('HTTP 503');
    expect(hook.requests).toHaveLength(1);

    // Nothing before the backoff's first delay (5 s); the second attempt then waits twice as long.
    await advance(time, rig.monitor, 4_999);
    expect(hook.requests).toHaveLength(1);
    await advance(time, rig.monitor, 1);
    expect(hook.requests).toHaveLength(2);
    expect(rig.monitor.store.outbox().map((d) => [d.attempts, d.nextAttemptAt])).toEqual([
      [2, new Date(T0_MS + 75_000).toISOString()],
      [2, new Date(T0_MS + 75_000).toISOString()],
    ]);

    hook.status = 200;
    await sink.start(); // back on the same port
    await advance(time, rig.monitor, 9_999);
    expect(hook.requests).toHaveLength(2);
    await advance(time, rig.monitor, 1);
    expect(rig.monitor.store.outbox().map((d) => [d.status, d.attempts])).toEqual([
      ['delivered', 3],
      ['delivered', 3],
    ]);

    const [request] = hook.accepted;
    expect(request!.headers[SIGNATURE_HEADER]).toBe(signBody(SECRET, request!.body));
    expect(JSON.parse(request!.body)).toMatchObject({
      alertKey: `incident.opened:${INCIDENT}`,
      trigger: 'incident.opened',
      kioskId: 'K-001',
      siteId: 'yorkdale',
      siteName: 'Yorkdale Shopping Centre',
      console: '/console/#/kiosks/K-001',
      incident: { incidentId: INCIDENT, components: ['printer'], repairSecondsLeft: 7140, withinSla: null },
    });
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.to).toEqual(['tech@guichet.example']);
    expect(mail.subject).toBe('[Guichet] Kiosk fault / Panne de borne — K-001 @ Yorkdale Shopping Centre (yorkdale)');
    expect(mail.text).toContain('Repair clock: 1 min used, 1 h 59 min left');
    expect(mail.text).toContain('Délai de réparation : 1 min écoulées, 1 h 59 min restantes');
    expect(mail.text).toContain('Detected: 2026-03-02 10:00 America/Toronto (2026-03-02T15:00:00.000Z)');
    expect(mail.text).toContain('Console : /console/#/kiosks/K-001');
    expect(mail.headers.get('x-guichet-delivery')).toBe(`guichet-alert-${firstTry[0]!.id}`);

    // Later ticks raise nothing again.
    await advance(time, rig.monitor, 4 * TICK_MS);
    expect([hook.requests.length, sink.messages.length]).toEqual([3, 1]);
  });

  it('resumes pending deliveries after a restart, without raising or sending twice', async () => {
    const { hook, sink } = await receivers();
    hook.status = 503;
    await sink.stop();
    const dir = tempDir();
    const config = alertsConfig(hook, sink);
    const before = new ManualTime(T0_MS + 60_000);
    const first = openRig(dir, before, config) as Rig & { close: () => Promise<void> };
    first.events.append(fault('K-001', T0, null));
    first.monitor.start();
    await advance(before, first.monitor, 0);
    expect(first.monitor.store.outbox().map((d) => d.status)).toEqual(['pending', 'pending']);
    await first.close();

    hook.status = 200;
    await sink.start();
    const after = new ManualTime(T0_MS + 3 * 60_000);
    const second = openRig(dir, after, config);
    second.monitor.start();
    await advance(after, second.monitor, 0);
    expect(second.monitor.store.outbox().map((d) => [d.recipient, d.status, d.attempts])).toEqual([
      ['tech@guichet.example', 'delivered', 2],
      ['ops', 'delivered', 2],
    ]);
    await advance(after, second.monitor, 4 * TICK_MS);
    expect(second.monitor.store.raised().map((r) => r.key)).toEqual([`incident.opened:${INCIDENT}`]);
    expect([hook.accepted.length, sink.messages.length]).toEqual([1, 1]);
  });

  it('marks a delivery the receiver refuses for good (HTTP 4xx, SMTP 550) as failed, logs it and stops trying', async () => {
    const { hook, sink } = await receivers();
    hook.status = 410;
    sink.refuse.add('tech@guichet.example');
    const time = new ManualTime(T0_MS + 60_000);
    const rig = openRig(tempDir(), time, alertsConfig(hook, sink));
    rig.events.append(fault('K-001', T0, null));
    rig.monitor.start();
    await advance(time, rig.monitor, 0);
    const outbox = rig.monitor.store.outbox();
    expect(outbox.map((d) => [d.status, d.attempts])).toEqual([
      ['failed', 1],
      ['failed', 1],
    ]);
    expect(outbox[0]!.lastError).toMatch(/550/);
    expect(outbox[1]!.lastError).toBe('HTTP 410');
    expect(rig.logs.filter((l) => l.event === 'alert.delivery-refused').map((l) => l.channel)).toEqual([
      'email',
      'webhook',
    ]);
    await advance(time, rig.monitor, 10 * 60_000);
    expect([hook.requests.length, sink.messages.length]).toEqual([1, 0]);
  });

  it('escalates an unacknowledged incident to the secondary contact after N minutes, not an acknowledged one', async () => {
    const { hook, sink } = await receivers();
    const acknowledged = new Set<string>();
    const asked: string[] = [];
    const time = new ManualTime(T0_MS + 60_000);
    const rig = openRig(tempDir(), time, alertsConfig(hook, sink), (id) => {
      asked.push(id);
      return acknowledged.has(id);
    });
    rig.events.append([...fault('K-001', T0, null), ...fault('K-002', T0, null)]);
    rig.monitor.start();
    await advance(time, rig.monitor, 0);
    expect(asked).toContain(INCIDENT);
    acknowledged.add(`K-002-${T0_MS}`);
    // The first alerts went out at T0 + 1 min: escalation is due at T0 + 31 min, on the tick at that instant.
    await advance(time, rig.monitor, 30 * 60_000 - TICK_MS);
    expect(sink.messages.map((m) => m.to[0])).toEqual(['tech@guichet.example', 'tech@guichet.example']);
    await advance(time, rig.monitor, TICK_MS);
    const escalations = sink.messages.filter((m) => m.to[0] === 'lead@guichet.example');
    expect(escalations.map((m) => m.subject)).toEqual([
      '[Guichet] ESCALATION: fault not acknowledged / ESCALADE : panne non prise en charge — K-001 @ Yorkdale Shopping Centre (yorkdale)',
    ]);
    expect(rig.monitor.store.raised().find((r) => r.trigger === 'incident.escalated')).toEqual({
      key: `incident.escalated:${INCIDENT}`,
      trigger: 'incident.escalated',
      subject: INCIDENT,
      at: new Date(T0_MS + 31 * 60_000).toISOString(),
    });
  });

  it('sends a security event once to the primary contact, however often it is raised', async () => {
    const { hook, sink } = await receivers();
    const time = new ManualTime(T0_MS);
    const rig = openRig(tempDir(), time, alertsConfig(hook, sink));
    rig.monitor.start();
    const event = { kioskId: 'K-007', code: 'LINK_CONTESTED', message: 'a second connection used this kiosk', at: T0 };
    rig.monitor.raiseSecurity(event);
    rig.monitor.raiseSecurity(event);
    await advance(time, rig.monitor, 0);
    expect(sink.messages.map((m) => [m.to[0], m.subject])).toEqual([
      [
        'tech@guichet.example',
        '[Guichet] Security: LINK_CONTESTED / Sécurité : LINK_CONTESTED — K-007 @ Yorkdale Shopping Centre (yorkdale)',
      ],
    ]);
    expect(sink.messages[0]!.text).toContain('What: a second connection used this kiosk');
    expect(hook.accepted.map((r) => (JSON.parse(r.body) as { trigger: string }).trigger)).toEqual(['security']);
    expect(() => rig.monitor.raiseSecurity({ ...event, code: 'nope' })).toThrow(
      expect.objectContaining({ code: 'ALERT_SECURITY_INVALID' }),
    );
  });

  it('survives a database that refuses writes: reported once, raised and sent once storage is back', async () => {
    const { hook, sink } = await receivers();
    const time = new ManualTime(T0_MS + 60_000);
    const rig = openRig(tempDir(), time, alertsConfig(hook, sink));
    rig.events.append(fault('K-001', T0, null));
    rig.db.pragma('query_only = 1');
    rig.monitor.start();
    await advance(time, rig.monitor, 2 * TICK_MS);
    expect(rig.health.snapshot()).toMatchObject({ storage: 'failing', code: 'SQLITE_READONLY', writers: ['alerts'] });
    expect(rig.logs.filter((l) => l.event === 'storage.failing')).toHaveLength(1);
    expect(hook.requests).toHaveLength(0);

    rig.db.pragma('query_only = 0');
    await advance(time, rig.monitor, TICK_MS);
    expect(rig.health.snapshot()).toEqual({ storage: 'ok' });
    expect([hook.accepted.length, sink.messages.length]).toEqual([1, 1]);
  });

  it('does not send again a delivery whose outcome could not be written: it writes it once storage is back', async () => {
    const { hook, sink } = await receivers();
    const time = new ManualTime(T0_MS + 60_000);
    const rig = openRig(tempDir(), time, alertsConfig(hook, sink));
    rig.events.append(fault('K-001', T0, null));
    // The database stops taking writes while the webhook receiver holds the alert.
    hook.onRequest = () => rig.db.pragma('query_only = 1');
    rig.monitor.start();
    await advance(time, rig.monitor, 0);
    expect(rig.health.snapshot()).toMatchObject({ storage: 'failing', writers: ['alert-delivery'] });
    expect(rig.monitor.store.outbox().map((d) => [d.channel, d.status])).toEqual([
      ['email', 'delivered'],
      ['webhook', 'pending'],
    ]);

    hook.onRequest = undefined;
    rig.db.pragma('query_only = 0');
    await advance(time, rig.monitor, RETRY.baseMs);
    expect(rig.monitor.store.outbox().map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['email', 'delivered', 1],
      ['webhook', 'delivered', 1],
    ]);
    expect(rig.health.snapshot()).toEqual({ storage: 'ok' });
    await advance(time, rig.monitor, 10 * 60_000);
    expect([hook.requests.length, sink.messages.length]).toEqual([1, 1]);
  });
});
