// One kiosk's runtime: its devices, its durable telemetry outbox and its link to the fleet. The
// target state from the fleet decides whether it serves citizens (in-service) or shows "out of order".
import crypto from 'node:crypto';
import path from 'node:path';
import { systemTimers, type Clock, type KioskMode, type TargetState, type Timers } from '@guichet/shared';
import type { Logger } from 'pino';
import type { DeviceBoard } from '../devices/device-board';
import { FleetLink } from '../link/fleet-link';
import { TelemetryOutbox } from '../link/telemetry-outbox';
import type { BackoffPolicy } from '@guichet/shared';
import { TargetStateStore } from './target-state-store';
import { KioskTransactions, type KioskTransactionsOptions } from '../transaction/kiosk-transactions';
import type { TransactionPrinter, TransactionTerminal } from '../transaction/transaction-runner';
import { CommandHandler } from '../commands/command-handler';
import { CommandStore } from '../commands/command-store';
import { spawnCommand, type CommandEffects } from '../commands/command-effects';
import type { LogSource } from '../commands/log-excerpt';

export const KIOSK_SOFTWARE_VERSION = '0.1.0';

export interface KioskRuntimeOptions {
  kioskId: string;
  credential: string;
  fleetUrl: string;
  dataDir: string;
  heartbeatIntervalMs: number;
  devices: DeviceBoard;
  log: Logger;
  backoff?: BackoffPolicy;
  /** The link's time: heartbeat and telemetry stamps, heartbeat interval, reconnection delays. */
  clock?: Clock;
  timers?: Timers;
  /** The PIN pad and receipt printer citizen transactions use; without them this kiosk sells nothing. */
  transactionDevices?: { terminal: TransactionTerminal; printer: TransactionPrinter };
  /**
   * Tuning of citizen transactions: retry timers and backoff towards the hub, its answer timeout, and the crash
   * test's durable-step hook.
   */
  transactionOptions?: Pick<
    KioskTransactionsOptions,
    'clock' | 'timers' | 'backoff' | 'hubTimeoutMs' | 'onDurableStep'
  >;
  /**
   * Remote commands' side effects. restartRuntime defaults to reconnecting the link (the in-process demo); the
   * kiosk process (main.ts) exits with RESTART_EXIT_CODE for its supervisor. reboot defaults to spawning
   * `rebootCommand`; with neither, a reboot is refused REBOOT_NOT_CONFIGURED.
   */
  commandEffects?: Partial<CommandEffects>;
  /** GUICHET_REBOOT_COMMAND as argv (parseRebootCommand), spawned without a shell. */
  rebootCommand?: readonly string[];
  /** Where collect-logs reads this kiosk's log; without it collect-logs fails LOGS_UNAVAILABLE. */
  logs?: LogSource;
  /** The longest a restart, reboot or test page waits for a citizen's transaction (default 10 min). */
  maxCommandDeferMs?: number;
}

export class KioskRuntime {
  readonly outbox: TelemetryOutbox;
  readonly link: FleetLink;
  private readonly targetStore: TargetStateStore;
  /** Citizen transactions (begin, reprint, `ready` once start-up recovery is done); absent without devices. */
  readonly transactions: KioskTransactions | undefined;
  private target: TargetState = { version: 0, mode: 'in-service' };
  private unsubscribeDevices: (() => void) | undefined;
  private readonly modeListeners = new Set<(mode: KioskMode) => void>();
  private readonly commandStore: CommandStore;
  /** The fleet's remote commands (restart, reboot, test page, logs), each run once. */
  readonly commands: CommandHandler;

