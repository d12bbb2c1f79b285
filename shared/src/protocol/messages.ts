// Every message between a kiosk and the fleet server (socket.io events), one zod schema each, versioned.
// Both ends validate on receipt; an invalid message is answered with an error and changes nothing.
// Kiosk → fleet messages are emitted with a socket.io acknowledgement callback that receives `Ack`.
import { z } from 'zod';
import { DeviceStatusMap } from './device-status';

/** Bumped on incompatible changes; the fleet accepts kiosks whose major version it knows. */
export const PROTOCOL_VERSION = 1;
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];

const KioskId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'kiosk ids are 1-64 letters, digits, . _ -');
const Instant = z.iso.datetime();

/** socket.io handshake `auth` payload: who the kiosk claims to be, and its per-kiosk credential. */
export const KioskHandshakeAuth = z.object({
  kioskId: KioskId,
  credential: z.string().min(16).max(256),
  protocolVersion: z.number().int().positive(),
  /**
   * Continuity proof (optional, protocol 1 kiosks may omit it): the id of this boot of the kiosk software (the one
   * its hello carries) and its telemetry outbox's stream and last appended seq. A newcomer whose boot id differs
   * from the live connection's is refused LINK_CONTESTED instead of replacing it (docs/protocol.md "Link fight").
   */
  bootId: z.string().min(1).max(64).optional(),
  outboxStreamId: z.string().min(1).max(64).optional(),
  outboxSeq: z.number().int().nonnegative().optional(),
});
export type KioskHandshakeAuth = z.infer<typeof KioskHandshakeAuth>;

export const KioskMode = z.enum(['in-service', 'out-of-service', 'maintenance']);
export type KioskMode = z.infer<typeof KioskMode>;

export const Hello = z.object({
  protocolVersion: z.number().int().positive(),
  kioskId: KioskId,
  softwareVersion: z.string().min(1).max(64),
  bootId: z.string().min(1).max(64),
});
export type Hello = z.infer<typeof Hello>;

export const Heartbeat = z.object({
  kioskId: KioskId,
  seq: z.number().int().nonnegative(),
  sentAt: Instant,
  mode: KioskMode,
  devices: DeviceStatusMap,
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/** One store-and-forward record. `streamId` names the kiosk's outbox (a new one after a wipe), `seq` counts within it. */
export const TelemetryRecord = z.object({
  streamId: z.string().min(1).max(64),
  seq: z.number().int().positive(),
  at: Instant,
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, 'telemetry kinds are dotted lower-case names')
    .max(64),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type TelemetryRecord = z.infer<typeof TelemetryRecord>;

export const TelemetryBatch = z.object({
  kioskId: KioskId,
  records: z.array(TelemetryRecord).min(1).max(500),
});
export type TelemetryBatch = z.infer<typeof TelemetryBatch>;

/** A record the fleet refused for good (unknown kind, data not matching its kind, too large): never to be resent. */
export const RefusedRecord = z.object({ seq: z.number().int().positive(), code: z.string(), message: z.string() });
export type RefusedRecord = z.infer<typeof RefusedRecord>;

/**
 * The fleet's answer to a telemetry batch: everything up to `ackedSeq` of the stream is done with (exactly once) —
 * stored, or refused for good and listed in `refused` — so the kiosk deletes it from its outbox either way.
 */
export const TelemetryAck = z.object({
  streamId: z.string(),
  ackedSeq: z.number().int().nonnegative(),
  refused: z.array(RefusedRecord).optional(),
});
export type TelemetryAck = z.infer<typeof TelemetryAck>;

export const Welcome = z.object({
  protocolVersion: z.number().int().positive(),
  serverTime: Instant,
  heartbeatIntervalMs: z.number().int().positive(),
  targetState: z.lazy(() => TargetState),
});
export type Welcome = z.infer<typeof Welcome>;

/**
 * Fleet → kiosk: the state the kiosk should converge to (balena-style). Re-sent whole, so a lost or
 * repeated command is harmless; `version` increases with each change.
 */
export const TargetState = z.object({
  version: z.number().int().nonnegative(),
  mode: z.enum(['in-service', 'out-of-service']),
  reason: z.string().max(200).optional(),
});
export type TargetState = z.infer<typeof TargetState>;

export const Command = z.discriminatedUnion('type', [
  z.object({ commandId: z.string().min(1), type: z.literal('apply-target-state'), targetState: TargetState }),
  z.object({ commandId: z.string().min(1), type: z.literal('send-status-now') }),
]);
export type Command = z.infer<typeof Command>;

export const CommandResult = z.object({
  kioskId: KioskId,
  commandId: z.string().min(1),
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type CommandResult = z.infer<typeof CommandResult>;

export const ProtocolError = z.object({ code: z.string(), message: z.string(), event: z.string().optional() });
export type ProtocolError = z.infer<typeof ProtocolError>;

/** Acknowledgement of any kiosk → fleet message. */
export const Ack = z.union([
  z.object({ ok: z.literal(true), welcome: Welcome.optional(), telemetry: TelemetryAck.optional() }),
  z.object({ ok: z.literal(false), error: ProtocolError }),
]);
export type Ack = z.infer<typeof Ack>;

/** Socket.io event names, one place. */
export const KioskToFleet = {
  hello: 'hello',
  heartbeat: 'heartbeat',
  telemetry: 'telemetry',
  commandResult: 'command.result',
} as const;
export const FleetToKiosk = { command: 'command', protocolError: 'protocol.error' } as const;
export const KIOSK_NAMESPACE = '/kiosk';
