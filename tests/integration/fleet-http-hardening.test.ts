// The fleet server's HTTP surface against abuse, over real HTTP and socket.io on a real server: security headers
// on the status page and the API, client errors answered 4xx with the API's error body (never 500), /healthz
// minimal without a token, the default socket.io namespace closed, maintenance windows bounded and cancellable.
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { io as connectSocket } from 'socket.io-client';
import WebSocket from 'ws';
import type { FleetServer } from '@guichet/fleet-server';
import { ADMIN_TOKEN, api, startFleet, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';

let server: FleetServer;

beforeAll(async () => {
  const dir = tempDir('http-hardening');
  server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 2)), pino({ level: 'silent' }));
});

afterAll(async () => {
  await server?.stop();
});

/** A raw request (fetch would normalise the path and refuse some headers). */
function raw(
  pathname: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}${pathname}`,
      { method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('security headers', () => {
  it('sends a strict CSP, nosniff, no referrer and no framing on the status page, its script and the API', async () => {
    for (const pathname of ['/', '/status.js', '/api/v1/kiosks', '/healthz']) {
      const res = await fetch(`${server.url}${pathname}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.status, pathname).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name!, values.join(' ')];
        }),
      );
      expect(directives.get('default-src'), pathname).toBe("'self'");
      expect(directives.get('script-src'), pathname).toBe("'self'");
      expect(directives.get('style-src'), pathname).toBe("'self'");
      expect(directives.get('frame-ancestors'), pathname).toBe("'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), pathname).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), pathname).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), pathname).toBe('DENY');
      expect(res.headers.get('x-powered-by'), pathname).toBeNull();
    }
  });

  it('serves a status page with no inline script or style for the policy to block', async () => {
    const html = await (await fetch(server.url)).text();
    expect(html).toMatch(/<script type="module" src="status.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });
});

describe('client errors are 4xx with the API error body', () => {
  it('refuses an unsupported Content-Encoding or charset before auth with 415', async () => {
    const encoding = await raw('/api/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'x-bogus' },
      body: '{}',
    });
    expect(encoding.status).toBe(415);
    expect(JSON.parse(encoding.body)).toEqual({
      error: {
        code: 'UNSUPPORTED_ENCODING',
        message: expect.stringContaining('Content-Encoding') as unknown,
        requestId: expect.any(String) as unknown,
      },
    });
    const charset = await raw('/api/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: '{}',
    });
    expect(charset.status).toBe(415);
    expect(JSON.parse(charset.body)).toMatchObject({ error: { code: 'UNSUPPORTED_CHARSET' } });
  });

  it('refuses a body over 256 kB, and a small gzip that inflates past it, with 413 before auth', async () => {
    const large = await raw('/api/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(300_000) }),
    });
    expect(large.status).toBe(413);
    expect(JSON.parse(large.body)).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
    const bomb = zlib.gzipSync(Buffer.from(JSON.stringify({ pad: '0'.repeat(10_000_000) })));
    expect(bomb.length).toBeLessThan(20_000);
    const inflated = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${server.url}/api/v1/tokens`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.end(bomb);
    });
    expect(inflated).toBe(413);
  });

  it('refuses a malformed percent-encoding in the path with 400, with or without a token', async () => {
    for (const headers of [{}, { authorization: `Bearer ${ADMIN_TOKEN}` }] as Array<Record<string, string>>) {
      for (const pathname of ['/api/v1/kiosks/%ff', '/api/v1/kiosks/%E0%A4%A', '/%zz', '/api/v1/sla/now/%']) {
        const res = await raw(pathname, { headers });
        expect(res.status, pathname).toBe(400);
        expect(JSON.parse(res.body), pathname).toEqual({
          error: {
            code: 'BAD_PATH',
            message: 'the request path has a malformed percent-encoding',
            requestId: expect.any(String) as unknown,
          },
        });
      }
    }
    // A well-formed encoding still routes.
    expect((await api(server, '/api/v1/kiosks/K%2D001')).status).toBe(200);
  });

  it('refuses repeated or array query parameters with 400 instead of reading them as absent', async () => {
    for (const q of ['threshold=0.9&threshold=0.1', 'threshold[]=0.9', 'clock=business&clock=business']) {
      const res = await api<{ error: { code: string } }>(server, `/api/v1/sla/now?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe('BAD_QUERY');
    }
    const unauthenticated = await api<{ error: { code: string } }>(server, '/api/v1/kiosks?a=1&a=2', { token: null });
    expect(unauthenticated.status).toBe(400);
  });

  it('refuses numbers that are not plain decimals (blank, hex, exponent) and still reads plain ones', async () => {
    for (const value of ['%20', '0x1', '1e0', 'Infinity', '', '%2B']) {
      const res = await api<{ error: { code: string; message: string } }>(server, `/api/v1/sla/now?threshold=${value}`);
      if (value === '') {
        // An empty parameter is absent: the default applies (the CLI and the query string agree on this).
        expect(res.status).toBe(200);
        continue;
      }
      expect(res.status, value).toBe(400);
      expect(res.body.error.code, value).toBe('SLA_BAD_OPTION');
    }
    const report = await api<{ error: { code: string } }>(
      server,
      '/api/v1/sla/report?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&repairMinutes=0x10',
    );
    expect(report.status).toBe(400);
    expect(report.body.error.code).toBe('SLA_BAD_OPTION');
    expect((await api(server, '/api/v1/sla/now?threshold=0.5&repairMinutes=90')).status).toBe(200);
  });
});

