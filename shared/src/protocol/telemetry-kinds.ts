// The telemetry kinds kiosks send, one zod schema each: the fleet stores a record only if its kind is known and
// its data matches, so a stolen credential cannot store arbitrary blobs (nor binary, which JSON would inflate).
// Fields not in the schema are dropped before storage. A new kind is added here, where both ends see it.
import { z } from 'zod';
import { DeviceKind, DeviceState } from './device-status';

const Name = z.string().min(1).max(64);
const Code = z.string().max(64);
const Count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** At most `max` keys: records keyed by the sender are bounded like arrays. */
const fewKeys = (max: number) => (value: object) => Object.keys(value).length <= max;

const TransactionOutcome = z.object({
  txId: Name,
  serviceId: Name,
  outcome: Name,
  reason: Name.optional(),
  code: Code.optional(),
  serviceCents: Count,
  feeCents: Count,
  totalCents: Count,
  charged: z.boolean(),
  durationMs: Count,
  recovered: z.boolean(),
  deliveries: z
    .array(z.object({ ministryId: Name, status: Name }))
    .max(16)
    .optional(),
});

export const TELEMETRY_KINDS = {
  'kiosk.started': z.object({ softwareVersion: Name }),
  'kiosk.mode-changed': z.object({ mode: Name, version: Count }),
  'device.changed': z.object({ device: DeviceKind, state: DeviceState, code: Code.optional() }),
  'survey.answered': z.object({
    serviceId: Name,
    answers: z.record(Name, z.enum(['good', 'neutral', 'poor'])).refine(fewKeys(16), 'at most 16 answers'),
  }),
  'transaction.completed': TransactionOutcome,
  'transaction.declined': TransactionOutcome,
  'transaction.cancelled': TransactionOutcome,
  'transaction.voided': TransactionOutcome,
} as const satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type TelemetryKind = keyof typeof TELEMETRY_KINDS;

export function isTelemetryKind(kind: string): kind is TelemetryKind {
  return Object.hasOwn(TELEMETRY_KINDS, kind);
}
