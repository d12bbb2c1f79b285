// What a person may do to an incident, given the engine's view of it and its human state (pure). A resolve needs
// the engine to have seen the repair and the kiosk to report none of the incident's faults any more.
import { z } from 'zod';
import { GuichetError } from '@guichet/shared';
import type { IncidentHumanState } from './incident-store';

export type IncidentAction = 'acknowledge' | 'assign' | 'note' | 'resolve';

export const IncidentStatus = z.enum(['open', 'repaired', 'resolved']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** open: a fault is still active; repaired: the engine saw every fault cleared; resolved: and a person wrote why. */
export function incidentStatus(repairedAt: string | null, human: IncidentHumanState): IncidentStatus {
  if (repairedAt === null) return 'open';
  return human.resolvedAt === null ? 'repaired' : 'resolved';
}

/** Free text a person writes (notes, resolutions): printable, line breaks allowed, at most NOTE_MAX_LENGTH. */
export const NOTE_MAX_LENGTH = 1000;
export const NoteText = z
  .string()
  .trim()
  .min(1)
  .max(NOTE_MAX_LENGTH)
  .regex(/^(?:[^\p{C}]|\n)+$/u, 'must be printable text (line breaks allowed, no other control characters)');

/** The refusal of an action, or undefined when it is allowed. `openFaultIds`: the kiosk's faults the fleet sees open now. */
export function actionRefusal(
  action: IncidentAction,
  incident: { incidentId: string; repairedAt: string | null; faults: ReadonlyArray<{ faultId: string }> },
  human: IncidentHumanState,
  openFaultIds: ReadonlySet<string>,
): GuichetError | undefined {
  if (human.resolvedAt !== null)
    return new GuichetError('INCIDENT_RESOLVED', `incident ${incident.incidentId} is already resolved`);
  if (action === 'acknowledge' && human.acknowledgedAt !== null)
    return new GuichetError(
      'INCIDENT_ALREADY_ACKNOWLEDGED',
      `incident ${incident.incidentId} was acknowledged by ${human.acknowledgedBy ?? 'someone'}`,
    );
  if (action === 'resolve') {
    const stillOpen = incident.faults.filter((f) => openFaultIds.has(f.faultId)).map((f) => f.faultId);
    if (incident.repairedAt === null || stillOpen.length > 0)
      return new GuichetError(
        'INCIDENT_STILL_FAULTED',
        `incident ${incident.incidentId} cannot be resolved while the kiosk still reports its fault: resolve it once the fault has cleared`,
        { details: { openFaults: stillOpen } },
      );
  }
  return undefined;
}

/** HTTP status of each refusal. */
export const REFUSAL_STATUS: Record<string, number> = {
  INCIDENT_UNKNOWN: 404,
  INCIDENT_RESOLVED: 409,
  INCIDENT_ALREADY_ACKNOWLEDGED: 409,
  INCIDENT_STILL_FAULTED: 409,
  KIOSK_UNKNOWN: 404,
  KIOSK_NOT_DECOMMISSIONED: 409,
  KIOSK_NO_OPEN_FAULTS: 409,
  TASK_UNKNOWN: 404,
  TASK_CLOSED: 409,
};
