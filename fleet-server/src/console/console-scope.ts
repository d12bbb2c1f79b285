// What a console may see, from its principal (pure): a region-bound technician sees the kiosks and incidents of
// that region's sites only; admins and unbound technicians the whole fleet; analysts the fleet view and the SLA,
// without the incident queue (acting on incidents is for technicians, through the REST API).
import type { Principal } from '../auth/principal';

export interface ConsoleScope {
  /** undefined: every site; else only sites of this region. */
  region: string | undefined;
  incidents: boolean;
}

export function consoleScope(principal: Principal): ConsoleScope {
  return {
    region: principal.role === 'technician' ? principal.region : undefined,
    incidents: principal.role !== 'analyst',
  };
}

export function siteVisible(scope: ConsoleScope, siteRegion: string | undefined | null): boolean {
  return scope.region === undefined || siteRegion === scope.region;
}

/** socket.io rooms a console joins: changes are broadcast to rooms, so each payload is encoded once per audience. */
export const ConsoleRooms = {
  sla: 'sla',
  kiosks: (region: string | undefined) => (region === undefined ? 'kiosks:*' : `kiosks:region:${region}`),
  incidents: (region: string | undefined) => (region === undefined ? 'incidents:*' : `incidents:region:${region}`),
};

export function roomsFor(scope: ConsoleScope): string[] {
  const rooms = [ConsoleRooms.sla, ConsoleRooms.kiosks(scope.region)];
  if (scope.incidents) rooms.push(ConsoleRooms.incidents(scope.region));
  return rooms;
}
