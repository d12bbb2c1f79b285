// Planned maintenance, kept where the SLA engine reads it: in the fleet event log (SQLite). Planning appends
// a window's two events in one transaction; the per-kiosk index is rebuilt from the log and follows every
// append, whoever makes it.
import { randomUUID } from 'node:crypto';
import type { EventLog } from '../../storage/event-log';
import { maintenanceEvents, type MaintenancePlan } from './maintenance-rules';
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

  /** Records a validated plan (see validateMaintenancePlan) for a kiosk; returns its window. */
  plan(kioskId: string, plan: MaintenancePlan): MaintenanceWindow {
    const maintenanceId = `M-${randomUUID()}`;
    this.events.append(maintenanceEvents(kioskId, maintenanceId, plan));
    return { maintenanceId, kioskId, start: plan.start, end: plan.end, reason: plan.reason };
  }

  isActive(kioskId: string, at: Date): boolean {
    return this.windows.isActive(kioskId, at);
  }

  forKiosk(kioskId: string): MaintenanceWindow[] {
    return this.windows.forKiosk(kioskId);
  }
}
