// Planned maintenance windows: state (MaintenanceStore, in the event log), rules, routes.
export { MaintenanceStore } from './maintenance-store';
export { MaintenanceWindows, type MaintenanceWindow } from './maintenance-windows';
export {
  MAX_MAINTENANCE_DAYS,
  MaintenanceRequest,
  cancellationEvent,
  maintenanceEvents,
  validateMaintenancePlan,
  type MaintenancePlan,
} from './maintenance-rules';
export { maintenanceRoutes, MaintenanceWindowBody, PLANNERS, type MaintenanceRouterDeps } from './maintenance-routes';
