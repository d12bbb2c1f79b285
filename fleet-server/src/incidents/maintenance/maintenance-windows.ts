// Planned maintenance windows as the event log records them (maintenance.started / .ended), indexed
// per kiosk so the live status can tell whether a kiosk is inside one (pure: fed events, no I/O). As in the SLA
// engine, a window's earliest end not before its start wins: a cancellation appended after the planned end
// shortens the window.
import type { FleetEvent } from '@guichet/shared';

export interface MaintenanceWindow {
  maintenanceId: string;
  kioskId: string;
  start: Date;
  end: Date | undefined;
  reason: string | undefined;
  /** Who planned it (the API token's subject); undefined for windows from before it was recorded. */
  plannedBy: string | undefined;
  /** Who cancelled it, if it was. */
  cancelledBy: string | undefined;
}

export class MaintenanceWindows {
  private readonly byId = new Map<string, MaintenanceWindow>();

  apply(events: readonly FleetEvent[]): void {
    for (const event of events) {
      if (event.type === 'maintenance.started' && !this.byId.has(event.maintenanceId)) {
        this.byId.set(event.maintenanceId, {
          maintenanceId: event.maintenanceId,
          kioskId: event.kioskId,
          start: new Date(event.at),
          end: undefined,
          reason: event.reason,
          plannedBy: event.plannedBy,
          cancelledBy: undefined,
        });
      } else if (event.type === 'maintenance.ended') {
        const window = this.byId.get(event.maintenanceId);
        const at = new Date(event.at);
        if (!window || window.kioskId !== event.kioskId || at < window.start) continue;
        if (window.end === undefined || at < window.end) {
          window.end = at;
          window.cancelledBy = event.cancelledBy;
        }
      }
    }
  }

  isActive(kioskId: string, at: Date): boolean {
    for (const window of this.byId.values()) {
      if (window.kioskId === kioskId && window.start <= at && (window.end === undefined || at < window.end))
        return true;
    }
    return false;
  }

  forKiosk(kioskId: string): MaintenanceWindow[] {
    return [...this.byId.values()].filter((window) => window.kioskId === kioskId);
  }
}
