// The push protocol's types as the browser sees them, written out (the server's zod schemas import Node-side
// code the browser build must not pull in). fleet-server/src/console/console-web-types.test.ts fails the build
// if these drift from console-protocol.ts.
export type KioskStatus = 'online' | 'offline' | 'out-of-service' | 'maintenance';
export type DeviceKind = 'printer' | 'paymentTerminal' | 'cardReader' | 'idScanner' | 'touchScreen';
export type DeviceState = 'ok' | 'warning' | 'fault' | 'offline';

export interface DeviceStatus {
  state: DeviceState;
  code?: string | undefined;
  detail?: string | undefined;
  checkedAt?: string | undefined;
}

export interface ConsoleSite {
  id: string;
  name: string | null;
  city: string | null;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface ConsoleKiosk {
  id: string;
  siteId: string;
  status: KioskStatus;
  lastHeartbeatAt: string | null;
  softwareVersion: string | null;
  devices: Partial<Record<DeviceKind, DeviceStatus>>;
  openFaults: { faultId: string; component: string }[];
}

export interface ConsoleIncident {
  incidentId: string;
  kioskId: string;
  siteId: string;
  detectedAt: string;
  components: string[];
  repairSecondsLeft: number;
  clockRunning: boolean;
  withinSla: boolean | null;
  state: 'open' | 'acknowledged' | 'resolved';
  acknowledgedBy: string | null;
  assignee: string | null;
  at: string;
}

export interface ConsoleSla {
  at: string;
  operationalFraction: number | null;
  threshold: number;
  scheduledKiosks: number;
  upKiosks: number;
  trend: { day: string; minOperationalFraction: number | null }[];
}

export interface ConsoleSnapshot {
  at: string;
  principal: { subject: string; role: string; region: string | null };
  sites: ConsoleSite[];
  kiosks: ConsoleKiosk[];
  incidents: ConsoleIncident[];
  sla: ConsoleSla;
}

export interface ConsoleKioskChanges {
  at: string;
  kiosks: ConsoleKiosk[];
}

export interface ConsoleIncidentChanges {
  at: string;
  changed: ConsoleIncident[];
  removed: string[];
}
