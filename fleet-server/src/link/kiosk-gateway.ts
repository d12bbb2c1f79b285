// The fleet end of the kiosk link (socket.io namespace /kiosk): authenticates each kiosk by its
// per-kiosk credential at the handshake, validates every message against shared/protocol, and answers
// each with an acknowledgement. Bad input gets a clear error to the sender, one log line, and no change.
// Abuse limits (link-limits.ts): failed handshakes are throttled per address and per kiosk id, connect attempts
// are capped per underlying connection, each connection's messages go through a token bucket (the excess is
// answered RATE_LIMITED before any parsing or database work), repeated protocol errors close the connection, and a
// live kiosk keeps its link against a newcomer of another boot (LINK_CONTESTED; repeated contests raise
// `security.link-contested`). Every refusal log line is sampled (one a minute per key, with the count suppressed).
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import {
  Ack,
  CommandResult,
  FleetToKiosk,
  GuichetError,
  Heartbeat,
  Hello,
  isGuichetError,
  KIOSK_NAMESPACE,
  KioskHandshakeAuth,
  KioskToFleet,
  PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  TelemetryBatch,
  type Command,
  type FleetEvent,
  type ProtocolError,
  type TargetState,
} from '@guichet/shared';
import type { Logger } from '../logging/logger';
import type { KioskCredentials } from '../registry/kiosk-credentials';
import type { SitesRegistry } from '../registry/sites-registry';
import type { FleetMonitor } from '../telemetry/fleet-monitor';
import type { TelemetryInbox } from '../telemetry/telemetry-inbox';
import { isStorageError } from '../storage/storage-health';
import type { TargetStates } from './target-states';
import type { TransactionHub } from '../hub/transaction-hub';
import { LogSampler } from './log-sampler';
import { TX_EVENT_NAMES, registerTxEvents } from './tx-events';
import { judgeNewcomer } from './link-contest';
import {
  CONNECT_ATTEMPTS_PER_CONNECTION,
  HANDSHAKE_FAILURES_PER_ADDRESS,
  HANDSHAKE_FAILURES_PER_KIOSK,
  HANDSHAKE_FAILURE_WINDOW_MS,
  LINK_CONTESTS_BEFORE_ALERT,
  LINK_CONTEST_WINDOW_MS,
  LINK_MESSAGES_PER_SECOND,
  LINK_MESSAGE_BURST,
  LINK_SILENT_AFTER_INTERVALS,
  PROTOCOL_ERRORS_BEFORE_DISCONNECT,
  PROTOCOL_ERROR_WINDOW_MS,
} from './link-limits';
import { TokenBucket } from './token-bucket';
import { WindowCounter } from './window-counter';

export type LinkContestedEvent = Extract<FleetEvent, { type: 'security.link-contested' }>;

export interface KioskGatewayDeps {
  registry: SitesRegistry;
  credentials: KioskCredentials;
  monitor: FleetMonitor;
  inbox: TelemetryInbox;
  targets: TargetStates;
  log: Logger;
  heartbeatIntervalMs: number;
  now: () => Date;
  /** The transaction hub answering tx.* messages; without it they are unknown messages. */
  hub?: TransactionHub;
  /** Remote commands: resent after each welcome, finished by the kiosk's command.result. */
  commands?: {
    onWelcome(kioskId: string, targetVersion: number): void;
    onResult(kioskId: string, result: CommandResult): void;
  };
  /** The caller's address of a handshake (behind a trusted proxy: from X-Forwarded-For); default the socket's. */
  clientAddress?: (request: IncomingMessage) => string;
  /** Where security events are recorded (the fleet event log); without it they are only logged. */
  events?: { append(events: FleetEvent[]): void };
  /** Told of each security event once it is recorded (the alerts raise it); optional. */
  onSecurityEvent?: (event: LinkContestedEvent) => void;
  /** Told the time from each heartbeat's arrival to its acknowledgement (the ingest latency metric). */
  onHeartbeatAnswered?: (seconds: number, ok: boolean) => void;
  /** A monotonic clock in milliseconds for that latency (default performance.now). */
  monotonicMs?: () => number;
}

type AckFn = (ack: Ack) => void;

