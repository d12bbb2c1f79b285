// Builders of small fleets and event logs for the SLA engine's tests (docs/sla.md input formats).
import type { SitesFile } from '@guichet/shared/sites/sites-file';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';

export const NINE_TO_FIVE = {
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '17:00']],
  thu: [['09:00', '17:00']],
  fri: [['09:00', '17:00']],
  sat: [['09:00', '17:00']],
  sun: [['09:00', '17:00']],
} as SitesFile['sites'][number]['hours'];
export const ALWAYS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
) as SitesFile['sites'][number]['hours'];

export function fleet(
  kioskCount: number,
  hours = NINE_TO_FIVE,
  timezone = 'Europe/London',
  closures: string[] = [],
): SitesFile {
  return {
    sites: [{ id: 'site-a', timezone, hours, closures }],
    kiosks: Array.from({ length: kioskCount }, (_, i) => ({
      id: `K-${String(i + 1).padStart(3, '0')}`,
      siteId: 'site-a',
    })),
  };
}

let counter = 0;
export function fault(
  kioskId: string,
  at: string,
  clearedAt: string | null,
  extra: { component?: string; since?: string; faultId?: string } = {},
): FleetEvent[] {
  const faultId = extra.faultId ?? `F${++counter}`;
  const detected: FleetEvent = {
    at,
    kioskId,
    type: 'fault.detected',
    faultId,
    component: extra.component ?? 'printer',
    ...(extra.since ? { since: extra.since } : {}),
  };
  return clearedAt === null ? [detected] : [detected, { at: clearedAt, kioskId, type: 'fault.cleared', faultId }];
}

export function maintenance(
  kioskId: string,
  start: string,
  end: string,
  maintenanceId = `M${++counter}`,
): FleetEvent[] {
  return [
    { at: start, kioskId, type: 'maintenance.started', maintenanceId },
    { at: end, kioskId, type: 'maintenance.ended', maintenanceId },
  ];
}
