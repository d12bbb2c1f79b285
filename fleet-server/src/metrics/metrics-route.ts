// GET /metrics for a Prometheus scraper: a bearer API token (machines scrape; no session cookie, so no browser
// can be made to), whose principal has the fleet-wide view — an admin, or a technician bound to no region. The
// figures are fleet-wide counts, so a region-bound technician or a ministry analyst is refused (403).
import type { Request, RequestHandler, Response } from 'express';
import { principalOf, type Principal } from '../auth/principal';
import { requireApiToken } from '../http/api-auth';
import { sendError } from '../http/http-errors';
import type { ApiTokens } from '../registry/api-tokens';
import type { FleetMetrics } from './fleet-metrics';

export const METRICS_PATH = '/metrics';

/** Who may read the fleet-wide figures. */
export function mayScrape(principal: Principal): boolean {
  return principal.role === 'admin' || (principal.role === 'technician' && principal.region === undefined);
}

export function metricsHandlers(deps: { tokens: ApiTokens; metrics: FleetMetrics }): RequestHandler[] {
  return [
    requireApiToken(deps.tokens),
    async (_req: Request, res: Response) => {
      const principal = principalOf(res);
      if (!principal || !mayScrape(principal))
        return sendError(res, 403, 'FORBIDDEN', 'metrics need an admin token or a technician token bound to no region');
      const text = await deps.metrics.scrape();
      res.set('Cache-Control', 'no-store').type(deps.metrics.contentType).send(text);
    },
  ];
}