  constructor(private readonly options: KioskRuntimeOptions) {
    this.outbox = new TelemetryOutbox(path.join(options.dataDir, `${options.kioskId}.outbox.db`));
    // A kiosk taken out of service stays so across a reboot, even if the fleet is unreachable then.
    this.targetStore = new TargetStateStore(path.join(options.dataDir, `${options.kioskId}.target.db`));
    this.targetStore.adoptLegacy(this.outbox);
    this.target = this.targetStore.load() ?? this.target;
    const log = options.log.child({ kioskId: options.kioskId });
    this.link = new FleetLink({
      fleetUrl: options.fleetUrl,
      kioskId: options.kioskId,
      credential: options.credential,
      softwareVersion: KIOSK_SOFTWARE_VERSION,
      bootId: crypto.randomUUID(),
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      outbox: this.outbox,
      devices: () => options.devices.statuses(),
      mode: () => this.mode,
      onTargetState: (target) => this.applyTargetState(target),
      onCommand: (command) =>
        void this.commands
          .handle(command)
          .catch((error: unknown) =>
            log.error(
              { component: 'remote-commands', event: 'command.error', commandId: command.commandId, err: error },
              'remote command handling failed',
            ),
          ),
      log,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.timers ? { timers: options.timers } : {}),
    });
    this.transactions = options.transactionDevices
      ? new KioskTransactions({
          kioskId: options.kioskId,
          dataDir: options.dataDir,
          link: this.link,
          ...options.transactionDevices,
          ...options.transactionOptions,
          telemetry: (kind, data) => this.link.record(kind, data),
          log,
        })
      : undefined;
    this.commandStore = new CommandStore(path.join(options.dataDir, `${options.kioskId}.commands.db`));
    const rebootArgv = options.rebootCommand;
    const reboot = options.commandEffects?.reboot ?? (rebootArgv ? () => spawnCommand(rebootArgv) : undefined);
    this.commands = new CommandHandler({
      kioskId: options.kioskId,
      store: this.commandStore,
      send: (result) => this.link.sendCommandResult(result),
      effects: {
        restartRuntime: options.commandEffects?.restartRuntime ?? (() => this.link.reconnect()),
        ...(reboot ? { reboot } : {}),
      },
      ...(this.transactions ? { gate: this.transactions } : {}),
      ...(options.transactionDevices ? { printer: options.transactionDevices.printer } : {}),
      ...(options.logs ? { logs: options.logs } : {}),
      now: () => (options.clock ?? { now: () => new Date() }).now(),
      timers: options.timers ?? systemTimers,
      ...(options.maxCommandDeferMs ? { maxDeferMs: options.maxCommandDeferMs } : {}),
      log,
    });
    this.commands.settleInterrupted();
  }

  get mode(): KioskMode {
    return this.target.mode;
  }

  /** Called when the fleet puts this kiosk in or out of service (the touch UI shows it at once). */
  onModeChange(listener: (mode: KioskMode) => void): () => void {
    this.modeListeners.add(listener);
    return () => this.modeListeners.delete(listener);
  }

  /** The device board the runtime reports (the touch UI reads which services can work). */
  get devices(): DeviceBoard {
    return this.options.devices;
  }

  start(): void {
    this.unsubscribeDevices = this.options.devices.onChange((kind, status) => {
      this.link.record('device.changed', {
        device: kind,
        state: status.state,
        ...(status.code ? { code: status.code } : {}),
      });
      this.link.sendHeartbeatNow();
    });
    this.link.record('kiosk.started', { softwareVersion: KIOSK_SOFTWARE_VERSION });
    this.link.start();
    void this.transactions?.start();
  }

  async stop(): Promise<void> {
    this.unsubscribeDevices?.();
    this.commands.stop();
    this.transactions?.stop();
    await this.link.stop();
    this.outbox.close();
    this.targetStore.close();
    this.commandStore.close();
  }

  /** Idempotent: a repeated or older target state changes nothing. */
  private applyTargetState(target: TargetState): void {
    if (target.version < this.target.version) return;
    if (target.version === this.target.version && target.mode === this.target.mode) return;
    this.target = target;
    this.targetStore.save(target);
    this.link.record('kiosk.mode-changed', { mode: target.mode, version: target.version });
    for (const listener of this.modeListeners) listener(target.mode);
    this.link.sendHeartbeatNow();
  }
}
