// The console's picture of the fleet (pure): a snapshot, then batched changes folded in. Maps by id so a push
// of a few kiosks among 10,000 costs a few map writes; `serverOffsetMs` turns the client's clock into the
// server's so repair clocks count down from the server's instant, whatever the phone's clock says.
import type {
  ConsoleIncident,
  ConsoleIncidentChanges,
  ConsoleKiosk,
  ConsoleKioskChanges,
  ConsoleSite,
  ConsoleSla,
  ConsoleSnapshot,
} from './console-types';

export interface FleetState {
  at: string;
  principal: ConsoleSnapshot['principal'];
  sites: Map<string, ConsoleSite>;
  kiosks: Map<string, ConsoleKiosk>;
  incidents: Map<string, ConsoleIncident>;
  sla: ConsoleSla;
  /** client clock − server clock, measured when the last push arrived. */
  serverOffsetMs: number;
  /** Bumped on every change, so views memoise on it. */
  version: number;
}

function offset(serverAt: string, clientNowMs: number): number {
  const server = Date.parse(serverAt);
  return Number.isFinite(server) ? clientNowMs - server : 0;
}

export function fromSnapshot(snapshot: ConsoleSnapshot, clientNowMs: number): FleetState {
  return {
    at: snapshot.at,
    principal: snapshot.principal,
    sites: new Map(snapshot.sites.map((s) => [s.id, s])),
    kiosks: new Map(snapshot.kiosks.map((k) => [k.id, k])),
    incidents: new Map(snapshot.incidents.map((i) => [i.incidentId, i])),
    sla: snapshot.sla,
    serverOffsetMs: offset(snapshot.at, clientNowMs),
    version: 1,
  };
}

export function applyKioskChanges(state: FleetState, changes: ConsoleKioskChanges, clientNowMs: number): FleetState {
  const kiosks = new Map(state.kiosks);
  for (const kiosk of changes.kiosks) kiosks.set(kiosk.id, kiosk);
  return {
    ...state,
    at: changes.at,
    kiosks,
    serverOffsetMs: offset(changes.at, clientNowMs),
    version: state.version + 1,
  };
}

export function applyIncidentChanges(
  state: FleetState,
  changes: ConsoleIncidentChanges,
  clientNowMs: number,
): FleetState {
  const incidents = new Map(state.incidents);
  for (const id of changes.removed) incidents.delete(id);
  for (const incident of changes.changed) incidents.set(incident.incidentId, incident);
  return {
    ...state,
    at: changes.at,
    incidents,
    serverOffsetMs: offset(changes.at, clientNowMs),
    version: state.version + 1,
  };
}

export function applySla(state: FleetState, sla: ConsoleSla, clientNowMs: number): FleetState {
  return { ...state, sla, serverOffsetMs: offset(sla.at, clientNowMs), version: state.version + 1 };
}
