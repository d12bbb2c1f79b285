// The fleet API of the SLA engine (formats of docs/sla.md): event and site export, the report and the live
// view. Mounted by the fleet server at /api/v1 behind its auth middleware; planning maintenance windows is
// incidents/maintenance's route.
import { z } from 'zod';
import { GuichetError } from '@guichet/shared';
import type { SitesFile } from '@guichet/shared/sites/sites-file';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { computeSlaReport } from './compute-sla-report';
import { computeLiveView } from './live-view';
import { exportEvents } from './event-export';
import { parseSlaQuery } from './sla-query';
import { SlaOptions, SlaReport } from './sla-report';
import { LiveView } from './live-view';
import type { Role } from '../auth/principal';
import { defineRoute, type ApiRoute } from '../http/api-route';

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
const READERS: readonly Role[] = ['admin', 'technician', 'analyst'];

/** Empty is absent, as parseSlaQuery reads it (repeated parameters are refused before routing). */
const Param = (description: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .describe(description);

const Period = {
  from: Param('Start of the period, an ISO instant (inclusive)'),
  to: Param('End of the period, an ISO instant (exclusive)'),
};
const Options = {
  clock: Param('service-hours (default) or wall: the clock repair times are counted on'),
  threshold: Param('The operational fraction the fleet must keep (default 0.97)'),
  repairMinutes: Param('The repair limit in minutes (default 120)'),
};

export function slaRoutes(deps: SlaRouterDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/sla/sites',
      tag: 'sla',
      summary: 'The sites file the SLA engine reads (sites, hours, kiosks)',
      access: READERS,
      responses: { 200: { description: 'The sites file of docs/sla.md' } },
      handler: ({ res }) => {
        res.json(deps.sitesFile());
      },
    }),
    defineRoute({
      method: 'get',
      path: '/sla/events',
      tag: 'sla',
      summary: 'The fleet events of a period (all without one), one JSON object per line',
      access: READERS,
      query: z.object(Period),
      responses: {
        200: { description: 'Events as NDJSON', contentType: 'application/x-ndjson', schema: z.string() },
      },
      handler: ({ res, query }) => {
        const events = deps.events();
        let selected: readonly FleetEvent[];
        if (query.from === undefined && query.to === undefined) {
          selected = events;
        } else {
          const { from: f, to: t } = parseSlaQuery({ from: query.from, to: query.to });
          limitPeriod(f, t);
          selected = exportEvents(
            events,
            deps.sitesFile().kiosks.map((k) => k.id),
            f.getTime(),
            t.getTime(),
          );
        }
        res.type('application/x-ndjson').send(selected.map((e) => `${JSON.stringify(e)}\n`).join(''));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/sla/report',
      tag: 'sla',
      summary: 'The SLA report of a period (docs/sla.md)',
      access: READERS,
      query: z.object({ ...Period, ...Options }),
      responses: { 200: { description: 'The report', schema: SlaReport } },
      handler: ({ res, query }) => {
        const q = parseSlaQuery(query);
        limitPeriod(q.from, q.to);
        res.json(computeSlaReport({ sites: deps.sitesFile(), events: deps.events(), ...q }));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/sla/now',
      tag: 'sla',
      summary: 'The live view: operational fraction now, kiosks down, open incidents and their repair clocks',
      access: READERS,
      query: z.object(Options),
      responses: { 200: { description: 'The live view', schema: LiveView } },
      handler: ({ res, query }) => {
        const options = SlaOptions.safeParse(query);
        if (!options.success)
          throw new GuichetError(
            'SLA_BAD_OPTION',
            options.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        res.json(computeLiveView({ sites: deps.sitesFile(), events: deps.events(), now: deps.now(), ...options.data }));
      },
    }),
  ];
}
