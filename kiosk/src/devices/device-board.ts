// The kiosk's peripherals as the runtime sees them: their health, reported in each heartbeat.
import type { DeviceKind, DeviceStatus, DeviceStatusMap } from '@guichet/shared';

export interface DeviceBoard {
  statuses(): DeviceStatusMap;
  /** Called when a device's health changes, so the kiosk can report it at once. */
  onChange(listener: (kind: DeviceKind, status: DeviceStatus) => void): () => void;
}

/** A board of simulated devices whose health is set by fault injection (demo, tests). */
export class SimulatedDeviceBoard implements DeviceBoard {
  private readonly current: DeviceStatusMap;
  private readonly listeners = new Set<(kind: DeviceKind, status: DeviceStatus) => void>();

  constructor(now: () => Date = () => new Date()) {
    const checkedAt = now().toISOString();
    this.current = {
      printer: { state: 'ok', checkedAt },
      paymentTerminal: { state: 'ok', checkedAt },
      cardReader: { state: 'ok', checkedAt },
      touchScreen: { state: 'ok', checkedAt },
    };
  }

  statuses(): DeviceStatusMap {
    return structuredClone(this.current);
  }

  set(kind: DeviceKind, status: DeviceStatus): void {
    this.current[kind] = status;
    for (const listener of this.listeners) listener(kind, status);
  }

  onChange(listener: (kind: DeviceKind, status: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
