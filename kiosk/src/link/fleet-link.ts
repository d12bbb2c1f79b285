// The kiosk end of the kiosk↔fleet link (socket.io client): authenticates with the per-kiosk
// credential, says hello, sends heartbeats with device status, replays the telemetry outbox in order
// after every (re)connection and whenever some is left, and applies the target state the fleet sends.
// Reconnects by itself with exponential backoff and full jitter after any loss — the fleet unreachable,
// a refusal (e.g. a credential not yet enrolled), a hello that went unanswered. socket.io's own
// reconnection is off: at its cap it retries every kiosk in lockstep, without jitter.
import { io, type Socket } from 'socket.io-client';
import {
  Ack,
  GuichetError,
  Command,
  CommandEnvelope,
  FleetToKiosk,
  KIOSK_NAMESPACE,
  KioskToFleet,
  PROTOCOL_VERSION,
  ProtocolError,
  systemClock,
  systemTimers,
  type Clock,
  type CommandResult,
  type DeviceStatusMap,
  type Heartbeat,
  type KioskMode,
  type RemoteCommand,
  type TargetState,
  type TelemetryBatch,
  type TimerHandle,
  type Timers,
} from '@guichet/shared';
import type { Logger } from 'pino';
import { backoffDelay, type BackoffPolicy } from '@guichet/shared';
import type { TelemetryOutbox } from './telemetry-outbox';

export interface FleetLinkOptions {
  fleetUrl: string;
  kioskId: string;
  credential: string;
  softwareVersion: string;
  bootId: string;
  heartbeatIntervalMs: number;
  ackTimeoutMs?: number;
  backoff?: BackoffPolicy;
  outbox: TelemetryOutbox;
  devices: () => DeviceStatusMap;
  mode: () => KioskMode;
  onTargetState: (target: TargetState) => void;
  /** Remote commands (restart, reboot, test page, logs); without it they are answered COMMAND_UNSUPPORTED. */
  onCommand?: (command: RemoteCommand) => void;
  log: Logger;
  /** Stamps heartbeats and telemetry. */
  clock?: Clock;
  /** The heartbeat interval and reconnection delays (socket.io keeps its own for acknowledgements). */
  timers?: Timers;
  random?: () => number;
}

const TELEMETRY_BATCH = 100;

export class FleetLink {
  private socket: Socket | undefined;
  private heartbeatTimer: TimerHandle | undefined;
  private retryTimer: TimerHandle | undefined;
  private heartbeatSeq = 0;
  private heartbeatIntervalMs: number;
  private flushing: Promise<void> | undefined;
  private ticking: Promise<void> | undefined;
  private flushAgain = false;
  private failedAttempts = 0;
  private stopped = false;
  private readonly clock: Clock;
  private readonly timers: Timers;

