// The receipt printer device: real-time status (DLE EOT 1..4) before and after every print, health for the
// heartbeat, typed errors. Once per open, before the first print, it probes how this printer can confirm a job
// (GS ( H process-ID answer, else GS r answer, else DLE EOT only) and confirms each print with the best one.
// DLE EOT alone cannot prove a print: it is real-time, answered ahead of data still in the print buffer, so
// such a printer is polled for an estimated drain time and the receipt is reported printed but unconfirmed
// unless a fault shows. This file is the print policy; picking the answers out of the line is PrinterReplies'.
import pino, { type Logger } from 'pino';
import { GuichetError, isGuichetError } from '@guichet/shared';
import type { ByteTransport } from '../transport/byte-transport';
import type { DeviceHealth } from '../device-health';
import { realTimers, type DeviceTimers } from '../device/device-timers';
import { TaskQueue } from '../device/task-queue';
import { GS_R_PAPER_BITS } from './escpos-commands';
import { printerModel, type PrinterModelId, type PrinterModelProfile } from './printer-models';
import { PrinterReplies } from './printer-replies';
import type { PrinterStatus } from './status-decoder';
import { healthFromFailure, healthFromStatus } from './printer-health';
import { encodeReceipt, type Receipt, type ReceiptLayout } from './receipt';

export interface ReceiptPrinterOptions {
  /** How long to wait for each status byte; Epson answers DLE EOT within milliseconds. */
  statusTimeoutMs?: number;
  /** After a timeout, how long the line must stay silent before the next read (default: twice statusTimeoutMs). */
  quietMs?: number;
  /** How long a job may take to print before it counts as failed (the process-ID answer comes after the cut). */
  completionTimeoutMs?: number;
  /** The time health is stamped with. */
  clock?: () => Date;
  /** The timers of every timeout above (tests inject vitest's fake timers or their own). */
  timers?: DeviceTimers;
  /** The printer model's DLE EOT profile and throughput (printer-models.ts; default epson-tm-t88). */
  model?: PrinterModelId;
  /** How long the capability probe waits for a process-ID, then a GS r, answer (default 1000 ms). */
  probeTimeoutMs?: number;
  /** With DLE EOT only: how often status is polled while the job drains (default 500 ms). */
  pollIntervalMs?: number;
  /** With DLE EOT only: added to the drain-time estimate (bytes / throughput), default 1000 ms. */
  drainMarginMs?: number;
  log?: Logger;
  layout?: ReceiptLayout;
}

export interface StatusReport {
  status?: PrinterStatus;
  health: DeviceHealth;
}

/**
 * How a print was confirmed: the printer's process-ID answer (GS ( H), its GS r answer, status polled for the
 * estimated drain time (DLE EOT only: unconfirmed), or nothing at all (one-way printer: unconfirmed).
 */
export type ConfirmationMethod = 'process-id' | 'gs-r' | 'status-poll' | 'none';

export interface PrintResult {
  printed: true;
  bytes: number;
  health: DeviceHealth;
  confirmation: ConfirmationMethod;
  /** true only when the printer said it processed the whole job (process-id, gs-r). */
  confirmed: boolean;
}

