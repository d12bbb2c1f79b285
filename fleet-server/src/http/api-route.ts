// One declaration per fleet API route: method, path, who may call it, and the zod schemas of its path parameters,
// query, body and answers. The same declaration validates requests, checks roles, and writes the OpenAPI
// description (openapi.ts), so the description cannot drift from what the server enforces.
import { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { principalOf, type Principal, type Role } from '../auth/principal';
import { sendError } from './http-errors';

/** `public`: anyone, before authentication (sign-in, the API description). Otherwise the roles allowed. */
export type Access = 'public' | readonly Role[];

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  /** The JSON body's schema (documentation only: answers are built by typed code, not re-validated). */
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

export interface RouteContext<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  /** Undefined only on public routes. */
  principal: Principal | undefined;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: HttpMethod;
  /** Express syntax, relative to /api/v1: `/kiosks/:id`. */
  path: string;
  summary: string;
  /** The OpenAPI tag (one per concept: kiosks, incidents, sla, …). */
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** The code of a body the schema refuses (default BAD_REQUEST), where a concept has its own. */
  badBodyCode?: string;
  /** Every status the route answers besides the shared ones (400, 401, 403, 429, 503). */
  responses: Record<number, ResponseSpec>;
  handler: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => void | Promise<void>;
}

/** A route with its types erased, as the route table holds it. */
export interface ApiRoute {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  badBodyCode?: string;
  responses: Record<number, ResponseSpec>;
  handler: (ctx: RouteContext<unknown, unknown, unknown>) => void | Promise<void>;
}

const NONE = z.object({});

export function defineRoute<
  P extends z.ZodType = typeof NONE,
  Q extends z.ZodType = typeof NONE,
  B extends z.ZodType = z.ZodUndefined,
>(spec: RouteSpec<P, Q, B>): ApiRoute {
  return spec as unknown as ApiRoute;
}

function describeIssues(where: string, error: z.ZodError): string {
  return `${where}: ${error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}`;
}

/** Runs one route: role check, then params, query and body parsed by their schemas (400 with the reasons). */
function routeHandler(route: ApiRoute): RequestHandler {
  return async (req, res) => {
    const principal = principalOf(res);
    if (route.access !== 'public') {
      if (!principal) return sendError(res, 401, 'AUTH_REQUIRED', 'authentication required');
      if (!route.access.includes(principal.role))
        return sendError(res, 403, 'FORBIDDEN', `this action needs one of the roles: ${route.access.join(', ')}`);
    }
    const params = (route.params ?? NONE).safeParse(req.params);
    if (!params.success) return sendError(res, 404, 'NOT_FOUND', describeIssues('path', params.error));
    const query = (route.query ?? NONE).safeParse(req.query);
    if (!query.success) return sendError(res, 400, 'BAD_QUERY', describeIssues('query', query.error));
    let body: unknown = undefined;
    if (route.body) {
      const parsed = route.body.safeParse(req.body);
      if (!parsed.success)
        return sendError(res, 400, route.badBodyCode ?? 'BAD_REQUEST', describeIssues('body', parsed.error));
      body = parsed.data;
    }
    await route.handler({ req, res, params: params.data, query: query.data, body, principal });
  };
}

/**
 * Mounts a route table on an API router: public routes first, then `authenticate` (which refuses a request
 * without a valid credential before any protected route is matched, so an unknown path and a known one look
 * the same to a stranger), then the protected routes.
 */
export function mountRoutes(router: Router, routes: readonly ApiRoute[], authenticate: RequestHandler): void {
  for (const route of routes.filter((r) => r.access === 'public'))
    router[route.method](route.path, routeHandler(route));
  router.use(authenticate);
  for (const route of routes.filter((r) => r.access !== 'public'))
    router[route.method](route.path, routeHandler(route));
}
