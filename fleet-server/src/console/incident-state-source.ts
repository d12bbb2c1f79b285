// The console's view of what people did about each incident, read from the incident service: resolved once a
// resolution is recorded, acknowledged once someone took it, otherwise open. Any incident change re-reads it.
import type { IncidentService } from '../incidents/incident-service';
import type { IncidentStateSource } from './incident-feed';

export function incidentStateSource(incidents: Pick<IncidentService, 'humanState' | 'onChange'>): IncidentStateSource {
  return {
    stateOf: (incidentId) => {
      const human = incidents.humanState(incidentId);
      return {
        state: human.resolvedAt ? 'resolved' : human.acknowledgedBy ? 'acknowledged' : 'open',
        acknowledgedBy: human.acknowledgedBy,
        assignee: human.assignee,
      };
    },
    onChange: (listener) => incidents.onChange(() => listener()),
  };
}