  constructor(private readonly options: FleetLinkOptions) {
    this.heartbeatIntervalMs = options.heartbeatIntervalMs;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  start(): void {
    const socket = io(new URL(KIOSK_NAMESPACE, this.options.fleetUrl).toString(), {
      // The boot id proves continuity: while this boot holds the link, a copy of the credential cannot take it.
      auth: {
        kioskId: this.options.kioskId,
        credential: this.options.credential,
        protocolVersion: PROTOCOL_VERSION,
        bootId: this.options.bootId,
      },
      forceNew: true,
      transports: ['websocket'],
      reconnection: false,
    });
    this.socket = socket;
    socket.on('connect', () => void this.onConnect());
    socket.on('disconnect', (reason) => {
      this.stopHeartbeats();
      if (this.stopped) {
        this.options.log.debug({ component: 'fleet-link', event: 'link.closed' }, 'fleet link closed');
        return;
      }
      this.options.log.warn({ component: 'fleet-link', event: 'link.down', reason }, 'fleet link down');
      this.scheduleReconnect();
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      this.options.log.warn(
        {
          component: 'fleet-link',
          event: 'link.connect-failed',
          code: error.data?.code ?? 'UNREACHABLE',
          message: error.message,
        },
        'cannot reach the fleet',
      );
      this.scheduleReconnect();
    });
    socket.on(FleetToKiosk.command, (raw: unknown) => this.onCommand(raw));
    socket.on(FleetToKiosk.protocolError, (raw: unknown) => {
      const error = ProtocolError.safeParse(raw);
      this.options.log.warn(
        { component: 'fleet-link', event: 'link.protocol-error', code: error.success ? error.data.code : 'MALFORMED' },
        error.success ? error.data.message : 'malformed protocol error',
      );
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer !== undefined) return;
    const delay = backoffDelay(
      this.failedAttempts++,
      this.options.backoff ?? { baseMs: 1_000, maxMs: 30_000 },
      this.options.random ?? Math.random,
    );
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped && !this.socket?.connected) this.socket?.connect();
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopHeartbeats();
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    // The owner closes the outbox after this resolves: let work in flight finish first.
    await this.ticking?.catch(() => undefined);
    await this.flushing?.catch(() => undefined);
    this.socket?.disconnect();
  }

  /** Stores a telemetry record durably, then sends it if the link is up. */
  record(kind: string, data: Record<string, unknown> = {}): void {
    this.options.outbox.append(kind, data, this.clock.now());
    if (this.connected) void this.flushOutbox();
  }

  /** Sends a heartbeat now (e.g. when a device changes) instead of waiting for the next tick. */
  sendHeartbeatNow(): void {
    if (this.connected) void this.sendHeartbeat();
  }

  private async onConnect(): Promise<void> {
    const ack = await this.request(KioskToFleet.hello, {
      protocolVersion: PROTOCOL_VERSION,
      kioskId: this.options.kioskId,
      softwareVersion: this.options.softwareVersion,
      bootId: this.options.bootId,
    });
    if (!ack?.ok) {
      // Connected but not welcomed (refused, or no answer from a busy fleet): start over later rather
      // than sit on a silent connection.
      this.socket?.disconnect();
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) return;
    this.failedAttempts = 0;
    this.options.log.info({ component: 'fleet-link', event: 'link.up' }, 'fleet link up');
    if (ack.welcome) {
      this.heartbeatIntervalMs = ack.welcome.heartbeatIntervalMs;
      this.options.onTargetState(ack.welcome.targetState);
    }
    await this.sendHeartbeat();
    this.stopHeartbeats();
    if (this.stopped) return;
    this.heartbeatTimer = this.timers.setInterval(() => {
      this.ticking ??= this.tick().finally(() => (this.ticking = undefined));
    }, this.heartbeatIntervalMs);
    await this.flushOutbox();
  }

  /** Each heartbeat tick also retries whatever telemetry is still waiting (e.g. after an unanswered batch). */
  private async tick(): Promise<void> {
    await this.sendHeartbeat();
    if (!this.stopped && this.options.outbox.size > 0) await this.flushOutbox();
  }

  private stopHeartbeats(): void {
    if (this.heartbeatTimer !== undefined) this.timers.clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private async sendHeartbeat(): Promise<void> {
    const heartbeat: Heartbeat = {
      kioskId: this.options.kioskId,
      seq: this.heartbeatSeq++,
      sentAt: this.clock.now().toISOString(),
      mode: this.options.mode(),
      devices: this.options.devices(),
    };
    await this.request(KioskToFleet.heartbeat, heartbeat);
  }

  /** Replays the outbox in order, a batch at a time; one flush runs at once, and a request during it runs another after. */
  private flushOutbox(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.flushAgain = false;
        while (this.connected && !this.stopped) {
          const records = this.options.outbox.pending(TELEMETRY_BATCH);
          if (records.length === 0) break;
          const batch: TelemetryBatch = { kioskId: this.options.kioskId, records };
          const ack = await this.request(KioskToFleet.telemetry, batch);
          if (!ack?.ok || !ack.telemetry) break;
          const before = records[0]!.seq;
          // Refused for good (unknown kind, bad data, too large): acknowledged with the rest, so deleted, never resent.
          for (const refused of ack.telemetry.refused ?? [])
            this.options.log.error(
              { component: 'fleet-link', event: 'telemetry.refused', seq: refused.seq, code: refused.code },
              refused.message,
            );
          this.options.outbox.acknowledge(ack.telemetry.ackedSeq);
          if (ack.telemetry.ackedSeq < before) {
            this.options.log.error(
              {
                component: 'fleet-link',
                event: 'telemetry.not-stored',
                ackedSeq: ack.telemetry.ackedSeq,
                firstPending: before,
              },
              'the fleet stored nothing of the batch; will retry',
            );
            break;
          }
        }
      } while (this.flushAgain && this.connected);
    })().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private onCommand(raw: unknown): void {
    const parsed = Command.safeParse(raw);
    if (!parsed.success) {
      // A command this runtime does not know (a newer fleet) or a malformed one: answered failed when it has an
      // id, so the fleet does not wait for it.
      const envelope = CommandEnvelope.safeParse(raw);
      this.options.log.warn(
        { component: 'fleet-link', event: 'command.invalid', ...(envelope.success ? envelope.data : {}) },
        'ignored an invalid command from the fleet',
      );
      if (envelope.success) {
        const known = Command.options.some((option) => option.shape.type.value === envelope.data.type);
        void this.sendCommandResult({
          kioskId: this.options.kioskId,
          commandId: envelope.data.commandId,
          ok: false,
          status: 'failed',
          error: known
            ? { code: 'COMMAND_INVALID', message: `the ${envelope.data.type} command is malformed` }
            : { code: 'COMMAND_UNSUPPORTED', message: `this kiosk does not know the ${envelope.data.type} command` },
        });
      }
      return;
    }
    const command = parsed.data;
    if (command.type === 'apply-target-state' || command.type === 'send-status-now') {
      if (command.type === 'apply-target-state') this.options.onTargetState(command.targetState);
      if (command.type === 'send-status-now') this.sendHeartbeatNow();
      void this.sendCommandResult({
        kioskId: this.options.kioskId,
        commandId: command.commandId,
        ok: true,
        status: 'done',
      });
      return;
    }
    if (this.options.onCommand) this.options.onCommand(command);
    else
      void this.sendCommandResult({
        kioskId: this.options.kioskId,
        commandId: command.commandId,
        ok: false,
        status: 'failed',
        error: { code: 'COMMAND_UNSUPPORTED', message: `this kiosk does not run ${command.type}` },
      });
  }

