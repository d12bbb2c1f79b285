// Serves a route table over real HTTP for a route file's own tests, with the fleet server's body parser, strict
// query handling and error handler; the principal comes from test headers instead of a credential (the real
// authentication is tested by the fleet server's integration tests).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { Principal, setPrincipal } from '../auth/principal';
import { mountRoutes, type ApiRoute } from '../http/api-route';
import { errorHandler, sendError } from '../http/http-errors';
import { refuseRepeatedQuery } from '../http/strict-request';

export interface RouteTestApp {
  /** http://127.0.0.1:<port>/api/v1 */
  base: string;
  close(): Promise<void>;
}

/**
 * `x-test-role` (and optionally `x-test-region`, `x-test-ministry`) make the request's principal; without it the
 * request is refused 401 as the real authentication would.
 */
export async function startRouteTestApp(routes: readonly ApiRoute[]): Promise<RouteTestApp> {
  const app = express();
  app.use(express.json({ limit: '256kb' }));
  const api = express.Router();
  api.use(refuseRepeatedQuery);
  mountRoutes(api, routes, (req, res, next) => {
    const role = req.header('x-test-role');
    const principal = Principal.safeParse({
      kind: 'token',
      role,
      subject: `test-${role}`,
      region: req.header('x-test-region'),
      ministry: req.header('x-test-ministry'),
    });
    if (!principal.success) return sendError(res, 401, 'AUTH_REQUIRED', 'authentication required');
    setPrincipal(res, principal.data);
    next();
  });
  app.use('/api/v1', api);
  app.use(errorHandler(pino({ level: 'silent' })));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
