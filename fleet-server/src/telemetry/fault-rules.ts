// Pure rules that turn what the fleet sees of a kiosk (silence, return, device health) into fault
// events for the event log (docs/sla.md). No I/O, no clock: the caller passes the instants.
import { isFaultState, type DeviceStatusMap, type FleetEvent } from '@guichet/shared';

/** Open faults of one kiosk, by component (`network`, `printer`, …) → faultId. */
export type OpenFaults = Map<string, string>;

export const NETWORK_COMPONENT = 'network';

export function networkLost(
  kioskId: string,
  faultId: string,
  detectedAt: Date,
  lastHeartbeatAt: Date | undefined,
): FleetEvent {
  return {
    at: detectedAt.toISOString(),
    kioskId,
    type: 'fault.detected',
    faultId,
    component: NETWORK_COMPONENT,
    code: 'HEARTBEAT_LOST',
    ...(lastHeartbeatAt ? { since: lastHeartbeatAt.toISOString() } : {}),
  };
}

export function faultCleared(kioskId: string, faultId: string, at: Date): FleetEvent {
  return { at: at.toISOString(), kioskId, type: 'fault.cleared', faultId };
}

/**
 * Events for the device part of a heartbeat: a device entering `fault`/`offline` opens a fault for its
 * component; one leaving them clears it. A device missing from the report keeps its last state.
 */
export function deviceFaultEvents(
  kioskId: string,
  open: ReadonlyMap<string, string>,
  devices: DeviceStatusMap,
  at: Date,
  newFaultId: () => string,
): FleetEvent[] {
  const events: FleetEvent[] = [];
  for (const [component, status] of Object.entries(devices)) {
    if (!status) continue;
    const openId = open.get(component);
    if (isFaultState(status.state) && openId === undefined) {
      events.push({
        at: at.toISOString(),
        kioskId,
        type: 'fault.detected',
        faultId: newFaultId(),
        component,
        ...(status.code ? { code: status.code } : {}),
      });
    } else if (!isFaultState(status.state) && openId !== undefined) {
      events.push(faultCleared(kioskId, openId, at));
    }
  }
  return events;
}

/** Applies fault events to a map of open faults (used live and to rebuild state from the log at start-up). */
export function applyFaultEvent(openByKiosk: Map<string, OpenFaults>, event: FleetEvent): void {
  if (event.type === 'fault.detected') {
    const open = openByKiosk.get(event.kioskId) ?? new Map<string, string>();
    if (![...open.values()].includes(event.faultId)) open.set(event.component, event.faultId);
    openByKiosk.set(event.kioskId, open);
  } else if (event.type === 'fault.cleared') {
    const open = openByKiosk.get(event.kioskId);
    if (!open) return;
    for (const [component, id] of open) if (id === event.faultId) open.delete(component);
  }
}
