// A peripheral whose health is fixed (a simulated device in the demo, until its driver is configured).
import type { DeviceKind, DeviceStatus } from '@guichet/shared';
import type { DeviceProbe } from './polled-device-board';

export function staticProbe(kind: DeviceKind, status: () => DeviceStatus = () => ({ state: 'ok' })): DeviceProbe {
  return { kind, check: () => Promise.resolve({ ...status(), checkedAt: new Date().toISOString() }) };
}
