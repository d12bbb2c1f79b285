// Repaired incidents as GET /api/v1/incidents?status=repaired gives them (the kiosk reports the device working, the
// repair clock has stopped, a person has still to resolve it with a note), and as the queue's cards show them (pure).
import type { ConsoleIncident } from '../live/console-types';

/** The fields of the fleet API's IncidentView (fleet-server/src/incidents/incident-service.ts) the console reads. */
export interface RepairedIncident {
  incidentId: string;
  kioskId: string;
  siteId: string;
  detectedAt: string;
  repairedAt: string | null;
  components: string[];
  repairSecondsLeft: number;
  withinSla: boolean | null;
  acknowledgedBy: string | null;
  assignee: string | null;
  resolvedAt: string | null;
  at: string;
}

export function repairedToConsole(incident: RepairedIncident): ConsoleIncident {
  return {
    incidentId: incident.incidentId,
    kioskId: incident.kioskId,
    siteId: incident.siteId,
    detectedAt: incident.detectedAt,
    components: incident.components,
    repairSecondsLeft: incident.repairSecondsLeft,
    clockRunning: false,
    withinSla: incident.withinSla,
    state: incident.acknowledgedBy ? 'acknowledged' : 'open',
    acknowledgedBy: incident.acknowledgedBy,
    assignee: incident.assignee,
    at: incident.at,
  };
}