/** What the handshake middleware stores on an authenticated socket (socket.io types `socket.data` as any). */
interface SocketData {
  kioskId: string;
  /** The boot id the handshake declared (protocol 1 kiosks may not). */
  bootId?: string;
}

/** The connection holding a kiosk's link. */
interface Link {
  socket: Socket;
  bootId: string | undefined;
  /** When it last said hello or sent an accepted heartbeat (epoch ms): what "alive" means for a contest. */
  lastSeenAt: number;
}

/** Protocol errors that count towards closing the connection: a real kiosk never makes them. */
const PROTOCOL_FAULTS = new Set([
  'PROTOCOL_INVALID_MESSAGE',
  'PROTOCOL_UNKNOWN_MESSAGE',
  'KIOSK_ID_MISMATCH',
  'TELEMETRY_MIXED_STREAMS',
  'TX_INVALID',
  'TX_NO_ACK',
]);

function refusal(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

/** Closes the underlying connection once the refusal being written has gone out. */
function closeAfterRefusal(socket: Socket): void {
  socket.conn.once('packetCreate', () => socket.conn.once('drain', () => socket.conn.close()));
}

/**
 * A kiosk may send at most this many heartbeats per heartbeat interval (the regular one plus immediate
 * ones on device changes). A kiosk flapping faster — a loose cable, or a kiosk that lies — would fill the
 * event log with faults and the SLA report with incidents; the excess is refused and changes nothing.
 */
export const HEARTBEATS_PER_INTERVAL = 5;

/**
 * The default namespace `/` serves nothing, yet socket.io accepts any connection to it without a handshake check:
 * refuse every connection there (connect_error DEFAULT_NAMESPACE_CLOSED) and close the underlying connection once
 * the refusal is written — a client asking for `/` is no kiosk, and its connection would otherwise stay open
 * until socket.io's connect timeout (45 s). Any socket that got through is disconnected.
 */
function closeDefaultNamespace(io: Server, log: Logger): void {
  const main = io.of('/');
  main.use((socket, next) => {
    socket.conn.once('packetCreate', () => socket.conn.once('drain', () => socket.conn.close()));
    log.debug(
      { component: 'kiosk-gateway', event: 'link.default-namespace-refused', address: socket.handshake.address },
      'connection to the default namespace refused',
    );
    next(
      Object.assign(new Error(`the default namespace is closed: kiosks connect to ${KIOSK_NAMESPACE}`), {
        data: { code: 'DEFAULT_NAMESPACE_CLOSED' },
      }),
    );
  });
  main.on('connection', (socket) => socket.disconnect(true));
}

export class KioskGateway {
  private readonly namespace: Namespace;
  private readonly links = new Map<string, Link>();
  private readonly recentHeartbeats = new Map<string, number[]>();
  /** One sampler for every refusal log line of the link (key: what was refused, and whose). */
  private readonly sampler: LogSampler;
  private readonly failuresByAddress: WindowCounter;
  private readonly failuresByKiosk: WindowCounter;
  private readonly connectAttempts = new WeakMap<object, number>();
  private readonly protocolFaults: WindowCounter;
  private readonly contests: WindowCounter;
  private readonly contestRaisedAt = new Map<string, number>();

  constructor(
    io: Server,
    private readonly deps: KioskGatewayDeps,
  ) {
    closeDefaultNamespace(io, deps.log);
    this.namespace = io.of(KIOSK_NAMESPACE);
    this.sampler = new LogSampler(60_000, deps.now);
    this.failuresByAddress = new WindowCounter(HANDSHAKE_FAILURES_PER_ADDRESS, HANDSHAKE_FAILURE_WINDOW_MS, deps.now);
    this.failuresByKiosk = new WindowCounter(HANDSHAKE_FAILURES_PER_KIOSK, HANDSHAKE_FAILURE_WINDOW_MS, deps.now);
    this.protocolFaults = new WindowCounter(PROTOCOL_ERRORS_BEFORE_DISCONNECT, PROTOCOL_ERROR_WINDOW_MS, deps.now);
    this.contests = new WindowCounter(LINK_CONTESTS_BEFORE_ALERT, LINK_CONTEST_WINDOW_MS, deps.now);
    this.namespace.use((socket, next) => {
      const error = this.admit(socket);
      next(error);
    });
    this.namespace.on('connection', (socket) => this.onConnection(socket));
  }

  get connectedKiosks(): number {
    return this.links.size;
  }

  /** Pushes the whole target state to a connected kiosk; a disconnected one receives it in its welcome. */
  pushTargetState(kioskId: string, targetState: TargetState): void {
    const command: Command = { commandId: `target-${targetState.version}`, type: 'apply-target-state', targetState };
    this.links.get(kioskId)?.socket.emit(FleetToKiosk.command, command);
  }

  /** Emits a command to a connected kiosk; false when it is not connected (the caller keeps it for later). */
  sendCommand(kioskId: string, command: Command): boolean {
    const socket = this.links.get(kioskId)?.socket;
    if (!socket?.connected) return false;
    socket.emit(FleetToKiosk.command, command);
    return true;
  }

  /**
   * The handshake check, cheapest refusals first: too many attempts on this connection (closed), too many failures
   * from this address or for this kiosk id (RATE_LIMITED, the credential not even checked), a bad handshake or
   * credential (counted as a failure), a live holder of another boot (LINK_CONTESTED). Undefined: admitted.
   */
  private admit(socket: Socket): Error | undefined {
    const address = this.clientAddress(socket);
    const attempts = (this.connectAttempts.get(socket.conn) ?? 0) + 1;
    this.connectAttempts.set(socket.conn, attempts);
    if (attempts > CONNECT_ATTEMPTS_PER_CONNECTION) {
      closeAfterRefusal(socket);
      this.sampledWarn(
        `connect-cap|${address}`,
        { event: 'kiosk.auth-refused', code: 'RATE_LIMITED', address },
        'too many connect attempts on one connection: closed',
      );
      return refusal(
        'RATE_LIMITED',
        `more than ${CONNECT_ATTEMPTS_PER_CONNECTION} connect attempts on one connection: open a new one`,
      );
    }
    const claimed = KioskHandshakeAuth.shape.kioskId.safeParse(
      (socket.handshake.auth as { kioskId?: unknown }).kioskId,
    );
    const kioskId = claimed.success ? claimed.data : undefined;
    if (this.failuresByAddress.reached(address) || (kioskId && this.failuresByKiosk.reached(kioskId))) {
      this.sampledWarn(`throttled|${address}|${kioskId ?? ''}`, {
        event: 'kiosk.auth-refused',
        code: 'RATE_LIMITED',
        address,
        ...(kioskId ? { kioskId } : {}),
      });
      return refusal('RATE_LIMITED', 'too many failed handshakes: try again later');
    }
    let auth: KioskHandshakeAuth;
    try {
      auth = this.authenticate(socket.handshake.auth);
    } catch (error) {
      const e = isGuichetError(error) ? error : new GuichetError('AUTH_FAILED', 'authentication failed');
      this.failuresByAddress.hit(address);
      if (kioskId) this.failuresByKiosk.hit(kioskId);
      this.sampledWarn(`auth|${e.code}|${address}`, { event: 'kiosk.auth-refused', code: e.code, address }, e.message);
      return refusal(e.code, e.message);
    }
    const holder = this.links.get(auth.kioskId);
    const silentAfterMs = LINK_SILENT_AFTER_INTERVALS * this.deps.heartbeatIntervalMs;
    if (judgeNewcomer(holder, auth.bootId, this.deps.now().getTime(), silentAfterMs) === 'refuse') {
      this.sampledWarn(`contested|${auth.kioskId}`, {
        event: 'kiosk.link-contested',
        code: 'LINK_CONTESTED',
        kioskId: auth.kioskId,
        address,
      });
      this.countContest(auth.kioskId);
      return refusal(
        'LINK_CONTESTED',
        `kiosk ${auth.kioskId} is connected and alive from another boot; this connection does not replace it`,
      );
    }
    const data = socket.data as SocketData;
    data.kioskId = auth.kioskId;
    if (auth.bootId !== undefined) data.bootId = auth.bootId;
    return undefined;
  }

  /** The socket's peer, or behind a trusted proxy the address the proxy saw (the last X-Forwarded-For entry). */
  private clientAddress(socket: Socket): string {
    return this.deps.clientAddress?.(socket.request).slice(0, 64) ?? socket.handshake.address;
  }

  private authenticate(auth: unknown): KioskHandshakeAuth {
    const parsed = KioskHandshakeAuth.safeParse(auth);
    if (!parsed.success)
      throw new GuichetError('AUTH_BAD_HANDSHAKE', 'handshake must carry kioskId, credential and protocolVersion');
    const { kioskId, credential, protocolVersion } = parsed.data;
    if (!SUPPORTED_PROTOCOL_VERSIONS.includes(protocolVersion)) {
      throw new GuichetError(
        'PROTOCOL_VERSION_UNSUPPORTED',
        `protocol version ${protocolVersion} is not supported (server speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`,
      );
    }
    if (!this.deps.registry.kiosk(kioskId) || !this.deps.credentials.verify(kioskId, credential)) {
      throw new GuichetError('AUTH_FAILED', 'unknown kiosk or wrong credential');
    }
    return parsed.data;
  }

  private onConnection(socket: Socket): void {
    const { kioskId, bootId } = socket.data as SocketData;
    const previous = this.links.get(kioskId);
    if (previous && previous.socket.id !== socket.id) {
      this.sampledWarn(
        `replaced|${kioskId}`,
        { event: 'kiosk.replaced-connection', kioskId },
        'a second connection for this kiosk replaces the first',
      );
      // The same boot reconnecting (its old socket half-open) is no contest; any other replacement is.
      if (previous.bootId === undefined || previous.bootId !== bootId) this.countContest(kioskId);
      previous.socket.disconnect(true);
    }
    const link: Link = { socket, bootId, lastSeenAt: this.deps.now().getTime() };
    this.links.set(kioskId, link);
    this.deps.log.info({ component: 'kiosk-gateway', kioskId, event: 'kiosk.connected' }, 'kiosk connected');
    socket.on('disconnect', (reason) => {
      if (this.links.get(kioskId) === link) this.links.delete(kioskId);
      this.protocolFaults.forget(socket.id);
      this.deps.log.info(
        { component: 'kiosk-gateway', kioskId, event: 'kiosk.disconnected', reason },
        'kiosk disconnected',
      );
    });
    const known = new Set<string>([...Object.values(KioskToFleet), ...(this.deps.hub ? TX_EVENT_NAMES : [])]);
    const bucket = new TokenBucket(LINK_MESSAGE_BURST, LINK_MESSAGES_PER_SECOND, this.deps.now);
    // Runs before any handler (socket.io's onAny listeners would run before this, so unknown messages are refused
    // here too): the excess of the bucket and unknown messages are answered without parsing or database work.
    socket.use((packet, next) => {
      const [event, ...args] = packet as [string, ...unknown[]];
      if (!bucket.take()) {
        this.rateLimited(kioskId, String(event), args.at(-1));
        return;
      }
      if (!known.has(event)) {
        this.reject(
          socket,
          kioskId,
          event,
          args.at(-1),
          new GuichetError('PROTOCOL_UNKNOWN_MESSAGE', `unknown message type "${String(event).slice(0, 64)}"`),
        );
        return;
      }
      next();
    });

    this.handle(socket, KioskToFleet.hello, Hello, (hello) => {
      this.requireOwnId(kioskId, hello.kioskId);
      this.deps.monitor.recordHello(kioskId, hello);
      link.bootId ??= hello.bootId;
      link.lastSeenAt = this.deps.now().getTime();
      const targetState = this.deps.targets.get(kioskId);
      // After the welcome is on its way (the ack is sent when this returns): commands waiting for this kiosk.
      const commands = this.deps.commands;
      if (commands)
        queueMicrotask(() => this.afterWelcome(kioskId, () => commands.onWelcome(kioskId, targetState.version)));
      return {
        ok: true,
        welcome: {
          protocolVersion: PROTOCOL_VERSION,
          serverTime: this.deps.now().toISOString(),
          heartbeatIntervalMs: this.deps.heartbeatIntervalMs,
          targetState,
        },
      };
    });
    this.handle(
      socket,
      KioskToFleet.heartbeat,
      Heartbeat,
      (heartbeat) => {
        this.requireOwnId(kioskId, heartbeat.kioskId);
        this.limitHeartbeatRate(kioskId);
        this.deps.monitor.recordHeartbeat(kioskId, heartbeat);
        link.lastSeenAt = this.deps.now().getTime();
        return { ok: true };
      },
      this.deps.onHeartbeatAnswered,
    );
    this.handle(socket, KioskToFleet.telemetry, TelemetryBatch, (batch) => {
      this.requireOwnId(kioskId, batch.kioskId);
      const { gaps, ...telemetry } = this.deps.inbox.accept(kioskId, batch.records, this.deps.now());
      for (const gap of gaps)
        this.deps.log.warn(
          { component: 'kiosk-gateway', kioskId, event: 'telemetry.gap', streamId: telemetry.streamId, ...gap },
          'telemetry records missing on the fleet side',
        );
      for (const refused of telemetry.refused ?? [])
        this.sampledWarn(
          `telemetry-refused|${kioskId}|${refused.code}`,
          { event: 'telemetry.refused', kioskId, code: refused.code, seq: refused.seq },
          refused.message,
        );
      return { ok: true, telemetry };
    });
    this.handle(socket, KioskToFleet.commandResult, CommandResult, (result) => {
      this.requireOwnId(kioskId, result.kioskId);
      this.deps.log.info(
        { component: 'kiosk-gateway', kioskId, event: 'command.result', commandId: result.commandId, ok: result.ok },
        'command result',
      );
      this.deps.commands?.onResult(kioskId, result);
      return { ok: true };
    });
    if (this.deps.hub)
      registerTxEvents(socket, kioskId, {
        hub: this.deps.hub,
        log: this.deps.log,
        sampler: this.sampler,
        onProtocolFault: (code) => this.countProtocolFault(socket, kioskId, code),
      });
  }

  /** Validates and answers one message type; `onAnswered` is told how long each took from arrival to its ack. */
  private handle<S extends z.ZodType>(
    socket: Socket,
    event: string,
    schema: S,
    handler: (message: z.infer<S>) => Ack,
    onAnswered?: (seconds: number, ok: boolean) => void,
  ): void {
    const { kioskId } = socket.data as SocketData;
    const monotonicMs = this.deps.monotonicMs ?? (() => performance.now());
    socket.on(event, (...args: unknown[]) => {
      const arrived = onAnswered ? monotonicMs() : 0;
      const ok = this.answer(socket, kioskId, event, schema, handler, args);
      onAnswered?.(Math.max(0, monotonicMs() - arrived) / 1000, ok);
    });
  }

  /** Answers one message (its ack, or a protocol error); true when it was accepted. */
  private answer<S extends z.ZodType>(
    socket: Socket,
    kioskId: string,
    event: string,
    schema: S,
    handler: (message: z.infer<S>) => Ack,
    args: unknown[],
  ): boolean {
    const ack = args.at(-1);
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      this.reject(
        socket,
        kioskId,
        event,
        ack,
        new GuichetError('PROTOCOL_INVALID_MESSAGE', `invalid ${event}: ${where}${issue?.message ?? 'malformed'}`),
      );
      return false;
    }
    try {
      const answer = handler(parsed.data);
      if (typeof ack === 'function') (ack as AckFn)(answer);
      return answer.ok;
    } catch (error) {
      const e = isGuichetError(error)
        ? error
        : isStorageError(error)
          ? new GuichetError('STORAGE_UNAVAILABLE', `the fleet server cannot write its storage now`, { cause: error })
          : new GuichetError('INTERNAL', 'the fleet server could not process the message', { cause: error });
      if (!isGuichetError(error))
        this.deps.log.error({ component: 'kiosk-gateway', kioskId, event, err: error }, 'message handler failed');
      this.reject(socket, kioskId, event, ack, e);
      return false;
    }
  }

  private afterWelcome(kioskId: string, task: () => void): void {
    try {
      task();
    } catch (error) {
      this.deps.log.error(
        { component: 'kiosk-gateway', kioskId, event: 'command.delivery-failed', err: error },
        'could not deliver the commands waiting for this kiosk',
      );
    }
  }

  private limitHeartbeatRate(kioskId: string): void {
    const now = this.deps.now().getTime();
    const recent = (this.recentHeartbeats.get(kioskId) ?? []).filter((t) => now - t < this.deps.heartbeatIntervalMs);
    if (recent.length >= HEARTBEATS_PER_INTERVAL) {
      throw new GuichetError(
        'RATE_LIMITED',
        `more than ${HEARTBEATS_PER_INTERVAL} heartbeats in ${this.deps.heartbeatIntervalMs} ms; this one is ignored`,
      );
    }
    recent.push(now);
    this.recentHeartbeats.set(kioskId, recent);
  }

  private requireOwnId(authenticated: string, claimed: string): void {
    if (claimed !== authenticated)
      throw new GuichetError(
        'KIOSK_ID_MISMATCH',
        `this connection belongs to kiosk ${authenticated}; it cannot speak for ${claimed}`,
      );
  }

  private reject(socket: Socket, kioskId: string, event: string, ack: unknown, error: GuichetError): void {
    const body: ProtocolError = { code: error.code, message: error.message, event: String(event).slice(0, 64) };
    this.sampledWarn(
      `rejected|${kioskId}|${body.event}|${body.code}`,
      { event: 'protocol.rejected', kioskId, message: body.event, code: body.code },
      error.message,
    );
    if (typeof ack === 'function') (ack as AckFn)({ ok: false, error: body });
    else socket.emit(FleetToKiosk.protocolError, body);
    this.countProtocolFault(socket, kioskId, body.code);
  }

  /** The bucket is empty: answered at once, nothing parsed or stored (retryable, in the Ack and TxAck shapes). */
  private rateLimited(kioskId: string, event: string, ack: unknown): void {
    const message = `more than ${LINK_MESSAGES_PER_SECOND} messages a second (burst ${LINK_MESSAGE_BURST}) on this connection`;
    this.sampledWarn(`rate|${kioskId}`, { event: 'protocol.rejected', kioskId, code: 'RATE_LIMITED' }, message);
    if (typeof ack === 'function')
      (ack as (answer: unknown) => void)({
        ok: false,
        error: { code: 'RATE_LIMITED', message, event: event.slice(0, 64), retryable: true },
      });
  }

  /** Counts a protocol error of the connection; too many in the window close it. */
  private countProtocolFault(socket: Socket, kioskId: string, code: string): void {
    if (!PROTOCOL_FAULTS.has(code) || !socket.connected) return;
    if (this.protocolFaults.hit(socket.id) < PROTOCOL_ERRORS_BEFORE_DISCONNECT) return;
    this.sampledWarn(
      `closed|${kioskId}`,
      { event: 'kiosk.protocol-errors-disconnect', kioskId },
      `${PROTOCOL_ERRORS_BEFORE_DISCONNECT} protocol errors within ${PROTOCOL_ERROR_WINDOW_MS} ms: connection closed`,
    );
    this.protocolFaults.forget(socket.id);
    socket.disconnect(true);
  }

  /** A replacement or a LINK_CONTESTED refusal; enough in the window raise security.link-contested once. */
  private countContest(kioskId: string): void {
    const contests = this.contests.hit(kioskId);
    if (contests < LINK_CONTESTS_BEFORE_ALERT) return;
    const now = this.deps.now();
    const raised = this.contestRaisedAt.get(kioskId);
    if (raised !== undefined && now.getTime() - raised < LINK_CONTEST_WINDOW_MS) return;
    this.contestRaisedAt.set(kioskId, now.getTime());
    const event: LinkContestedEvent = {
      type: 'security.link-contested',
      at: now.toISOString(),
      kioskId,
      contests,
      windowMs: LINK_CONTEST_WINDOW_MS,
    };
    this.deps.log.error(
      { component: 'kiosk-gateway', event: 'security.link-contested', kioskId, contests },
      'connections for this kiosk keep contesting its link: its credential may be in two hands',
    );
    try {
      this.deps.events?.append([event]);
    } catch (error) {
      this.deps.log.error(
        { component: 'kiosk-gateway', event: 'security.record-failed', kioskId, err: error },
        'could not record the security event',
      );
    }
    try {
      this.deps.onSecurityEvent?.(event);
    } catch (error) {
      this.deps.log.error(
        { component: 'kiosk-gateway', event: 'security.notify-failed', kioskId, err: error },
        'the security event listener failed',
      );
    }
  }

  /** At most one line a minute per key, with the number of lines suppressed since the last. */
  private sampledWarn(key: string, fields: Record<string, unknown>, message = 'refused'): void {
    const suppressed = this.sampler.take(key);
    if (suppressed === undefined) return;
    this.deps.log.warn({ component: 'kiosk-gateway', ...fields, suppressed }, message);
  }
}
