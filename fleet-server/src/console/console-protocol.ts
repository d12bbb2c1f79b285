// What the technician console receives over socket.io (namespace /console): one snapshot at connection, then
// batched changes. Pushed, not polled: a status change reaches every open console within a second, and a
// console sees only what its principal may (a region-bound technician: their region's kiosks and incidents).
import { z } from 'zod';
import { DeviceStatusMap } from '@guichet/shared';
import { KioskStatus } from '../telemetry/kiosk-status';

export const CONSOLE_NAMESPACE = '/console';

/** socket.io event names, server → console. */
export const ConsoleEvents = {
  snapshot: 'console.snapshot',
  kiosks: 'console.kiosks',
  incidents: 'console.incidents',
  sla: 'console.sla',
  /** A message the console sent (it should send none) was refused: ConsoleError. */
  error: 'console.error',
  /** The server is about to close this console (its session ended): ConsoleError, then a disconnect. */
  closed: 'console.closed',
} as const;

/**
 * connect_error codes (in `error.data.code`): no session cookie nor token; a session or token that is not valid; a
 * cookie-authenticated handshake from a page of another origin; an `auth` that is not a ConsoleHandshakeAuth.
 */
export const ConsoleRefusalCode = z.enum([
  'CONSOLE_AUTH_REQUIRED',
  'CONSOLE_AUTH_FAILED',
  'CONSOLE_ORIGIN_REFUSED',
  'CONSOLE_BAD_HANDSHAKE',
]);
export type ConsoleRefusalCode = z.infer<typeof ConsoleRefusalCode>;

/**
 * What a console may put in the handshake's `auth` (all optional): an API token (scripts; a browser signs in with its
 * session cookie instead), and how to send the snapshot — `gzip`: as the bytes of its gzipped JSON (about a
 * twentieth of the size for 10,000 kiosks; a browser inflates them with `DecompressionStream('gzip')`).
 */
export const ConsoleHandshakeAuth = z.object({
  token: z.string().min(1).max(512).optional(),
  snapshotEncoding: z.enum(['json', 'gzip']).default('json'),
});
export type ConsoleHandshakeAuth = z.infer<typeof ConsoleHandshakeAuth>;

export const ConsoleError = z.object({ code: z.string(), message: z.string() });
export type ConsoleError = z.infer<typeof ConsoleError>;

export const ConsoleSite = z.object({
  id: z.string(),
  name: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});
export type ConsoleSite = z.infer<typeof ConsoleSite>;

export const ConsoleKiosk = z.object({
  id: z.string(),
  siteId: z.string(),
  status: KioskStatus,
  /** As of this kiosk's last push: heartbeats that change nothing shown are not pushed (status says it is alive). */
  lastHeartbeatAt: z.string().nullable(),
  softwareVersion: z.string().nullable(),
  devices: DeviceStatusMap,
  openFaults: z.array(z.object({ faultId: z.string(), component: z.string() })),
});
export type ConsoleKiosk = z.infer<typeof ConsoleKiosk>;

/**
 * An incident as the queue shows it. The repair clock is the SLA engine's: `repairSecondsLeft` as of `at`, and
 * whether it runs now (it stops outside service hours and inside planned maintenance), so the console counts down
 * without asking again.
 */
export const ConsoleIncident = z.object({
  incidentId: z.string(),
  kioskId: z.string(),
  siteId: z.string(),
  detectedAt: z.string(),
  components: z.array(z.string()),
  repairSecondsLeft: z.number(),
  clockRunning: z.boolean(),
  withinSla: z.boolean().nullable(),
  state: z.enum(['open', 'acknowledged', 'resolved']),
  acknowledgedBy: z.string().nullable(),
  assignee: z.string().nullable(),
  at: z.string(),
});
export type ConsoleIncident = z.infer<typeof ConsoleIncident>;

/** The contract's live figure, and its trend: one point per service day of the month so far. */
export const ConsoleSla = z.object({
  at: z.string(),
  operationalFraction: z.number().nullable(),
  threshold: z.number(),
  scheduledKiosks: z.number().int(),
  upKiosks: z.number().int(),
  trend: z.array(z.object({ day: z.string(), minOperationalFraction: z.number().nullable() })),
});
export type ConsoleSla = z.infer<typeof ConsoleSla>;

export const ConsoleSnapshot = z.object({
  at: z.string(),
  principal: z.object({ subject: z.string(), role: z.string(), region: z.string().nullable() }),
  sites: z.array(ConsoleSite),
  kiosks: z.array(ConsoleKiosk),
  incidents: z.array(ConsoleIncident),
  sla: ConsoleSla,
});
export type ConsoleSnapshot = z.infer<typeof ConsoleSnapshot>;

/** Changes since the last push, batched (at most one push per batch interval). */
export const ConsoleKioskChanges = z.object({ at: z.string(), kiosks: z.array(ConsoleKiosk) });
export type ConsoleKioskChanges = z.infer<typeof ConsoleKioskChanges>;
/** `removed`: ids of incidents no longer open (repaired), to drop from the queue. */
export const ConsoleIncidentChanges = z.object({
  at: z.string(),
  changed: z.array(ConsoleIncident),
  removed: z.array(z.string()),
});
export type ConsoleIncidentChanges = z.infer<typeof ConsoleIncidentChanges>;
