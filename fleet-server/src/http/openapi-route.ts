// GET /api/v1/openapi.json: the API's description, public like any API's documentation (it names routes and
// roles, no data).
import { defineRoute, type ApiRoute } from './api-route';
import { openApiDocument } from './openapi';

export const API_VERSION = '1.0.0';

export function openApiRoute(routes: () => readonly ApiRoute[]): ApiRoute {
  let document: unknown;
  return defineRoute({
    method: 'get',
    path: '/openapi.json',
    tag: 'meta',
    summary: 'This description of the fleet API (OpenAPI 3.1)',
    access: 'public',
    responses: { 200: { description: 'The OpenAPI document' } },
    handler: ({ res }) => {
      document ??= openApiDocument(routes(), API_VERSION);
      res.json(document);
    },
  });
}
