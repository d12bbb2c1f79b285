// Mounts the SLA routes (src/sla) on the API router, fed by the registry and the event log.
import type { Router } from 'express';
import type { SitesRegistry } from './registry/sites-registry';
import type { EventLog } from './storage/event-log';

export interface SlaMountDeps {
  now: () => Date;
  registry: SitesRegistry;
  events: EventLog;
}

export function mountSlaRoutes(_api: Router, _deps: SlaMountDeps): void {
  // Wired to src/sla/sla-routes.ts once the SLA engine lands (issue 4).
}
