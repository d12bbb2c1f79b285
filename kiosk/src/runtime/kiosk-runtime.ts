// One kiosk's runtime: its devices, its durable telemetry outbox and its link to the fleet. The
// target state from the fleet decides whether it serves citizens (in-service) or shows "out of order".
import crypto from 'node:crypto';
import path from 'node:path';
import type { Clock, KioskMode, TargetState, Timers } from '@guichet/shared';
import type { Logger } from 'pino';
import type { DeviceBoard } from '../devices/device-board';
import { FleetLink } from '../link/fleet-link';
import { TelemetryOutbox } from '../link/telemetry-outbox';
import type { BackoffPolicy } from '@guichet/shared';
import { TargetStateStore } from './target-state-store';
import { KioskTransactions, type KioskTransactionsOptions } from '../transaction/kiosk-transactions';
import type { TransactionPrinter, TransactionTerminal } from '../transaction/transaction-runner';

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
}

export class KioskRuntime {
  readonly outbox: TelemetryOutbox;
  readonly link: FleetLink;
  private readonly targetStore: TargetStateStore;
  /** Citizen transactions (begin, reprint, `ready` once start-up recovery is done); absent without devices. */
  readonly transactions: KioskTransactions | undefined;
  private target: TargetState = { version: 0, mode: 'in-service' };
  private unsubscribeDevices: (() => void) | undefined;

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
  }

  get mode(): KioskMode {
    return this.target.mode;
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
    this.transactions?.stop();
    await this.link.stop();
    this.outbox.close();
    this.targetStore.close();
  }

  /** Idempotent: a repeated or older target state changes nothing. */
  private applyTargetState(target: TargetState): void {
    if (target.version < this.target.version) return;
    if (target.version === this.target.version && target.mode === this.target.mode) return;
    this.target = target;
    this.targetStore.save(target);
    this.link.record('kiosk.mode-changed', { mode: target.mode, version: target.version });
    this.link.sendHeartbeatNow();
  }
}
