// The receipt printer device: real-time status (DLE EOT 1..4) before and after every print, health for the
// heartbeat, typed errors. A print is reported as printed only if the printer confirms it processed the whole
// job (GS ( H process-ID response) AND the status read after that is clean. DLE EOT alone cannot tell: it is
// real-time, answered ahead of data still in the print buffer (and a TCP write resolves once bytes reach the
// kernel), so a paper end in the buffered half of a receipt would read clean. This file is the print policy;
// picking the answers out of the line is PrinterReplies'.
import pino, { type Logger } from 'pino';
import { GuichetError, isGuichetError } from '@guichet/shared';
import type { ByteTransport } from '../transport/byte-transport';
import type { DeviceHealth } from '../device-health';
import { realTimers, type DeviceTimers } from '../device/device-timers';
import { TaskQueue } from '../device/task-queue';
import { processIdRequest } from './escpos-commands';
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
  log?: Logger;
  layout?: ReceiptLayout;
}

export interface StatusReport {
  status?: PrinterStatus;
  health: DeviceHealth;
}

export interface PrintResult {
  printed: true;
  bytes: number;
  health: DeviceHealth;
}

export class ReceiptPrinter {
  private nextProcessId = 0;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly replies: PrinterReplies;
  private readonly queue = new TaskQueue();
  private lastHealth: DeviceHealth | undefined;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: ReceiptPrinterOptions = {},
  ) {
    const statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.replies = new PrinterReplies(transport, {
      statusTimeoutMs,
      quietMs: options.quietMs ?? 2 * statusTimeoutMs,
      completionTimeoutMs: options.completionTimeoutMs ?? 20_000,
      timers: options.timers ?? realTimers,
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

  /** Reads DLE EOT 1..4; never throws: a printer that does not answer is reported offline. */
  checkStatus(): Promise<StatusReport> {
    return this.exclusive(async () => {
      try {
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
    const before = await this.statusOrThrow('before');
    if (before.state === 'fault' || before.state === 'offline') {
      throw new GuichetError(
        before.code ?? 'PRINTER_ERROR',
        `cannot print on ${this.description}: ${before.detail ?? before.state}`,
        { details: { health: before } },
      );
    }
    const processId = String(this.nextProcessId).padStart(4, '0');
    this.nextProcessId = (this.nextProcessId + 1) % 10_000;
    try {
      await this.transport.write(job);
      await this.transport.write(processIdRequest(processId));
    } catch (cause) {
      this.record(healthFromFailure(cause, this.clock()));
      throw this.failed('the link to the printer dropped while sending the receipt', cause);
    }
    try {
      await this.replies.awaitProcessed(processId);
    } catch (cause) {
      this.replies.unsynchronised(); // the process-ID answer may still come, after a paper change
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
    this.log.info({ event: 'printed', bytes: job.length, state: after.state }, 'receipt printed');
    return { printed: true, bytes: job.length, health: after };
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
