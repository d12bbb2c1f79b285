// Incidents: the SLA engine's incidents with their human state, restock tasks, and the routes over them.
export { incidentId, parseIncidentId } from './incident-id';
export { engineIncidents, byTimeLeft, type EngineIncident } from './engine-incidents';
export { IncidentStore } from './incident-store';
export { IncidentService, IncidentView, IncidentDetail, canSee, type IncidentQuery } from './incident-service';
export { type IncidentChange } from './change-notifier';
export { RestockTasks, RestockTask } from './restock/restock-tasks';
export { incidentRoutes, RESPONDERS } from './incident-routes';