  /** Sends a command's result; true once the fleet acknowledged it (a lost one is answered again on redelivery). */
  async sendCommandResult(result: CommandResult): Promise<boolean> {
    const ack = await this.request(KioskToFleet.commandResult, result);
    return ack?.ok === true;
  }

  /** Drops the connection and connects again (a runtime restart in the in-process demo: a new hello). */
  reconnect(): void {
    if (this.stopped) return;
    this.socket?.disconnect();
    this.stopHeartbeats();
    this.scheduleReconnect();
  }

  /**
   * Sends one request on the link and returns the fleet's raw acknowledgement, for callers with their own
   * answer schema (the transaction hub's messages). Rejects with LINK_DOWN when not connected and LINK_TIMEOUT
   * when no answer comes in time: the caller decides whether the request may have been received.
   */
  async call(event: string, payload: unknown, timeoutMs = this.options.ackTimeoutMs ?? 10_000): Promise<unknown> {
    const socket = this.socket;
    if (!socket?.connected || this.stopped) throw new GuichetError('LINK_DOWN', 'the fleet link is down');
    try {
      return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as unknown;
    } catch (error) {
      throw new GuichetError('LINK_TIMEOUT', `no answer from the fleet to ${event} within ${timeoutMs} ms`, {
        cause: error,
      });
    }
  }

  private async request(event: string, payload: unknown): Promise<Ack | undefined> {
    const socket = this.socket;
    if (!socket?.connected) return undefined;
    try {
      const raw: unknown = await socket.timeout(this.options.ackTimeoutMs ?? 10_000).emitWithAck(event, payload);
      const ack = Ack.safeParse(raw);
      if (!ack.success) {
        this.options.log.warn(
          { component: 'fleet-link', event: 'link.bad-ack', message: event },
          'fleet answered with a malformed acknowledgement',
        );
        return undefined;
      }
      if (!ack.data.ok)
        this.options.log.warn(
          { component: 'fleet-link', event: 'link.refused', message: event, code: ack.data.error.code },
          ack.data.error.message,
        );
      return ack.data;
    } catch {
      this.options.log.warn(
        { component: 'fleet-link', event: 'link.ack-timeout', message: event },
        'no acknowledgement from the fleet',
      );
      return undefined;
    }
  }
}
