// The health summary every device driver exposes for the kiosk heartbeat (docs/architecture.md "Device health opens faults"): ok | warning (usable,
// needs attention, e.g. paper near-end) | fault (unusable) | offline (no answer, unplugged).
import { z } from 'zod';
import { DeviceState } from '@guichet/shared';

export const DeviceHealth = z.object({
  state: DeviceState,
  code: z.string().max(64).optional(),
  detail: z.string().max(200).optional(),
  checkedAt: z.iso.datetime(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;
