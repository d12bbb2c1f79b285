// The OpenAPI 3.1 description of the fleet API (GET /api/v1/openapi.json), written from the route table's zod
// schemas (zod's own JSON Schema output), so every path, parameter, body and role it lists is what the server
// enforces. `x-guichet-access` on each operation names the roles allowed ("public" for none needed).
import { z } from 'zod';
import type { ApiRoute, ResponseSpec } from './api-route';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonSchema {
  // Inputs as the client sends them; transforms and refinements cannot be expressed and are left open.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

/** `/kiosks/:id` → `/kiosks/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !field.safeParse(undefined).success,
    ...(field.description ? { description: field.description } : {}),
    schema: jsonSchema(field),
  }));
}

const ERROR_BODY = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional().describe('The X-Request-Id of the request, also in its log lines'),
  }),
});

const SHARED_RESPONSES: Record<number, ResponseSpec> = {
  400: { description: 'The request is malformed (the body names the reason and a stable code).' },
  401: { description: 'No valid credential (API token or session).' },
  403: { description: "The credential's role or scope may not do this." },
  429: { description: 'Too many attempts from this address or for this account; retry after Retry-After seconds.' },
  503: { description: 'Storage is failing or the API is disabled.' },
};

function responses(route: ApiRoute): JsonSchema {
  const all: Record<number, ResponseSpec> = { ...route.responses };
  for (const [status, spec] of Object.entries(SHARED_RESPONSES)) {
    const code = Number(status);
    if (all[code] === undefined && (route.access !== 'public' || code === 400 || code === 429 || code === 503))
      all[code] = { ...spec, schema: ERROR_BODY };
  }
  return Object.fromEntries(
    Object.entries(all).map(([status, spec]) => [
      status,
      {
        description: spec.description,
        ...(spec.schema
          ? { content: { [spec.contentType ?? 'application/json']: { schema: jsonSchema(spec.schema) } } }
          : {}),
      },
    ]),
  );
}

export function openApiDocument(routes: readonly ApiRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    (paths[path] ??= {})[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string = '') => c.toUpperCase())}`,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } }
        : {}),
      responses: responses(route),
      security: route.access === 'public' ? [] : [{ bearerToken: [] }, { session: [] }],
      'x-guichet-access': route.access === 'public' ? 'public' : [...route.access],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Guichet fleet API',
      version,
      description:
        'The fleet server of the Guichet kiosk network: kiosks, incidents, maintenance, SLA figures, people. ' +
        'Machines send `Authorization: Bearer <token>`; people sign in and send the session cookie plus the ' +
        '`X-CSRF-Token` header on every change.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token issued by an admin.' },
        session: { type: 'apiKey', in: 'cookie', name: 'guichet_session', description: 'A signed-in session.' },
      },
    },
    paths,
  };
}
