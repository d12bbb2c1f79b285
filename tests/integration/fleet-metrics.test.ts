// GET /metrics on a real fleet server (real HTTP, a real socket.io kiosk, SQLite, the transaction hub with scripted
// ministries): a scraper needs an admin or unbound technician token; kiosks by status and open incidents follow
// heartbeats and faults (the same count as the SLA live view); the ingest latency histogram counts every heartbeat
// on an injected monotonic clock; transactions are counted by outcome; HTTP requests by route template — and no
// kiosk id or personal data appears anywhere in the text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { FleetServer } from '@guichet/fleet-server';
import { KioskTxEvents, TxAck, type MinistryId } from '@guichet/shared';
import { scriptedMinistries, type ScriptedMinistry } from '@guichet/fleet-server/test-support/scripted-ministry';
import { DEMO_PRICES_FILE } from '@guichet/fleet-server/test-support/hub-fixture';
import {
  MINISTRY_SCRIPTS,
  PERSONAL_STRINGS,
  commitOf,
  sticker,
  txId,
} from '@guichet/fleet-server/test-support/hub-test-data';
import { ADMIN_TOKEN, api, captureLog, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';
import { connectKioskSocket } from '../support/fleet-harness';
import { parsePrometheusText, sampleValue, type Sample } from '../support/prometheus-text';

/** Every reading of the injected monotonic clock advances it 3 ms: a heartbeat's arrival-to-ack time is 3 ms. */
const STEP_MS = 3;

let server: FleetServer;
let ministries: Map<MinistryId, ScriptedMinistry>;
const sockets: Socket[] = [];

beforeEach(async () => {
  const dir = tempDir('metrics');
  ministries = scriptedMinistries(MINISTRY_SCRIPTS);
  let monotonic = 0;
  // Long heartbeat and offline limits: a slow machine must not turn the test's kiosk offline mid-test.
  const config = testFleetConfig(dir, writeSitesFile(dir, 3), {
    pricesFile: DEMO_PRICES_FILE,
    heartbeatIntervalMs: 60_000,
    offlineAfterMs: 600_000,
  });
  server = new FleetServer(config, {
    logger: captureLog().logger,
    ministries,
    monotonicMs: () => (monotonic += STEP_MS),
  });
  await server.start();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server.stop();
});

function connect(kioskId: string): Promise<Socket> {
  return connectKioskSocket(server, kioskId, sockets);
}

let seq = 0;
const heartbeat = (kioskId: string, printer: 'ok' | 'fault') => ({
  kioskId,
  seq: ++seq,
  sentAt: new Date().toISOString(),
  mode: 'in-service',
  devices: { printer: { state: printer } },
});

async function scrape(token: string | null = ADMIN_TOKEN): Promise<{ status: number; text: string; res: Response }> {
  const res = await fetch(`${server.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, text: await res.text(), res };
}

async function samples(): Promise<Sample[]> {
  const { status, text } = await scrape();
  expect(status).toBe(200);
  return parsePrometheusText(text);
}

describe('GET /metrics access', () => {
  it('needs a bearer token with the fleet-wide view: admin or a technician bound to no region', async () => {
    const now = new Date();
    const technician = server.tokens.issue('technician', 'prometheus', now);
    const regional = server.tokens.issue('technician', 'tech-toronto', now, { region: 'toronto' });
    const analyst = server.tokens.issue('analyst', 'analyst', now, { ministry: 'transportation' });

    const anonymous = await scrape(null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(JSON.parse(anonymous.text)).toMatchObject({ error: { code: 'AUTH_REQUIRED' } });
    expect((await scrape('gt_not-a-real-token')).status).toBe(401);
    for (const token of [regional, analyst]) {
      const refused = await scrape(token);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.text)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    for (const token of [ADMIN_TOKEN, technician]) {
      const allowed = await scrape(token);
      expect(allowed.status).toBe(200);
      expect(allowed.res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(allowed.text).toContain('# TYPE guichet_kiosks gauge');
    }
  });
});

describe('GET /metrics figures', () => {
  it('follows kiosks by status, open incidents and connected kiosks as heartbeats and faults arrive', async () => {
    let s = await samples();
    expect(sampleValue(s, 'guichet_kiosks', { status: 'offline' })).toBe(3);
    expect(sampleValue(s, 'guichet_kiosks', { status: 'online' })).toBe(0);
    expect(sampleValue(s, 'guichet_incidents_open')).toBe(0);
    expect(sampleValue(s, 'guichet_kiosks_connected')).toBe(0);

    const k1 = await connect('K-001');
    expect(await k1.emitWithAck('heartbeat', heartbeat('K-001', 'ok'))).toEqual({ ok: true });
    s = await samples();
    expect(sampleValue(s, 'guichet_kiosks', { status: 'online' })).toBe(1);
    expect(sampleValue(s, 'guichet_kiosks', { status: 'offline' })).toBe(2);
    expect(sampleValue(s, 'guichet_kiosks_connected')).toBe(1);

    expect(await k1.emitWithAck('heartbeat', heartbeat('K-001', 'fault'))).toEqual({ ok: true });
    s = await samples();
    expect(sampleValue(s, 'guichet_kiosks', { status: 'online' })).toBe(0);
    expect(sampleValue(s, 'guichet_kiosks', { status: 'out-of-service' })).toBe(1);
    expect(sampleValue(s, 'guichet_incidents_open')).toBe(1);
    // The same count as the SLA live view's open incidents.
    const live = await api<{ openIncidents: unknown[] }>(server, '/api/v1/sla/now?clock=wall');
    expect(live.body.openIncidents).toHaveLength(1);

    expect(await k1.emitWithAck('heartbeat', heartbeat('K-001', 'ok'))).toEqual({ ok: true });
    s = await samples();
    expect(sampleValue(s, 'guichet_incidents_open')).toBe(0);
    expect(sampleValue(s, 'guichet_kiosks', { status: 'online' })).toBe(1);
  });

  it('counts every heartbeat in the ingest latency histogram, accepted and refused, at its measured latency', async () => {
    const k1 = await connect('K-001');
    for (let i = 0; i < 3; i++)
      expect(await k1.emitWithAck('heartbeat', heartbeat('K-001', 'ok'))).toEqual({ ok: true });
    expect(await k1.emitWithAck('heartbeat', heartbeat('K-002', 'ok'))).toMatchObject({
      ok: false,
      error: { code: 'KIOSK_ID_MISMATCH' },
    });
    const s = await samples();
    const name = 'guichet_heartbeat_ingest_seconds';
    expect(sampleValue(s, `${name}_count`, { outcome: 'ok' })).toBe(3);
    expect(sampleValue(s, `${name}_count`, { outcome: 'refused' })).toBe(1);
    expect(sampleValue(s, `${name}_sum`, { outcome: 'ok' })).toBeCloseTo((3 * STEP_MS) / 1000, 9);
    // 3 ms each: above the 2.5 ms bucket, inside the 5 ms one.
    expect(sampleValue(s, `${name}_bucket`, { outcome: 'ok', le: '0.0025' })).toBe(0);
    expect(sampleValue(s, `${name}_bucket`, { outcome: 'ok', le: '0.005' })).toBe(3);
    expect(sampleValue(s, `${name}_bucket`, { outcome: 'ok', le: '+Inf' })).toBe(3);
  });

  it('counts transactions by outcome: committed, refused, ministry unavailable, cancelled', async () => {
    const s0 = await samples();
    for (const outcome of ['committed', 'refused', 'ministry-unavailable', 'cancelled'])
      expect(sampleValue(s0, 'guichet_transactions_total', { outcome }), outcome).toBe(0);

    const k1 = await connect('K-001');
    const send = async (event: string, payload: unknown) => TxAck.parse(await k1.emitWithAck(event, payload));
    for (const n of [1, 2, 3, 4])
      expect(await send(KioskTxEvents.quote, { txId: txId(n), lang: 'en', details: sticker() })).toMatchObject({
        ok: true,
      });
    expect(await send(KioskTxEvents.commit, commitOf(txId(1), 12100, sticker()))).toMatchObject({ ok: true });
    // A retried commit is answered again, not counted again.
    expect(await send(KioskTxEvents.commit, commitOf(txId(1), 12100, sticker()))).toMatchObject({ ok: true });
    expect(await send(KioskTxEvents.cancel, { txId: txId(2), reason: 'timeout' })).toMatchObject({ ok: true });
    const transportation = ministries.get('transportation')!;
    transportation.inject('commit', { mode: 'refuse', code: 'STICKER_REFUSED', message: 'no' }, 1);
    expect(await send(KioskTxEvents.commit, commitOf(txId(3), 12100, sticker()))).toMatchObject({
      ok: false,
      error: { code: 'MINISTRY_REFUSED' },
    });
    transportation.inject('commit', { mode: 'down' }, 1);
    expect(await send(KioskTxEvents.commit, commitOf(txId(4), 12100, sticker()))).toMatchObject({
      ok: false,
      error: { code: 'MINISTRY_UNAVAILABLE' },
    });

    const { text } = await scrape();
    const s = parsePrometheusText(text);
    expect(sampleValue(s, 'guichet_transactions_total', { outcome: 'committed' })).toBe(1);
    expect(sampleValue(s, 'guichet_transactions_total', { outcome: 'cancelled' })).toBe(1);
    expect(sampleValue(s, 'guichet_transactions_total', { outcome: 'refused' })).toBe(1);
    expect(sampleValue(s, 'guichet_transactions_total', { outcome: 'ministry-unavailable' })).toBe(1);
    for (const personal of PERSONAL_STRINGS) expect(text).not.toContain(personal);
  });

  it('counts HTTP requests by route template and status class, and names no kiosk', async () => {
    expect((await api(server, '/api/v1/kiosks/K-002')).status).toBe(200);
    expect((await api(server, '/api/v1/kiosks/K-404')).status).toBe(404);
    expect((await api(server, '/api/v1/kiosks/K-003', { token: null })).status).toBe(401);
    expect((await api(server, '/api/v1/no-such-thing/K-003')).status).toBe(404);
    const { text } = await scrape();
    const s = parsePrometheusText(text);
    const requests = (route: string, status_class: string) =>
      sampleValue(s, 'guichet_http_requests_total', { method: 'GET', route, status_class });
    expect(requests('/api/v1/kiosks/:id', '2xx')).toBe(1);
    // The refusal before routing (no token) is still counted on the route it was aimed at.
    expect(requests('/api/v1/kiosks/:id', '4xx')).toBe(2);
    expect(requests('other', '4xx')).toBe(1);
    expect(
      sampleValue(s, 'guichet_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/kiosks/:id' }),
    ).toBe(3);
    // The process's own figures, event-loop lag among them (prom-client's defaults).
    expect(sampleValue(s, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(s, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).not.toMatch(/K-\d{3}/);
  });
});
