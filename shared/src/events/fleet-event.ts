// The fleet event log of docs/sla.md: one JSON object per line, the input of the SLA engine and the
// format the fleet server exports. Only state changes are events; heartbeats never are.
import { z } from 'zod';
import { IsoInstant } from '../sites/sites-file';

const base = { at: IsoInstant, kioskId: z.string().min(1) };

export const FaultDetected = z.object({
  ...base,
  type: z.literal('fault.detected'),
  faultId: z.string().min(1),
  component: z.string().min(1),
  code: z.string().optional(),
  since: IsoInstant.optional(),
});
export const FaultCleared = z.object({
  ...base,
  type: z.literal('fault.cleared'),
  faultId: z.string().min(1),
  /** Present when a person cleared it (a decommissioned kiosk's faults): who, and why. */
  clearedBy: z.string().optional(),
  reason: z.string().optional(),
});
export const MaintenanceStarted = z.object({
  ...base,
  type: z.literal('maintenance.started'),
  maintenanceId: z.string().min(1),
  reason: z.string().optional(),
  /** Who planned the window (the API token's subject). */
  plannedBy: z.string().optional(),
});
export const MaintenanceEnded = z.object({
  ...base,
  type: z.literal('maintenance.ended'),
  maintenanceId: z.string().min(1),
  /** Present when the window was cancelled, ending it before its planned end: who cancelled it. */
  cancelledBy: z.string().optional(),
});

/** A kiosk's telemetry hit a quota (docs/SECURITY.md "Limits"): once per kiosk, quota and window. Not an SLA input. */
export const TelemetryQuotaExceeded = z.object({
  ...base,
  type: z.literal('telemetry.quota-exceeded'),
  quota: z.enum(['bytes-per-day', 'records-per-minute']),
  limit: z.number().int().positive(),
});
/**
 * Connections for one kiosk kept contesting its link (replacing each other or refused LINK_CONTESTED): its credential
 * is likely in two hands. Once per kiosk per detection window. Not an SLA input.
 */
export const LinkContested = z.object({
  ...base,
  type: z.literal('security.link-contested'),
  /** Replacements and refusals counted in the window that raised it. */
  contests: z.number().int().positive(),
  windowMs: z.number().int().positive(),
});

export const FleetEvent = z.discriminatedUnion('type', [
  FaultDetected,
  FaultCleared,
  MaintenanceStarted,
  MaintenanceEnded,
  TelemetryQuotaExceeded,
  LinkContested,
]);
export type FleetEvent = z.infer<typeof FleetEvent>;
export type FaultDetectedEvent = z.infer<typeof FaultDetected>;
export const FLEET_EVENT_TYPES = [
  'fault.detected',
  'fault.cleared',
  'maintenance.started',
  'maintenance.ended',
  'telemetry.quota-exceeded',
  'security.link-contested',
] as const;
