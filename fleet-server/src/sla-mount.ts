// Mounts the SLA routes (src/sla) on the API router, fed by the registry and the event log.
import type { Router } from 'express';
import type { SitesRegistry } from './registry/sites-registry';
import type { EventLog } from './storage/event-log';
import { createSlaRouter } from './sla/sla-routes';

export interface SlaMountDeps {
  now: () => Date;
  registry: SitesRegistry;
  events: EventLog;
}

export function mountSlaRoutes(api: Router, deps: SlaMountDeps): void {
  api.use(
    createSlaRouter({
      now: deps.now,
      sitesFile: () => deps.registry.file,
      events: () => deps.events.snapshot(),
    }),
  );
}
