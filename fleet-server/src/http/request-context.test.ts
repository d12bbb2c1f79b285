// The request context over real HTTP on a bare express app: a failing handler's 500 body and its error log line
// carry the request's id; the access line reports the template, status and the injected clock's duration;
// route templates and safe ids as pure functions.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import express from 'express';
import { createLogger } from '../logging/logger';
import { Writable } from 'node:stream';
import { errorHandler } from './http-errors';
import { requestContext, requestLog, routeTemplates, safeRequestId, type FinishedRequest } from './request-context';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(app: express.Express): Promise<string> {
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function logSink() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as never);
      done();
    },
  });
  return { lines, log: createLogger('debug', sink) };
}

describe('requestContext', () => {
  it("stamps the id on the handler's log lines, the 500 body and the access line, with the measured duration", async () => {
    const { lines, log } = logSink();
    const finished: FinishedRequest[] = [];
    let ms = 1000;
    const app = express();
    app.use(
      requestContext({
        log,
        routeOf: routeTemplates(['/things/:id']),
        monotonicMs: () => (ms += 40),
        onFinished: (r) => finished.push(r),
      }),
    );
    app.get('/things/:id', (_req, res) => {
      requestLog(res, log).info({ component: 'test', event: 'thing.read' }, 'reading');
      throw new Error('disk on fire');
    });
    app.use(errorHandler(log));
    const base = await serve(app);
    const res = await fetch(`${base}/things/T-1?owner=Tremblay`, { headers: { 'x-request-id': 'req-1' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('req-1');
    expect(await res.json()).toEqual({
      error: { code: 'INTERNAL', message: 'the fleet server could not complete the request', requestId: 'req-1' },
    });
    expect(lines.map((l) => [l.event, l.requestId])).toEqual([
      ['thing.read', 'req-1'],
      ['http.failed', 'req-1'],
      ['http.request', 'req-1'],
    ]);
    expect(lines[2]).toMatchObject({ route: '/things/:id', status: 500, method: 'GET', durationMs: 40 });
    expect(finished).toEqual([{ method: 'GET', route: '/things/:id', status: 500, seconds: 0.04, completed: true }]);
    expect(JSON.stringify(lines)).not.toContain('Tremblay');
    expect(JSON.stringify(lines)).not.toContain('T-1');
  });
});

describe('routeTemplates', () => {
  const routeOf = routeTemplates(['/api/v1/kiosks/:id', '/api/v1/kiosks/summary', '/api/v1/kiosks', '/healthz']);

  it('maps paths to their template, literal segments before parameters, ignoring case and a trailing slash', () => {
    expect(routeOf('/api/v1/kiosks/K-001')).toBe('/api/v1/kiosks/:id');
    expect(routeOf('/api/v1/kiosks/summary')).toBe('/api/v1/kiosks/summary');
    expect(routeOf('/API/v1/Kiosks/')).toBe('/api/v1/kiosks');
    expect(routeOf('/healthz')).toBe('/healthz');
  });

  it('names anything else `other`, never the path', () => {
    expect(routeOf('/api/v1/kiosks/K-001/secret')).toBe('other');
    expect(routeOf('/api/v1/kiosks//')).toBe('other');
    expect(routeOf('/healthzz')).toBe('other');
  });
});

describe('safeRequestId', () => {
  it('keeps short tokens of letters, digits and ._:- and refuses the rest', () => {
    expect(safeRequestId('a1._:-Z')).toBe('a1._:-Z');
    expect(safeRequestId('x'.repeat(64))).toBe('x'.repeat(64));
    for (const unsafe of [undefined, '', 'x'.repeat(65), 'a b', 'a/b', 'a\nb', '{"x":1}'])
      expect(safeRequestId(unsafe)).toBeUndefined();
  });
});
