// The status a kiosk shows in the fleet API, derived from its live state (pure).
import { z } from 'zod';
import { DeviceStatusMap, type KioskMode } from '@guichet/shared';

export const KIOSK_STATUSES = ['online', 'offline', 'out-of-service', 'maintenance'] as const;
export const KioskStatus = z.enum(KIOSK_STATUSES);
export type KioskStatus = z.infer<typeof KioskStatus>;

/** A kiosk as the fleet API shows it (no personal data: devices, version, faults). */
export const KioskView = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string().nullable(),
  city: z.string().nullable(),
  status: KioskStatus,
  lastHeartbeatAt: z.string().nullable(),
  softwareVersion: z.string().nullable(),
  devices: DeviceStatusMap,
  openFaults: z.array(z.object({ faultId: z.string(), component: z.string() })),
});
export type KioskView = z.infer<typeof KioskView>;

export interface KioskLiveState {
  kioskId: string;
  lastHeartbeatAt: Date | undefined;
  softwareVersion: string | undefined;
  mode: KioskMode | undefined;
  devices: DeviceStatusMap;
  /** Whether the fleet currently considers the kiosk reachable (heartbeats within the offline limit). */
  reachable: boolean;
}

/**
 * offline: silent past the limit (or never heard from); maintenance: inside a planned window or in
 * maintenance mode; out-of-service: by command, or because a fault is open on a device; else online.
 */
export function kioskStatus(
  state: KioskLiveState,
  openDeviceFaults: number,
  inMaintenanceWindow: boolean,
): KioskStatus {
  if (!state.reachable) return 'offline';
  if (inMaintenanceWindow || state.mode === 'maintenance') return 'maintenance';
  if (state.mode === 'out-of-service' || openDeviceFaults > 0) return 'out-of-service';
  return 'online';
}
