// Request ids and access logs on a real fleet server: every answer carries X-Request-Id (the caller's when it is a
// safe short token), every JSON error body names it, and the request's access line carries it with the route
// template, status and duration — never the URL's query, a credential or a header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetServer } from '@guichet/fleet-server';
import {
  ADMIN_TOKEN,
  captureLog,
  startFleet,
  tempDir,
  testFleetConfig,
  writeSitesFile,
  type CapturedLog,
} from '../support/fleet-harness';

let server: FleetServer;
let captured: CapturedLog;

beforeAll(async () => {
  const dir = tempDir('request-ids');
  const log = captureLog();
  captured = log.captured;
  server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 2)), log.logger);
});

afterAll(async () => {
  await server?.stop();
});

async function request(pathname: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${pathname}`, init);
  const text = await res.text();
  return { res, status: res.status, id: res.headers.get('x-request-id'), text };
}

const accessLines = (requestId: string) =>
  captured.lines.filter((l) => l.event === 'http.request' && l.requestId === requestId);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('echoes a safe caller id and logs one access line with it, the route template, status and duration', async () => {
    const answer = await request('/api/v1/kiosks/K-001?note=Tremblay', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': 'trace-abc.123' },
    });
    expect(answer.status).toBe(200);
    expect(answer.id).toBe('trace-abc.123');
    const lines = accessLines('trace-abc.123');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      component: 'http',
      method: 'GET',
      route: '/api/v1/kiosks/:id',
      status: 200,
      durationMs: expect.any(Number) as unknown,
    });
    // No URL, query, credential or header in the log.
    expect(Object.keys(lines[0]!)).not.toEqual(expect.arrayContaining(['url']));
    expect(captured.text()).not.toContain('Tremblay');
    expect(captured.text()).not.toContain(ADMIN_TOKEN);
    expect(captured.text()).not.toMatch(/authorization/i);
  });

  it('replaces an unsafe or oversized caller id with a fresh one', async () => {
    const seen = new Set<string>();
    for (const unsafe of ['has space', '<script>', 'x'.repeat(65), 'a"b', '../etc']) {
      const answer = await request('/healthz', { headers: { 'x-request-id': unsafe } });
      expect(answer.status).toBe(200);
      expect(answer.id).toMatch(UUID);
      seen.add(answer.id!);
    }
    const fresh = await request('/healthz');
    expect(fresh.id).toMatch(UUID);
    seen.add(fresh.id!);
    expect(seen.size).toBe(6);
  });

  it('names the request id in every JSON error body: 401, 403, 404 in and outside the API, bad JSON, bad path', async () => {
    const analyst = server.tokens.issue('analyst', 'analyst', new Date(), { ministry: 'transportation' });
    const cases: Array<{ path: string; init?: RequestInit; status: number; code: string }> = [
      { path: '/api/v1/kiosks', status: 401, code: 'AUTH_REQUIRED' },
      {
        path: '/api/v1/tokens',
        init: {
          method: 'POST',
          headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
          body: '{}',
        },
        status: 403,
        code: 'FORBIDDEN',
      },
      {
        path: '/api/v1/no-such-route',
        init: { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
        status: 404,
        code: 'NOT_FOUND',
      },
      { path: '/no-such-page', status: 404, code: 'NOT_FOUND' },
      {
        path: '/api/v1/tokens',
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' },
        status: 400,
        code: 'BAD_JSON',
      },
      { path: '/api/v1/kiosks/%ff', status: 400, code: 'BAD_PATH' },
    ];
    for (const c of cases) {
      const answer = await request(c.path, c.init);
      expect(answer.status, c.path).toBe(c.status);
      expect(answer.res.headers.get('content-type'), c.path).toMatch(/^application\/json/);
      expect(JSON.parse(answer.text), c.path).toEqual({
        error: { code: c.code, message: expect.any(String) as unknown, requestId: answer.id },
      });
      expect(answer.id, c.path).toMatch(UUID);
      expect(accessLines(answer.id!), c.path).toEqual([expect.objectContaining({ status: c.status })]);
    }
  });
});
