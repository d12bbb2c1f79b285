// Device health as the kiosk reports it in each heartbeat: one entry per peripheral.
// `warning` = usable but needs attention (paper near-end); `fault` = unusable; `offline` = no answer.
import { z } from 'zod';

export const DEVICE_KINDS = ['printer', 'paymentTerminal', 'cardReader', 'idScanner', 'touchScreen'] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const DeviceState = z.enum(['ok', 'warning', 'fault', 'offline']);
export type DeviceState = z.infer<typeof DeviceState>;

export const DeviceStatus = z.object({
  state: DeviceState,
  code: z.string().max(64).optional(),
  detail: z.string().max(200).optional(),
  checkedAt: z.iso.datetime().optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const DeviceStatusMap = z.partialRecord(DeviceKind, DeviceStatus);
export type DeviceStatusMap = z.infer<typeof DeviceStatusMap>;

/** A device in one of these states makes the kiosk unable to serve: the fleet opens a fault for it. */
export function isFaultState(state: DeviceState): boolean {
  return state === 'fault' || state === 'offline';
}
