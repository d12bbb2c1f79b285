// The fleet API of the SLA engine (formats of docs/sla.md): event and site export, the report and the live
// view. Mounted by the fleet server at /api/v1 behind its auth middleware; planning maintenance windows is
// incidents/maintenance's route.
import express, { type Request, type Response, type NextFunction } from 'express';
import { GuichetError, isGuichetError } from '@guichet/shared';
import type { SitesFile } from '@guichet/shared/sites/sites-file';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { computeSlaReport } from './compute-sla-report';
import { computeLiveView } from './live-view';
import { exportEvents } from './event-export';
import { parseSlaQuery } from './sla-query';
import { SlaOptions } from './sla-report';
import type { ApiRole } from '../registry/api-tokens';
import { requireRole } from '../http/api-auth';
import { sendError } from '../http/http-errors';

export interface SlaRouterDeps {
  now: () => Date;
  sitesFile: () => SitesFile; // the registry's sites and kiosks
  events: () => readonly FleetEvent[]; // the whole event log, in append order
}

/**
 * The longest period the API computes in one request. The engine's work grows with the period (service
 * days × sites), and a report runs on the server's event loop: a request for centuries would block
 * heartbeats for seconds and exhaust memory. A year and a month covers every monthly and annual report;
 * the `guichet sla` command, on the caller's own machine, has no limit.
 */
export const MAX_API_PERIOD_DAYS = 400;

function limitPeriod(from: Date, to: Date): void {
  if (to.getTime() - from.getTime() > MAX_API_PERIOD_DAYS * 86_400_000) {
    throw new GuichetError(
      'SLA_PERIOD_TOO_LONG',
      `the period may span at most ${MAX_API_PERIOD_DAYS} days through the API; use guichet sla on an export for longer ones`,
    );
  }
}

/** Who may read the figures (docs/sla-engine.md "API"): people, not kiosks. */
const READERS: ApiRole[] = ['admin', 'technician', 'ministry'];

/** A query parameter given once (empty: absent); repeated or as an array it is refused, never read as absent. */
function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined; // Empty is absent, as parseSlaQuery reads it.
  if (typeof value === 'string') return value;
  throw new GuichetError('BAD_QUERY', `query parameter ${name} must be given once, as plain text`);
}

export function createSlaRouter(deps: SlaRouterDeps): express.Router {
  const router = express.Router();

  router.get('/sla/sites', requireRole(...READERS), (_req, res) => {
    res.json(deps.sitesFile());
  });

  router.get('/sla/events', requireRole(...READERS), (req, res) => {
    const events = deps.events();
    const sites = deps.sitesFile();
    const from = query(req, 'from');
    const to = query(req, 'to');
    let selected: readonly FleetEvent[];
    if (from === undefined && to === undefined) {
      selected = events;
    } else {
      const { from: f, to: t } = parseSlaQuery({ from, to });
      limitPeriod(f, t);
      selected = exportEvents(
        events,
        sites.kiosks.map((k) => k.id),
        f.getTime(),
        t.getTime(),
      );
    }
    res.type('application/x-ndjson').send(selected.map((e) => `${JSON.stringify(e)}\n`).join(''));
  });

  router.get('/sla/report', requireRole(...READERS), (req, res) => {
    const q = parseSlaQuery({
      from: query(req, 'from'),
      to: query(req, 'to'),
      clock: query(req, 'clock'),
      threshold: query(req, 'threshold'),
      repairMinutes: query(req, 'repairMinutes'),
    });
    limitPeriod(q.from, q.to);
    res.json(computeSlaReport({ sites: deps.sitesFile(), events: deps.events(), ...q }));
  });

  router.get('/sla/now', requireRole(...READERS), (req, res) => {
    const options = SlaOptions.safeParse({
      clock: query(req, 'clock'),
      threshold: query(req, 'threshold'),
      repairMinutes: query(req, 'repairMinutes'),
    });
    if (!options.success)
      throw new GuichetError(
        'SLA_BAD_OPTION',
        options.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    res.json(computeLiveView({ sites: deps.sitesFile(), events: deps.events(), now: deps.now(), ...options.data }));
  });

  router.use('/sla', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (isGuichetError(error)) {
      sendError(res, 400, error.code, error.message);
      return;
    }
    next(error);
  });
  return router;
}
