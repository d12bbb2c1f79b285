// The authorization matrix: every operation of the fleet API's OpenAPI description (read from the server, so a
// route added later is covered without touching this file), plus /metrics and /healthz, × every credential —
// each role and scope presented as an API token, no credential, a wrong bearer token, a kiosk's credential as a
// bearer token — over real HTTP on a real fleet server. Expected: the operation's declared access allows (anything
// but 401/403, never 5xx), or denies with 401 (no valid credential) or 403 (role). Each credential runs on a fresh
// server, so a DELETE or a sign-out cannot change another credential's answers.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import type { MinistryId } from '@guichet/shared';
import type { Role } from '@guichet/fleet-server/auth/principal';
import { openApiPath } from '@guichet/fleet-server/http/openapi';
import { ADMIN_TOKEN, startFleet, tempDir, testFleetConfig } from '../support/fleet-harness';
import { exampleOf, type JsonSchema } from '../support/json-schema-example';
import { sessionHeaders, signIn } from '../support/session-client';

const REGION = 'toronto';
const MINISTRY: MinistryId = 'transportation';
const KIOSK = 'K-001';

/** Who a credential speaks for. */
interface Who {
  role: Role;
  region?: string;
  ministry?: MinistryId;
}

/**
 * How a principal is presented to the server. Each entry makes one credential per principal of WHO: when
 * sessions exist, one entry `session: (server, who) => sign in a user of that role, return { cookie,
 * 'x-csrf-token' }` adds "a session user of each role" to the matrix (and /metrics expects 401 for it: bearer only).
 */
/** A person of that role and scope, signed in over HTTP as the console does. */
async function signedIn(server: FleetServer, who: Who): Promise<{ cookie: string; csrf: string }> {
  const username = `matrix-${who.role}`;
  const password = 'a matrix password of some length';
  await server.users.create(
    {
      username,
      role: who.role,
      ...(who.region ? { region: who.region } : {}),
      ...(who.ministry ? { ministry: who.ministry } : {}),
    },
    password,
  );
  const session = await signIn(server.url, username, password);
  expect(session.status).toBe(200);
  return session;
}

const PRESENTED_AS: Record<string, (server: FleetServer, who: Who) => Promise<Record<string, string>>> = {
  session: async (server, who) => sessionHeaders(await signedIn(server, who)),
  token: (server, who) =>
    Promise.resolve({
      authorization: `Bearer ${server.tokens.issue(who.role, `matrix-${who.role}`, new Date(), {
        ...(who.region ? { region: who.region } : {}),
        ...(who.ministry ? { ministry: who.ministry } : {}),
      })}`,
    }),
};

const WHO: Array<{ name: string; who: Who }> = [
  { name: 'admin', who: { role: 'admin' } },
  { name: 'technician', who: { role: 'technician' } },
  { name: `technician of region ${REGION}`, who: { role: 'technician', region: REGION } },
  { name: `analyst of ${MINISTRY}`, who: { role: 'analyst', ministry: MINISTRY } },
];

interface Credential {
  name: string;
  /** How it is presented; `anonymous` carries no valid principal. */
  kind: string;
  who?: Who;
  headers: (server: FleetServer) => Promise<Record<string, string>>;
}

const CREDENTIALS: Credential[] = [
  ...Object.entries(PRESENTED_AS).flatMap(([kind, present]) =>
    WHO.map(({ name, who }) => ({ name: `${kind} ${name}`, kind, who, headers: (s: FleetServer) => present(s, who) })),
  ),
  {
    name: 'bootstrap admin token',
    kind: 'token',
    who: { role: 'admin' },
    headers: () => Promise.resolve({ authorization: `Bearer ${ADMIN_TOKEN}` }),
  },
  {
    // A forged cross-site request would carry the cookie but not the CSRF token: reads pass, every change is refused.
    name: 'session technician without the CSRF token',
    kind: 'session-no-csrf',
    who: { role: 'technician' },
    headers: async (server) => ({ cookie: (await signedIn(server, { role: 'technician' })).cookie }),
  },
  { name: 'no credential', kind: 'anonymous', headers: () => Promise.resolve({}) },
  {
    name: 'wrong bearer token',
    kind: 'anonymous',
    headers: () => Promise.resolve({ authorization: 'Bearer gt_0000000000000000000000000000000000' }),
  },
  {
    name: 'kiosk credential as bearer token',
    kind: 'anonymous',
    headers: (server) => Promise.resolve({ authorization: `Bearer ${server.credentials.issue(KIOSK, new Date())}` }),
  },
];