describe('/healthz', () => {
  it('tells an unauthenticated caller only that the server is alive; details need a valid token', async () => {
    for (const token of [null, 'wrong-token-wrong-token']) {
      const res = await api(server, '/healthz', { token });
      expect(res).toEqual({ status: 200, body: { status: 'ok' } });
    }
    const detailed = await api<Record<string, unknown>>(server, '/healthz');
    expect(detailed.status).toBe(200);
    expect(detailed.body).toMatchObject({ status: 'ok', kiosks: 2, connected: 0 });
  });
});

describe('socket.io default namespace', () => {
  it('refuses a connection to / with DEFAULT_NAMESPACE_CLOSED and keeps no socket there', async () => {
    const client = connectSocket(server.url, { transports: ['websocket'], reconnection: false });
    try {
      const refusal = await new Promise<Error & { data?: { code?: string } }>((resolve, reject) => {
        client.on('connect', () => reject(new Error('connected to the default namespace')));
        client.on('connect_error', resolve);
      });
      expect(refusal.data?.code).toBe('DEFAULT_NAMESPACE_CLOSED');
      expect(client.connected).toBe(false);
      // Nothing joined the namespace on the server.
      const io = (server as unknown as { io: { of(n: string): { sockets: Map<string, unknown> } } }).io;
      expect(io.of('/').sockets.size).toBe(0);
    } finally {
      client.close();
    }
  });
});

describe('socket.io default namespace, raw protocol', () => {
  it('writes the refusal and then closes the connection itself, not waiting for the client', async () => {
    // engine.io v4 over a bare WebSocket: "0{…}" opens, "40" asks for namespace /, "44{…}" is connect_error.
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const received: string[] = [];
    const closed = new Promise<number>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const frame = data.toString('utf8');
        received.push(frame);
        if (frame.startsWith('0{')) ws.send('40');
      });
      ws.on('close', (code) => resolve(code));
      ws.on('error', reject);
    });
    await closed;
    expect(received).toHaveLength(2);
    expect(received[1]).toMatch(/^44\{/);
    expect(JSON.parse(received[1]!.slice(2))).toMatchObject({ data: { code: 'DEFAULT_NAMESPACE_CLOSED' } });
  });
});

describe('maintenance windows on the real server', () => {
  it('records the planner and the canceller by their token subject, and refuses a window over the maximum', async () => {
    const issued = await api<{ token: string }>(server, '/api/v1/tokens', {
      method: 'POST',
      body: JSON.stringify({ role: 'technician', subject: 'tech-ana' }),
    });
    const day = 86_400_000;
    const start = new Date(Date.now() + day).toISOString();
    const tooLong = await api<{ error: { code: string } }>(server, '/api/v1/kiosks/K-001/maintenance', {
      method: 'POST',
      token: issued.body.token,
      body: JSON.stringify({ start, end: '9999-12-31T00:00:00Z', reason: 'forever' }),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('MAINTENANCE_TOO_LONG');
    const planned = await api<{ maintenanceId: string; plannedBy: string }>(
      server,
      '/api/v1/kiosks/K-001/maintenance',
      {
        method: 'POST',
        token: issued.body.token,
        body: JSON.stringify({ start, end: new Date(Date.now() + 2 * day).toISOString(), reason: 'screen swap' }),
      },
    );
    expect(planned.status).toBe(201);
    expect(planned.body.plannedBy).toBe('tech-ana');
    const cancelled = await api<{ end: string; cancelledBy: string }>(
      server,
      `/api/v1/kiosks/K-001/maintenance/${planned.body.maintenanceId}`,
      { method: 'DELETE' },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ end: new Date(start).toISOString(), cancelledBy: 'bootstrap-admin' });
    const logged = server.events.all().filter((e) => e.type.startsWith('maintenance.'));
    expect(logged).toEqual([
      expect.objectContaining({ type: 'maintenance.started', plannedBy: 'tech-ana' }),
      expect.objectContaining({ type: 'maintenance.ended' }),
      expect.objectContaining({
        type: 'maintenance.ended',
        at: new Date(start).toISOString(),
        cancelledBy: 'bootstrap-admin',
      }),
    ]);
  });
});
