// What makes a maintenance plan acceptable (pure): a start not in the past — downtime cannot be excused
// retroactively — an end after the start but at most MAX_MAINTENANCE_DAYS later, and a reason; the two events
// that record an accepted plan; and the event that cancels a window.
import { z } from 'zod';
import { GuichetError, type FleetEvent } from '@guichet/shared';
import { IsoInstant } from '@guichet/shared/sites/sites-file';
import type { MaintenanceWindow } from './maintenance-windows';

/**
 * The longest window one plan may open (docs/sla-engine.md "API"). A window excuses the kiosk from the contract,
 * so an unbounded one (until 9999) would remove it from the contract for good; longer work is planned again.
 */
export const MAX_MAINTENANCE_DAYS = 7;
const MAX_MAINTENANCE_MS = MAX_MAINTENANCE_DAYS * 86_400_000;

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
 * MAINTENANCE_IN_PAST (start before now), MAINTENANCE_BAD_WINDOW (end not after start) or MAINTENANCE_TOO_LONG
 * (more than MAX_MAINTENANCE_DAYS).
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
  if (end.getTime() - start.getTime() > MAX_MAINTENANCE_MS)
    throw new GuichetError(
      'MAINTENANCE_TOO_LONG',
      `a maintenance window may last at most ${MAX_MAINTENANCE_DAYS} days (${start.toISOString()} to ${end.toISOString()} is longer): plan longer work as several windows`,
    );
  return { start, end, reason: parsed.data.reason };
}

/** The event log's record of a planned window (docs/sla.md): started at its start, ended at its end. */
export function maintenanceEvents(
  kioskId: string,
  maintenanceId: string,
  plan: MaintenancePlan,
  plannedBy: string,
): FleetEvent[] {
  return [
    {
      at: plan.start.toISOString(),
      kioskId,
      type: 'maintenance.started',
      maintenanceId,
      reason: plan.reason,
      plannedBy,
    },
    { at: plan.end.toISOString(), kioskId, type: 'maintenance.ended', maintenanceId },
  ];
}

/**
 * The event that cancels a window at `now`, by the engine's rule that a window's earliest end wins
 * (docs/sla-engine.md): one already started ends now; one still to come ends at its own start, so it excuses
 * nothing. GuichetError MAINTENANCE_ALREADY_CANCELLED, or MAINTENANCE_OVER for a window already ended — the past
 * stays as it was, as for planning.
 */
export function cancellationEvent(window: MaintenanceWindow, now: Date, cancelledBy: string): FleetEvent {
  if (window.cancelledBy !== undefined)
    throw new GuichetError(
      'MAINTENANCE_ALREADY_CANCELLED',
      `maintenance ${window.maintenanceId} was already cancelled by ${window.cancelledBy}`,
    );
  if (window.end !== undefined && window.end.getTime() <= now.getTime())
    throw new GuichetError(
      'MAINTENANCE_OVER',
      `maintenance ${window.maintenanceId} ended at ${window.end.toISOString()}: a past window cannot be changed`,
    );
  const at = now.getTime() < window.start.getTime() ? window.start : now;
  return {
    at: at.toISOString(),
    kioskId: window.kioskId,
    type: 'maintenance.ended',
    maintenanceId: window.maintenanceId,
    cancelledBy,
  };
}