type Expected = 'allow' | 401 | 403;

interface Operation {
  parameters?: Array<{ name: string; in: string; required: boolean; schema: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  'x-guichet-access': 'public' | Role[];
}

interface MatrixCase {
  label: string;
  method: string;
  /** Built per server: instants now, path parameters from ids its earlier answers named (else a plausible value). */
  build: (ids: ReadonlyMap<string, string>) => { path: string; body?: unknown };
  expected: (credential: Credential) => Expected;
  /** Statuses the route itself declares (a 401 of a sign-in, a 403 of a scope), accepted from an allowed caller. */
  declared: ReadonlySet<number>;
  check?: (credential: Credential, status: number, body: unknown) => void;
}

function writeSites(dir: string): string {
  const day = [['00:00', '24:00']];
  const hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
  const file = {
    sites: [{ id: 'site-test', name: 'Test Mall', kind: 'mall', timezone: 'America/Toronto', region: REGION, hours }],
    kiosks: ['K-001', 'K-002', 'K-003'].map((id) => ({
      id,
      siteId: 'site-test',
      commissionedAt: '2025-01-01T00:00:00.000Z',
    })),
  };
  const filePath = path.join(dir, 'sites.json');
  fs.writeFileSync(filePath, JSON.stringify(file));
  return filePath;
}

async function newServer(): Promise<FleetServer> {
  const dir = tempDir('authz');
  return startFleet(testFleetConfig(dir, writeSites(dir)), pino({ level: 'silent' }));
}

/** Role gate of the route table: public, or the declared roles; everything needs a valid principal first. */
function byAccess(access: Operation['x-guichet-access'], method: string): (credential: Credential) => Expected {
  return (credential) => {
    if (access === 'public') return 'allow';
    if (!credential.who) return 401;
    if (credential.kind === 'session-no-csrf' && method !== 'get') return 403;
    return access.includes(credential.who.role) ? 'allow' : 403;
  };
}

/** The code of an expected refusal. */
function refusalCode(expected: 401 | 403, credential: Credential, method: string): string {
  if (expected === 401) return 'AUTH_REQUIRED';
  return credential.kind === 'session-no-csrf' && method !== 'get' ? 'CSRF_REQUIRED' : 'FORBIDDEN';
}

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Remembers the first string of each field name in an answer (`maintenanceId`, `incidentId`, …): a later route
 * whose path parameter has that name then acts on a thing that exists, e.g. DELETE the window a POST planned.
 */
function harvestIds(body: unknown, ids: Map<string, string>): void {
  if (Array.isArray(body)) for (const item of body) harvestIds(item, ids);
  else if (body && typeof body === 'object')
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string') {
        if (/id$/i.test(key) && !ids.has(key)) ids.set(key, value);
      } else harvestIds(value, ids);
    }
}

function apiCases(doc: { paths: Record<string, Record<string, Operation>> }, server: FleetServer): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const route = server.routes.find((r) => r.method === method && openApiPath(r.path) === template);
      cases.push({
        label: `${method.toUpperCase()} /api/v1${template}`,
        method,
        declared: new Set(Object.keys(route?.responses ?? {}).map(Number)),
        expected: byAccess(op['x-guichet-access'], method),
        build: (ids) => {
          const ctx = { kioskId: KIOSK, now: new Date() };
          let filled = template;
          const query = new URLSearchParams();
          for (const p of op.parameters ?? []) {
            const value =
              p.name === 'id' || /kiosk/i.test(p.name) ? KIOSK : (ids.get(p.name) ?? exampleOf(p.schema, ctx, p.name));
            const text = typeof value === 'string' ? value : JSON.stringify(value);
            if (p.in === 'path') filled = filled.replace(`{${p.name}}`, encodeURIComponent(text));
            else if (p.in === 'query' && p.required) query.set(p.name, text);
          }
          const schema = op.requestBody?.content['application/json']?.schema;
          return {
            path: `/api/v1${filled}${query.size ? `?${query.toString()}` : ''}`,
            ...(op.requestBody ? { body: schema ? exampleOf(schema, ctx) : {} } : {}),
          };
        },
      });
    }
  }
  return cases;
}

