// The receipt printer device: real-time status (DLE EOT 1..4) before and after every print, health for the
// heartbeat, typed errors. A print is reported as printed only if the printer confirms it processed the whole
// job (GS ( H process-ID response) AND the status read after that is clean. DLE EOT alone cannot tell: it is
// real-time, answered ahead of data still in the print buffer (and a TCP write resolves once bytes reach the
// kernel), so a paper end in the buffered half of a receipt would read clean.
import pino, { type Logger } from 'pino';
import { GuichetError, isGuichetError } from '@guichet/shared';
import type { ByteTransport } from '../transport/byte-transport';
import type { DeviceHealth } from '../device-health';
import {
  processIdRequest,
  processIdResponse,
  REAL_TIME_STATUS_FUNCTIONS,
  realTimeStatusRequest,
  type RealTimeStatusFunction,
} from './escpos-commands';
import { decodeStatus, decodeStatusByte, isStatusByte, type PrinterStatus } from './status-decoder';
import { healthFromFailure, healthFromStatus } from './printer-health';
import { encodeReceipt, type Receipt, type ReceiptLayout } from './receipt';

export interface ReceiptPrinterOptions {
  /** How long to wait for each status byte; Epson answers DLE EOT within milliseconds. */
  statusTimeoutMs?: number;
  /** After a timeout, how long the line must stay silent before the next read (default: twice statusTimeoutMs). */
  quietMs?: number;
  /** How long a job may take to print before it counts as failed (the process-ID answer comes after the cut). */
  completionTimeoutMs?: number;
  clock?: () => Date;
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
  private readonly statusTimeoutMs: number;
  private readonly completionTimeoutMs: number;
  private readonly quietMs: number;
  private nextProcessId = 0;
  /** False after a timeout: a late answer may still arrive and must not be read as the next one's. */
  private synchronised = true;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private received: number[] = [];
  private waiter: (() => void) | undefined;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private lastHealth: DeviceHealth | undefined;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: ReceiptPrinterOptions = {},
  ) {
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.completionTimeoutMs = options.completionTimeoutMs ?? 20_000;
    this.quietMs = options.quietMs ?? 2 * this.statusTimeoutMs;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? pino({ level: 'silent' });
    this.log = this.log.child({ component: 'printer', printer: transport.description });
    transport.onData((chunk) => {
      // Replies are a byte (status) or seven (process ID); keep only the newest bytes so a babbling device
      // can neither grow the backlog nor crowd out the answer being waited for.
      for (const byte of chunk) this.received.push(byte);
      if (this.received.length > 64) this.received.splice(0, this.received.length - 64);
      this.waiter?.();
    });
    transport.onClose(() => {
      this.closed = true;
      this.waiter?.();
    });
  }

  get description(): string {
    return this.transport.description;
  }

  async connect(): Promise<void> {
    if (this.transport.isOpen) return;
    try {
      await this.transport.open();
      this.closed = false;
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
      await this.awaitProcessed(processId);
    } catch (cause) {
      this.synchronised = false; // the process-ID answer may still come, after a paper change
      // Not confirmed: ask why (paper end, cover open…) so the failure names the cause when the printer can;
      // a dropped link is its own answer (reconnecting to ask would hide it).
      if (this.closed || !this.transport.isOpen) {
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

  /**
   * DLE EOT 1..4, one function at a time. Each request opens a window: bytes that came before it are dropped,
   * non-status bytes inside it are noise, and the first status byte is the answer. After any timeout the link
   * is unsynchronised (a late answer may still be on its way), so the next read first drains until the line
   * has been quiet for `quietMs`.
   */
  private async readStatus(): Promise<PrinterStatus> {
    if (!this.transport.isOpen) await this.connect();
    if (!this.synchronised) await this.drain();
    const replies: number[] = [];
    for (const n of REAL_TIME_STATUS_FUNCTIONS) {
      this.received = [];
      await this.transport.write(realTimeStatusRequest(n)).catch((cause: unknown) => {
        throw new GuichetError(
          'PRINTER_OFFLINE',
          `the printer at ${this.description} went away: ${(cause as Error).message}`,
          { cause },
        );
      });
      replies.push(await this.statusByte(n));
    }
    return decodeStatus(replies);
  }

  private async statusByte(n: number): Promise<number> {
    let noise: number | undefined;
    try {
      return await this.waitFor(`answer DLE EOT ${n} within ${this.statusTimeoutMs} ms`, this.statusTimeoutMs, () => {
        while (this.received.length > 0) {
          const byte = this.received.shift() as number;
          if (isStatusByte(byte)) return byte;
          noise = byte;
        }
        return undefined;
      });
    } catch (error) {
      this.synchronised = false;
      // Only non-status bytes came back: the printer answers, but with garbage.
      if (noise !== undefined && isGuichetError(error) && error.code === 'PRINTER_NO_ANSWER')
        decodeStatusByte(n as RealTimeStatusFunction, noise);
      throw error;
    }
  }

  /** Waits until nothing has arrived for `quietMs`, dropping what does (bounded: a babbling line is garbled). */
  private drain(): Promise<void> {
    return new Promise((resolve, reject) => {
      const deadline = setTimeout(() => {
        stop();
        reject(
          new GuichetError(
            'PRINTER_STATUS_GARBLED',
            `the line to the printer at ${this.description} never went quiet for ${this.quietMs} ms`,
          ),
        );
      }, this.quietMs * 10);
      let quiet = setTimeout(() => finish(), this.quietMs);
      const finish = (): void => {
        stop();
        this.received = [];
        this.synchronised = true;
        resolve();
      };
      const stop = (): void => {
        clearTimeout(deadline);
        clearTimeout(quiet);
        this.waiter = undefined;
      };
      this.received = [];
      this.waiter = () => {
        if (this.closed || !this.transport.isOpen) {
          stop();
          reject(new GuichetError('PRINTER_OFFLINE', `the printer at ${this.description} closed the link`));
          return;
        }
        this.received = [];
        clearTimeout(quiet);
        quiet = setTimeout(() => finish(), this.quietMs);
      };
    });
  }

  /** Waits for the process-ID response (37h 22h d1..d4 00h) to `id`, which comes once the job is processed. */
  private async awaitProcessed(id: string): Promise<void> {
    const expected = [...processIdResponse(id)];
    await this.waitFor(
      `finish printing within ${this.completionTimeoutMs} ms (no process-ID answer)`,
      this.completionTimeoutMs,
      () => {
        for (let i = 0; i + expected.length <= this.received.length; i++) {
          if (expected.every((byte, j) => this.received[i + j] === byte)) {
            this.received.splice(0, i + expected.length);
            return true;
          }
        }
        return undefined;
      },
    );
  }

  /** Resolves with what `take` finds in the received bytes; rejects on timeout or when the link closes. */
  private waitFor<T>(what: string, timeoutMs: number, take: () => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        const found = take();
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (this.closed || !this.transport.isOpen) {
          done();
          reject(new GuichetError('PRINTER_OFFLINE', `the printer at ${this.description} closed the link`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new GuichetError('PRINTER_NO_ANSWER', `the printer at ${this.description} did not ${what}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiter = undefined;
      };
      this.waiter = settle;
      settle();
    });
  }

  private record(health: DeviceHealth): DeviceHealth {
    this.lastHealth = health;
    return health;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
