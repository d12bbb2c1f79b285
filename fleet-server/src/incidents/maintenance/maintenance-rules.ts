// What makes a maintenance plan acceptable (pure): a start not in the past — downtime cannot be excused
// retroactively — an end after the start, and a reason; and the two events that record an accepted plan.
import { z } from 'zod';
import { GuichetError, type FleetEvent } from '@guichet/shared';
import { IsoInstant } from '@guichet/shared/sites/sites-file';

export const MaintenanceRequest = z.object({
  start: IsoInstant,
  end: IsoInstant,
  reason: z.string().trim().min(1).max(500),
});
export type MaintenanceRequest = z.infer<typeof MaintenanceRequest>;

export interface MaintenancePlan {
  start: Date;
  end: Date;
  reason: string;
}

/**
 * Validates a request body against the clock: GuichetError MAINTENANCE_BAD_REQUEST (shape),
 * MAINTENANCE_IN_PAST (start before now) or MAINTENANCE_BAD_WINDOW (end not after start).
 */
export function validateMaintenancePlan(body: unknown, now: Date): MaintenancePlan {
  const parsed = MaintenanceRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GuichetError(
      'MAINTENANCE_BAD_REQUEST',
      `${issue.path.join('.') || 'body'}: ${issue.message}; expected {start, end, reason}`,
    );
  }
  const start = new Date(parsed.data.start);
  const end = new Date(parsed.data.end);
  if (start.getTime() < now.getTime())
    throw new GuichetError(
      'MAINTENANCE_IN_PAST',
      `start ${start.toISOString()} is in the past (now ${now.toISOString()}): planned maintenance cannot be placed in the past, downtime cannot be excused retroactively`,
    );
  if (end.getTime() <= start.getTime())
    throw new GuichetError(
      'MAINTENANCE_BAD_WINDOW',
      `end ${end.toISOString()} must be after start ${start.toISOString()}`,
    );
  return { start, end, reason: parsed.data.reason };
}

/** The event log's record of a planned window (docs/sla.md): started at its start, ended at its end. */
export function maintenanceEvents(kioskId: string, maintenanceId: string, plan: MaintenancePlan): FleetEvent[] {
  return [
    { at: plan.start.toISOString(), kioskId, type: 'maintenance.started', maintenanceId, reason: plan.reason },
    { at: plan.end.toISOString(), kioskId, type: 'maintenance.ended', maintenanceId },
  ];
}
