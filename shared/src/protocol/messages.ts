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

/** A fleet-issued command id: letters, digits, `.`, `_`, `-` (the kiosk keeps it to run each command once). */
const CommandId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'command ids are 1-64 letters, digits, . _ -');

/** Largest log excerpt a kiosk uploads for `collect-logs` (bytes of UTF-8). */
export const MAX_LOG_EXCERPT_BYTES = 256 * 1024;

/**
 * Remote commands a technician sends to one kiosk (docs/protocol.md "Remote commands"). Out of service on/off is
 * not one of them: it is the target state (apply-target-state), which is idempotent and re-sent at every welcome.
 */
export const REMOTE_COMMAND_TYPES = ['restart-runtime', 'reboot', 'print-test-page', 'collect-logs'] as const;
export const RemoteCommandType = z.enum(REMOTE_COMMAND_TYPES);
export type RemoteCommandType = z.infer<typeof RemoteCommandType>;

export const RestartRuntimeCommand = z.object({ commandId: CommandId, type: z.literal('restart-runtime') });
export const RebootCommand = z.object({ commandId: CommandId, type: z.literal('reboot') });
export const PrintTestPageCommand = z.object({
  commandId: CommandId,
  type: z.literal('print-test-page'),
  /** First language on the page. */
  lang: z.enum(['en', 'fr']).default('en'),
});
export const CollectLogsCommand = z.object({
  commandId: CommandId,
  type: z.literal('collect-logs'),
  /** The newest whole log lines up to this many bytes. */
  maxBytes: z.number().int().min(1024).max(MAX_LOG_EXCERPT_BYTES).default(MAX_LOG_EXCERPT_BYTES),
});

export const RemoteCommand = z.discriminatedUnion('type', [
  RestartRuntimeCommand,
  RebootCommand,
  PrintTestPageCommand,
  CollectLogsCommand,
]);
export type RemoteCommand = z.infer<typeof RemoteCommand>;

export const Command = z.discriminatedUnion('type', [
  z.object({ commandId: z.string().min(1), type: z.literal('apply-target-state'), targetState: TargetState }),
  z.object({ commandId: z.string().min(1), type: z.literal('send-status-now') }),
  RestartRuntimeCommand,
  RebootCommand,
  PrintTestPageCommand,
  CollectLogsCommand,
]);
export type Command = z.infer<typeof Command>;

/**
 * Just the envelope of a command: what a kiosk reads from a command whose type it does not know (sent by a newer
 * fleet), to answer it `failed` with `COMMAND_UNSUPPORTED` instead of leaving it unanswered.
 */
export const CommandEnvelope = z.object({ commandId: CommandId, type: z.string().min(1).max(64) });

/** What a finished command produced, besides done/failed. */
export const CommandOutput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('test-page'),
    bytes: z.number().int().nonnegative(),
    /** How the printer confirmed the page (docs of drivers/src/printer): process-id, gs-r, status-poll, none. */
    confirmation: z.enum(['process-id', 'gs-r', 'status-poll', 'none']),
    /** true only when the printer itself said the job was processed (process-id, gs-r). */
    confirmed: z.boolean(),
  }),
  z.object({
    kind: z.literal('logs'),
    /** Newest whole pino JSON lines, newline-separated, personal data already removed by the kiosk. */
    text: z.string().max(MAX_LOG_EXCERPT_BYTES),
    bytes: z.number().int().nonnegative().max(MAX_LOG_EXCERPT_BYTES),
    lines: z.number().int().nonnegative(),
    /** Older lines were left out to stay within maxBytes. */
    truncated: z.boolean(),
    /** Values the kiosk's scrubber replaced (should be 0: kiosk logs carry no personal data by design). */
    redacted: z.number().int().nonnegative(),
  }),
]);
export type CommandOutput = z.infer<typeof CommandOutput>;

/**
 * A command's outcome. `status` (since the remote commands): `accepted` (received, will run — possibly later, e.g.
 * a restart waiting for the citizen's transaction to end), then `done` or `failed` (with `error.code`). A kiosk
 * that predates it sends only `ok`: the fleet reads ok as done and not-ok as failed.
 */
export const CommandResult = z.object({
  kioskId: KioskId,
  commandId: z.string().min(1),
  ok: z.boolean(),
  status: z.enum(['accepted', 'done', 'failed']).optional(),
  error: z.object({ code: z.string().max(64), message: z.string().max(500) }).optional(),
  output: CommandOutput.optional(),
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