export class ReceiptPrinter {
  private nextProcessId = 0;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly replies: PrinterReplies;
  private readonly queue = new TaskQueue();
  private lastHealth: DeviceHealth | undefined;
  private readonly model: PrinterModelProfile;
  private readonly timers: DeviceTimers;
  /** What the probe found since the link was last opened (undefined: not probed yet). */
  private method: ConfirmationMethod | undefined;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: ReceiptPrinterOptions = {},
  ) {
    const statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.model = printerModel(options.model);
    this.timers = options.timers ?? realTimers;
    this.replies = new PrinterReplies(transport, {
      statusTimeoutMs,
      quietMs: options.quietMs ?? 2 * statusTimeoutMs,
      completionTimeoutMs: options.completionTimeoutMs ?? 20_000,
      timers: this.timers,
      model: this.model,
    });
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? pino({ level: 'silent' });
    this.log = this.log.child({ component: 'printer', printer: transport.description });
  }

  get description(): string {
    return this.transport.description;
  }

  async connect(): Promise<void> {
    if (this.transport.isOpen) return;
    try {
      await this.transport.open();
      this.replies.reopened();
      this.method = undefined; // another printer may be on the other end now: probe again
    } catch (cause) {
      const error = new GuichetError(
        'PRINTER_OFFLINE',
        `the printer at ${this.transport.description} does not answer: ${(cause as Error).message}`,
        { cause },
      );
      this.record(healthFromFailure(error, this.clock()));
      throw error;
    }
  }

  /** The last health summary this printer recorded (offline until the first check). */
  health(): DeviceHealth {
    return (
      this.lastHealth ?? {
        state: 'offline',
        code: 'PRINTER_NOT_CHECKED',
        detail: 'no status check has run yet',
        checkedAt: this.clock().toISOString(),
      }
    );
  }

  /** How prints are confirmed on this printer: probes once per open (process ID, then GS r, then DLE EOT only). */
  capabilities(): Promise<{ confirmation: ConfirmationMethod; model: PrinterModelId }> {
    return this.exclusive(async () => {
      if (!this.transport.isOpen) await this.connect();
      return { confirmation: await this.probe(), model: this.model.id };
    });
  }

  /** Reads DLE EOT 1..4; never throws: a printer that does not answer is reported offline. */
  checkStatus(): Promise<StatusReport> {
    return this.exclusive(async () => {
      try {
        if (await this.oneWay()) return { health: this.record(this.oneWayHealth()) };
        const status = await this.readStatus();
        return { status, health: this.record(healthFromStatus(status, this.clock())) };
      } catch (error) {
        return { health: this.record(healthFromFailure(error, this.clock())) };
      }
    });
  }

  /** Encodes inside the print task, so a bad receipt is a rejected promise with a typed error, never a throw. */
  printReceipt(receipt: Receipt): Promise<PrintResult> {
    return this.exclusive(() => this.printJob(() => encodeReceipt(receipt, this.options.layout)));
  }

  /**
   * Status, bytes, process-ID confirmation, status: rejects with a GuichetError unless the printer processed
   * the whole job and reports no error.
   */
  print(job: Uint8Array): Promise<PrintResult> {
    return this.exclusive(() => this.printJob(() => job));
  }

  private async printJob(encode: () => Uint8Array): Promise<PrintResult> {
    let job: Uint8Array;
    try {
      job = encode();
    } catch (cause) {
      if (isGuichetError(cause)) throw cause;
      throw new GuichetError('PRINTER_BAD_RECEIPT', `the receipt cannot be encoded: ${(cause as Error).message}`, {
        cause,
      });
    }
    if (await this.oneWay()) return this.printOneWay(job);
    const before = await this.statusOrThrow('before');
    if (before.state === 'fault' || before.state === 'offline') {
      throw new GuichetError(
        before.code ?? 'PRINTER_ERROR',
        `cannot print on ${this.description}: ${before.detail ?? before.state}`,
        { details: { health: before } },
      );
    }
    const method = await this.probe();
    const processId = this.takeProcessId();
    try {
      await this.transport.write(job);
      if (method === 'process-id') await this.replies.requestProcessId(processId);
      if (method === 'gs-r') await this.replies.requestTransmitStatus();
    } catch (cause) {
      this.record(healthFromFailure(cause, this.clock()));
      throw this.failed('the link to the printer dropped while sending the receipt', cause);
    }
    if (method === 'status-poll') return this.pollWhileDraining(job);
    try {
      if (method === 'process-id') await this.replies.awaitProcessed(processId);
      else {
        const paper = await this.replies.awaitTransmitStatus();
        if ((paper & GS_R_PAPER_BITS.end) !== 0)
          throw new GuichetError('PRINTER_PAPER_END', 'the printer reports paper end in its GS r answer');
      }
    } catch (cause) {
      this.replies.unsynchronised(); // the answer may still come, after a paper change
      // Not confirmed: ask why (paper end, cover open…) so the failure names the cause when the printer can;
      // a dropped link is its own answer (reconnecting to ask would hide it).
      if (this.replies.linkDown) {
        this.record(healthFromFailure(cause, this.clock()));
        throw this.failed('the link to the printer dropped before it finished the receipt', cause);
      }
      const why = await this.readStatus().then(
        (status) => this.record(healthFromStatus(status, this.clock())),
        (error: unknown) => this.record(healthFromFailure(error, this.clock())),
      );
      const detail =
        why.state === 'ok' || why.state === 'warning' ? (cause as Error).message : (why.detail ?? why.state);
      throw this.failed(
        `the printer did not finish the receipt: ${detail}`,
        cause,
        why.state === 'ok' || why.state === 'warning' ? undefined : why,
      );
    }
    const after = await this.afterStatus();
    this.log.info({ event: 'printed', bytes: job.length, state: after.state, confirmation: method }, 'receipt printed');
    return { printed: true, bytes: job.length, health: after, confirmation: method, confirmed: true };
  }

  /**
   * DLE EOT only: nothing says when the job is done, so status is polled until the job should have drained
   * (bytes / the model's throughput, plus a margin). Any fault on the way fails the print; otherwise it is
   * printed but unconfirmed.
   */
  private async pollWhileDraining(job: Uint8Array): Promise<PrintResult> {
    const interval = this.options.pollIntervalMs ?? 500;
    const drainMs =
      Math.ceil((job.length * 1000) / this.model.throughputBytesPerSecond) + (this.options.drainMarginMs ?? 1000);
    let after: DeviceHealth | undefined;
    for (let waited = 0; waited < drainMs; waited += interval) {
      await this.sleep(Math.min(interval, drainMs - waited));
      after = await this.afterStatus();
    }
    const health = after ?? (await this.afterStatus());
    this.log.info(
      { event: 'printed-unconfirmed', bytes: job.length, state: health.state, drainMs },
      'receipt sent; no fault while it drained (unconfirmed)',
    );
    return { printed: true, bytes: job.length, health, confirmation: 'status-poll', confirmed: false };
  }

  /** A one-way printer: the bytes went out, nothing can come back. */
  private async printOneWay(job: Uint8Array): Promise<PrintResult> {
    try {
      await this.transport.write(job);
    } catch (cause) {
      this.record(healthFromFailure(cause, this.clock()));
      throw this.failed('the link to the printer dropped while sending the receipt', cause);
    }
    const health = this.record(this.oneWayHealth());
    this.log.info({ event: 'printed-unconfirmed', bytes: job.length, oneWay: true }, 'receipt sent (one-way printer)');
    return { printed: true, bytes: job.length, health, confirmation: 'none', confirmed: false };
  }

  /** The status after a job: a fault or no answer fails the print. */
  private async afterStatus(): Promise<DeviceHealth> {
    const after = await this.statusOrThrow('after').catch((cause: unknown) => {
      throw this.failed('the printer did not confirm the receipt', cause);
    });
    if (after.state === 'fault' || after.state === 'offline') {
      throw this.failed(
        `the printer reported a problem after printing: ${after.detail ?? after.state}`,
        undefined,
        after,
      );
    }
    return after;
  }

  /** Probes once per open: a process-ID answer, else a GS r answer, else DLE EOT only. */
  private async probe(): Promise<ConfirmationMethod> {
    if (this.method) return this.method;
    const timeoutMs = this.options.probeTimeoutMs ?? 1000;
    let method: ConfirmationMethod = 'status-poll';
    const id = this.takeProcessId();
    await this.replies.requestProcessId(id);
    if (await this.answered(this.replies.awaitProcessed(id, timeoutMs))) method = 'process-id';
    else {
      await this.replies.requestTransmitStatus();
      if (await this.answered(this.replies.awaitTransmitStatus(timeoutMs))) method = 'gs-r';
    }
    this.log.info({ event: 'capabilities', confirmation: method, model: this.model.id }, 'printer probed');
    this.method = method;
    return method;
  }

  /** true when the wait got its answer, false when it timed out; a dropped link stays an error. */
  private async answered(wait: Promise<unknown>): Promise<boolean> {
    try {
      await wait;
      return true;
    } catch (error) {
      if (isGuichetError(error) && error.code === 'PRINTER_NO_ANSWER') return false;
      throw error;
    }
  }

  private async oneWay(): Promise<boolean> {
    if (!this.transport.isOpen) await this.connect();
    return this.transport.readsBack === false;
  }

  private oneWayHealth(): DeviceHealth {
    return {
      state: 'warning',
      code: 'PRINTER_ONE_WAY',
      detail: 'the printer sends nothing back: status unknown, prints unconfirmed',
      checkedAt: this.clock().toISOString(),
    };
  }

  private takeProcessId(): string {
    const id = String(this.nextProcessId).padStart(4, '0');
    this.nextProcessId = (this.nextProcessId + 1) % 10_000;
    return id;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.setTimeout(resolve, ms));
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private failed(why: string, cause?: unknown, health?: DeviceHealth): GuichetError {
    this.log.warn(
      { event: 'print-failed', code: health?.code ?? (isGuichetError(cause) ? cause.code : undefined) },
      why,
    );
    return new GuichetError('PRINTER_PRINT_FAILED', `receipt NOT printed on ${this.description}: ${why}`, {
      cause,
      details: health ? { health } : undefined,
    });
  }

  private async statusOrThrow(when: 'before' | 'after'): Promise<DeviceHealth> {
    try {
      return this.record(healthFromStatus(await this.readStatus(), this.clock()));
    } catch (error) {
      const health = this.record(healthFromFailure(error, this.clock()));
      if (when === 'before')
        throw new GuichetError(
          health.code ?? 'PRINTER_OFFLINE',
          `cannot print on ${this.description}: ${health.detail ?? 'no status'}`,
          { cause: error, details: { health } },
        );
      throw error;
    }
  }

  /** DLE EOT 1..4 (PrinterReplies), reconnecting first when the link is down. */
  private async readStatus(): Promise<PrinterStatus> {
    if (!this.transport.isOpen) await this.connect();
    return this.replies.readStatus();
  }

  private record(health: DeviceHealth): DeviceHealth {
    this.lastHealth = health;
    return health;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(task);
  }
}
