// The fleet end of the kiosk link (socket.io namespace /kiosk): authenticates each kiosk by its
// per-kiosk credential at the handshake, validates every message against shared/protocol, and answers
// each with an acknowledgement. Bad input gets a clear error to the sender, one log line, and no change.
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
}

type AckFn = (ack: Ack) => void;

/** What the handshake middleware stores on an authenticated socket (socket.io types `socket.data` as any). */
interface SocketData {
  kioskId: string;
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
  private readonly sockets = new Map<string, Socket>();
  private readonly recentHeartbeats = new Map<string, number[]>();
  private readonly txLogSampler: LogSampler;

  constructor(
    io: Server,
    private readonly deps: KioskGatewayDeps,
  ) {
    closeDefaultNamespace(io, deps.log);
    this.namespace = io.of(KIOSK_NAMESPACE);
    this.txLogSampler = new LogSampler(60_000, deps.now);
    this.namespace.use((socket, next) => {
      try {
        (socket.data as SocketData).kioskId = this.authenticate(socket.handshake.auth);
        next();
      } catch (error) {
        const e = isGuichetError(error) ? error : new GuichetError('AUTH_FAILED', 'authentication failed');
        this.deps.log.warn(
          { component: 'kiosk-gateway', event: 'kiosk.auth-refused', code: e.code, address: socket.handshake.address },
          e.message,
        );
        const refusal = Object.assign(new Error(e.message), { data: { code: e.code } });
        next(refusal);
      }
    });
    this.namespace.on('connection', (socket) => this.onConnection(socket));
  }

  get connectedKiosks(): number {
    return this.sockets.size;
  }

  /** Pushes the whole target state to a connected kiosk; a disconnected one receives it in its welcome. */
  pushTargetState(kioskId: string, targetState: TargetState): void {
    const command: Command = { commandId: `target-${targetState.version}`, type: 'apply-target-state', targetState };
    this.sockets.get(kioskId)?.emit(FleetToKiosk.command, command);
  }

  /** Emits a command to a connected kiosk; false when it is not connected (the caller keeps it for later). */
  sendCommand(kioskId: string, command: Command): boolean {
    const socket = this.sockets.get(kioskId);
    if (!socket?.connected) return false;
    socket.emit(FleetToKiosk.command, command);
    return true;
  }

  private authenticate(auth: unknown): string {
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
    return kioskId;
  }

  private onConnection(socket: Socket): void {
    const { kioskId } = socket.data as SocketData;
    const previous = this.sockets.get(kioskId);
    if (previous && previous.id !== socket.id) {
      this.deps.log.warn(
        { component: 'kiosk-gateway', kioskId, event: 'kiosk.replaced-connection' },
        'a second connection for this kiosk replaces the first',
      );
      previous.disconnect(true);
    }
    this.sockets.set(kioskId, socket);
    this.deps.log.info({ component: 'kiosk-gateway', kioskId, event: 'kiosk.connected' }, 'kiosk connected');
    socket.on('disconnect', (reason) => {
      if (this.sockets.get(kioskId) === socket) this.sockets.delete(kioskId);
      this.deps.log.info(
        { component: 'kiosk-gateway', kioskId, event: 'kiosk.disconnected', reason },
        'kiosk disconnected',
      );
    });

    this.handle(socket, KioskToFleet.hello, Hello, (hello) => {
      this.requireOwnId(kioskId, hello.kioskId);
      this.deps.monitor.recordHello(kioskId, hello);
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
    this.handle(socket, KioskToFleet.heartbeat, Heartbeat, (heartbeat) => {
      this.requireOwnId(kioskId, heartbeat.kioskId);
      this.limitHeartbeatRate(kioskId);
      this.deps.monitor.recordHeartbeat(kioskId, heartbeat);
      return { ok: true };
    });
    this.handle(socket, KioskToFleet.telemetry, TelemetryBatch, (batch) => {
      this.requireOwnId(kioskId, batch.kioskId);
      const { gaps, ...telemetry } = this.deps.inbox.accept(kioskId, batch.records, this.deps.now());
      for (const gap of gaps)
        this.deps.log.warn(
          { component: 'kiosk-gateway', kioskId, event: 'telemetry.gap', streamId: telemetry.streamId, ...gap },
          'telemetry records missing on the fleet side',
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
      registerTxEvents(socket, kioskId, { hub: this.deps.hub, log: this.deps.log, sampler: this.txLogSampler });
    const known = new Set<string>([...Object.values(KioskToFleet), ...(this.deps.hub ? TX_EVENT_NAMES : [])]);
    socket.onAny((event: string, ...args: unknown[]) => {
      if (known.has(event)) return;
      this.reject(
        socket,
        kioskId,
        event,
        args.at(-1),
        new GuichetError('PROTOCOL_UNKNOWN_MESSAGE', `unknown message type "${String(event).slice(0, 64)}"`),
      );
    });
  }

  private handle<S extends z.ZodType>(
    socket: Socket,
    event: string,
    schema: S,
    handler: (message: z.infer<S>) => Ack,
  ): void {
    const { kioskId } = socket.data as SocketData;
    socket.on(event, (...args: unknown[]) => {
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
        return;
      }
      try {
        const answer = handler(parsed.data);
        if (typeof ack === 'function') (ack as AckFn)(answer);
      } catch (error) {
        const e = isGuichetError(error)
          ? error
          : isStorageError(error)
            ? new GuichetError('STORAGE_UNAVAILABLE', `the fleet server cannot write its storage now`, { cause: error })
            : new GuichetError('INTERNAL', 'the fleet server could not process the message', { cause: error });
        if (!isGuichetError(error))
          this.deps.log.error({ component: 'kiosk-gateway', kioskId, event, err: error }, 'message handler failed');
        this.reject(socket, kioskId, event, ack, e);
      }
    });
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
    this.deps.log.warn(
      { component: 'kiosk-gateway', kioskId, event: 'protocol.rejected', message: body.event, code: body.code },
      error.message,
    );
    if (typeof ack === 'function') (ack as AckFn)({ ok: false, error: body });
    else socket.emit(FleetToKiosk.protocolError, body);
  }
}