/** The two routes outside the route table. */
const EXTRA_CASES: MatrixCase[] = [
  {
    label: 'GET /metrics',
    method: 'get',
    declared: new Set(),
    build: () => ({ path: '/metrics' }),
    // Bearer tokens only (a scraper), with the fleet-wide view: admin, or a technician bound to no region.
    expected: (c) => {
      if (!c.who || c.kind !== 'token') return 401; // a session cookie is not even looked at
      return c.who.role === 'admin' || (c.who.role === 'technician' && !c.who.region) ? 'allow' : 403;
    },
  },
  {
    label: 'GET /healthz',
    method: 'get',
    declared: new Set(),
    build: () => ({ path: '/healthz' }),
    expected: () => 'allow',
    // Anyone learns it is alive; only a valid token learns how the fleet fares.
    check: (c, status, body) => {
      expect(status).toBe(200);
      expect(Object.keys(body as object).includes('kiosks'), `${c.name}: fleet details`).toBe(
        c.who !== undefined && c.kind !== 'anonymous',
      );
    },
  },
];

/**
 * Each request from its own loopback address (127.0.0.2 …): the matrix's many wrong credentials must meet the
 * auth layer's answer, not a per-address throttle meant for guessing.
 */
let addressCounter = 0;
function send(
  server: FleetServer,
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const localAddress = `127.0.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 2}`;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}${pathname}`,
      {
        method: method.toUpperCase(),
        localAddress,
        headers: { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = /json/.test(res.headers['content-type'] ?? '');
          resolve({ status: res.statusCode!, body: json && text ? (JSON.parse(text) as unknown) : text });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

// The catalog: the OpenAPI document of a server like the ones each credential runs on.
const catalog = await newServer();
const openApi = (await (await fetch(`${catalog.url}/api/v1/openapi.json`)).json()) as {
  paths: Record<string, Record<string, Operation>>;
};
/** Changes after reads, deletions last, and signing out the very last (it ends a session credential). */
function ordered(cases: MatrixCase[]): MatrixCase[] {
  const signOut = (c: MatrixCase) => (c.label === 'DELETE /api/v1/session' ? 1 : 0);
  return cases.sort(
    (a, b) => signOut(a) - signOut(b) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
  );
}

const CASES = ordered([...apiCases(openApi, catalog), ...EXTRA_CASES]);
const ROUTE_TABLE_SIZE = catalog.routes.length;
await catalog.stop();

const MATRIX_SIZE = CASES.length * CREDENTIALS.length;
const asserted: string[] = [];

describe(`authorization matrix: ${CASES.length} routes (${ROUTE_TABLE_SIZE} of the API, /metrics, /healthz) × ${CREDENTIALS.length} credentials`, () => {
  it('covers every route of the route table, plus /metrics and /healthz', () => {
    expect(CASES.length).toBe(ROUTE_TABLE_SIZE + EXTRA_CASES.length);
    expect(new Set(CASES.map((c) => c.label)).size).toBe(CASES.length);
  });

  it.each(CREDENTIALS.map((c) => [c.name, c] as const))(
    `%s: every route allowed or denied as declared, never a 5xx`,
    async (_name, credential) => {
      const server = await newServer();
      try {
        const headers = await credential.headers(server);
        const failures: string[] = [];
        const ids = new Map<string, string>();
        for (const c of CASES) {
          const { path: pathname, body } = c.build(ids);
          const answer = await send(server, c.method, pathname, headers, body);
          if (answer.status < 300) harvestIds(answer.body, ids);
          const expected = c.expected(credential);
          const where = `${c.label} as ${credential.name} → ${answer.status}`;
          if (answer.status >= 500) failures.push(`${where}: a 5xx`);
          else if (expected === 'allow') {
            if ((answer.status === 401 || answer.status === 403) && !c.declared.has(answer.status))
              failures.push(`${where}: expected allowed (${JSON.stringify(answer.body)})`);
          } else if (answer.status !== expected) failures.push(`${where}: expected ${expected}`);
          else
            expect(answer.body, where).toMatchObject({
              error: {
                code: refusalCode(expected, credential, c.method),
                requestId: expect.any(String) as unknown,
              },
            });
          c.check?.(credential, answer.status, answer.body);
          asserted.push(`${c.label} ${credential.name}`);
        }
        expect(failures).toEqual([]);
      } finally {
        await server.stop();
      }
    },
  );

  // The size and result, in the test names: `… 13 routes × 8 credentials` and `all 104 cases asserted`.
  it(`all ${MATRIX_SIZE} cases asserted`, () => {
    expect(new Set(asserted).size).toBe(MATRIX_SIZE);
  });
});
