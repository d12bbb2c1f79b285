// The SLA engine of docs/sla.md: public surface for the command, the fleet API and the live view.
export { computeSlaReport, type SlaInput } from './compute-sla-report';
export { computeLiveView, LiveView, type LiveViewInput } from './live-view';
export { parseEventsJsonl, parseSitesFile } from './parse-inputs';
export { exportEvents } from './event-export';
export { slaRoutes, type SlaRouterDeps } from './sla-routes';
export { registerSlaCommand } from './cli';
export { SlaReport, SlaOptions, SlaClock, DEFAULT_THRESHOLD, DEFAULT_REPAIR_MINUTES } from './sla-report';
