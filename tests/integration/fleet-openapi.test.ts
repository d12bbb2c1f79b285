// GET /api/v1/openapi.json on a real fleet server: an OpenAPI 3.1 document, public, listing every route of the
// server's route table with the roles the table enforces, its parameters and bodies from the same zod schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import { openApiPath } from '@guichet/fleet-server/http/openapi';
import { startFleet, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';

let server: FleetServer;

beforeAll(async () => {
  const dir = tempDir('openapi');
  server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 2)), pino({ level: 'silent' }));
});

afterAll(async () => {
  await server?.stop();
});

interface Operation {
  parameters: Array<{ name: string; in: string; required: boolean; schema: unknown }>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> };
  responses: Record<string, unknown>;
  'x-guichet-access': string | string[];
}

describe('the OpenAPI description', () => {
  it('is public, and lists every route with the roles the server enforces', async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(listed.sort()).toEqual(server.routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
    for (const route of server.routes) {
      const op = doc.paths[openApiPath(route.path)]![route.method]!;
      expect(op['x-guichet-access'], `${route.method} ${route.path}`).toEqual(
        route.access === 'public' ? 'public' : [...route.access],
      );
      if (route.access !== 'public') expect(Object.keys(op.responses)).toContain('401');
    }
  });

  it('describes path parameters, query parameters and bodies from the validating schemas', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const plan = doc.paths['/kiosks/{id}/maintenance']!.post!;
    expect(plan.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));
    const body = plan.requestBody!.content['application/json']!.schema;
    expect(body.required?.sort()).toEqual(['end', 'reason', 'start']);
    const report = doc.paths['/sla/report']!.get!;
    expect(report.parameters.map((p) => `${p.in}:${p.name}:${p.required}`).sort()).toEqual([
      'query:clock:false',
      'query:from:false',
      'query:repairMinutes:false',
      'query:threshold:false',
      'query:to:false',
    ]);
  });
});
