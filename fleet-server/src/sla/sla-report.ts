// The report of docs/sla.md "The `sla` command": its zod schema (the single source of its type) and the
// options it is computed with.
import { z } from 'zod';

export const SlaClock = z.enum(['service-hours', 'wall']);
export type SlaClock = z.infer<typeof SlaClock>;

const Instant = z.string();
const Fraction = z.number().min(0).max(1);

export const SlaBreach = z.object({ from: Instant, to: Instant, minOperationalFraction: Fraction });

export const SlaKioskFigures = z.object({
  kioskId: z.string(),
  siteId: z.string(),
  scheduledSeconds: z.number(),
  upSeconds: z.number(),
  availability: Fraction.nullable(),
});

export const SlaIncident = z.object({
  kioskId: z.string(),
  detectedAt: Instant,
  repairedAt: Instant.nullable(),
  repairSeconds: z.number(),
  withinSla: z.boolean().nullable(),
  components: z.array(z.string()),
});

export const SlaReport = z.object({
  period: z.object({ from: Instant, to: Instant }),
  thresholds: z.object({ fleetOperational: z.number(), repairMinutes: z.number(), clock: SlaClock }),
  fleet: z.object({
    scheduledSeconds: z.number(),
    upSeconds: z.number(),
    availability: Fraction.nullable(),
    measuredSeconds: z.number(),
    compliantSeconds: z.number(),
    compliance: Fraction.nullable(),
    minOperationalFraction: Fraction.nullable(),
    breaches: z.array(SlaBreach),
  }),
  kiosks: z.array(SlaKioskFigures),
  incidents: z.array(SlaIncident),
  repair: z.object({
    incidents: z.number().int(),
    closed: z.number().int(),
    withinSla: z.number().int(),
    breached: z.number().int(),
    compliance: Fraction.nullable(),
    meanRepairSeconds: z.number().nullable(),
    p90RepairSeconds: z.number().nullable(),
  }),
});
export type SlaReport = z.infer<typeof SlaReport>;
export type SlaIncident = z.infer<typeof SlaIncident>;

export const DEFAULT_THRESHOLD = 0.97;
export const DEFAULT_REPAIR_MINUTES = 120;
export const DEFAULT_CLOCK: SlaClock = 'service-hours';

/** Options as given by the command line or the query string, validated. */
/**
 * A number, or a string holding a plain decimal one ("0.97", "120"): not " " (which Number() reads as 0), "0x1",
 * "1e3" or "Infinity", which a query string or a command line should not silently turn into a figure.
 */
const decimal = z.union([
  z.number(),
  z
    .string()
    .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'must be a decimal number such as 0.97 or 120')
    .transform(Number),
]);

export const SlaOptions = z.object({
  clock: SlaClock.default(DEFAULT_CLOCK),
  threshold: decimal.pipe(z.number().min(0).max(1)).default(DEFAULT_THRESHOLD),
  repairMinutes: decimal.pipe(z.number().positive().finite()).default(DEFAULT_REPAIR_MINUTES),
});
export type SlaOptions = z.infer<typeof SlaOptions>;

/** Seconds with millisecond precision from integer milliseconds. */
export function seconds(ms: number): number {
  return ms / 1000;
}

export function instant(ms: number): string {
  return new Date(ms).toISOString();
}
