// The per-kiosk telemetry limits (docs/SECURITY.md "Limits"). A real kiosk sends a few hundred records a day of
// under 1 kB each; these bound what one stolen kiosk credential can make the fleet store.

/** A record's data, as stored (JSON, UTF-8), may be at most this large; a larger one is refused for good. */
export const TELEMETRY_RECORD_MAX_BYTES = 16 * 1024;
/** Stored telemetry bytes per kiosk per UTC day; past it, records wait in the kiosk's outbox until the next day. */
export const TELEMETRY_BYTES_PER_DAY = 5 * 1024 * 1024;
/** Telemetry records per kiosk per clock minute (a replay after a long outage goes at 10 batches of 100 a minute). */
export const TELEMETRY_RECORDS_PER_MINUTE = 1_000;
/** Telemetry older than this many days (by reception) is deleted; configurable (GUICHET_TELEMETRY_RETENTION_DAYS). */
export const TELEMETRY_RETENTION_DAYS = 90;

export interface TelemetryLimits {
  recordMaxBytes: number;
  bytesPerDay: number;
  recordsPerMinute: number;
}

export const DEFAULT_TELEMETRY_LIMITS: TelemetryLimits = {
  recordMaxBytes: TELEMETRY_RECORD_MAX_BYTES,
  bytesPerDay: TELEMETRY_BYTES_PER_DAY,
  recordsPerMinute: TELEMETRY_RECORDS_PER_MINUTE,
};

export type TelemetryQuota = 'bytes-per-day' | 'records-per-minute';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The start of the quota window `at` falls in (a UTC day or a clock minute). */
export function quotaWindowStart(quota: TelemetryQuota, at: Date): number {
  const size = quota === 'bytes-per-day' ? DAY_MS : MINUTE_MS;
  return Math.floor(at.getTime() / size) * size;
}

/** The UTC day of `at`, as stored in telemetry_usage. */
export function usageDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
