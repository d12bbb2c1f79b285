// GET /metrics for a Prometheus scraper: a bearer API token (machines scrape; no session cookie, so no browser
// can be made to), whose principal has the fleet-wide view — an admin, or a technician bound to no region. The
// figures are fleet-wide counts, so a region-bound technician or a ministry analyst is refused (403).
import type { Request, RequestHandler, Response } from 'express';
import { principalOf, type Principal } from '../auth/principal';
import { sendError } from '../http/http-errors';
import type { FleetMetrics } from './fleet-metrics';

export const METRICS_PATH = '/metrics';

/** Who may read the fleet-wide figures. */
export function mayScrape(principal: Principal): boolean {
  return principal.role === 'admin' || (principal.role === 'technician' && principal.region === undefined);
}

export function metricsHandlers(deps: { authenticate: RequestHandler; metrics: FleetMetrics }): RequestHandler[] {
  return [
    // Bearer only: a session cookie is not even looked at (the authenticator would accept one).
    (req, res, next) => {
      if (/^Bearer\s+\S+$/i.test(req.get('authorization') ?? '')) return next();
      res.set('WWW-Authenticate', 'Bearer realm="guichet"');
      sendError(res, 401, 'AUTH_REQUIRED', 'metrics need an API token (Authorization: Bearer …)');
    },
    // The same check as the API's, throttled the same way for wrong tokens.
    deps.authenticate,
    async (_req: Request, res: Response) => {
      const principal = principalOf(res);
      if (!principal || !mayScrape(principal))
        return sendError(res, 403, 'FORBIDDEN', 'metrics need an admin token or a technician token bound to no region');
      const text = await deps.metrics.scrape();
      res.set('Cache-Control', 'no-store').type(deps.metrics.contentType).send(text);
    },
  ];
}
