// Planned maintenance, kept where the SLA engine reads it: in the fleet event log (SQLite). Planning appends
// a window's two events in one transaction; the per-kiosk index is rebuilt from the log and follows every
// append, whoever makes it.
import { randomUUID } from 'node:crypto';
import { GuichetError } from '@guichet/shared';
import type { EventLog } from '../../storage/event-log';
import { cancellationEvent, maintenanceEvents, type MaintenancePlan } from './maintenance-rules';
import { MaintenanceWindows, type MaintenanceWindow } from './maintenance-windows';

export class MaintenanceStore {
  private readonly windows = new MaintenanceWindows();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly events: EventLog) {}

  /** Reads the windows already in the log and follows later appends. */
  start(): void {
    this.windows.apply(this.events.all());
    this.unsubscribe = this.events.onAppend((events) => this.windows.apply(events));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Records a validated plan (see validateMaintenancePlan) for a kiosk, by whom; returns its window. */
  plan(kioskId: string, plan: MaintenancePlan, plannedBy: string): MaintenanceWindow {
    const maintenanceId = `M-${randomUUID()}`;
    this.events.append(maintenanceEvents(kioskId, maintenanceId, plan, plannedBy));
    return {
      maintenanceId,
      kioskId,
      start: plan.start,
      end: plan.end,
      reason: plan.reason,
      plannedBy,
      cancelledBy: undefined,
    };
  }

  /**
   * Cancels a kiosk's window at `now` (see cancellationEvent); returns the window as it now stands. GuichetError
   * MAINTENANCE_UNKNOWN when the kiosk has no such window.
   */
  cancel(kioskId: string, maintenanceId: string, now: Date, cancelledBy: string): MaintenanceWindow {
    const window = this.windows.forKiosk(kioskId).find((w) => w.maintenanceId === maintenanceId);
    if (!window) throw new GuichetError('MAINTENANCE_UNKNOWN', `kiosk ${kioskId} has no maintenance ${maintenanceId}`);
    this.events.append([cancellationEvent(window, now, cancelledBy)]);
    return { ...window };
  }

  isActive(kioskId: string, at: Date): boolean {
    return this.windows.isActive(kioskId, at);
  }

  forKiosk(kioskId: string): MaintenanceWindow[] {
    return this.windows.forKiosk(kioskId);
  }
}
