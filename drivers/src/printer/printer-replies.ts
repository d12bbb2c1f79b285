// The printer's answers on the line: real-time status bytes (DLE EOT 1..4) and process-ID responses (GS ( H),
// and GS r answers, picked out of whatever else the printer sends. Process-ID answers are taken whole wherever
// they land (reply-scanner.ts) and remembered, so a late one is never read as a status byte. After a wait timed
// out the line is unsynchronised (a late answer may still be on its way): the next status read first drains.
import { GuichetError, isGuichetError } from '@guichet/shared';
import type { DeviceTimers } from '../device/device-timers';
import { ResponseWaiter } from '../device/response-waiter';
import type { ByteTransport } from '../transport/byte-transport';
import {
  isTransmitStatusReply,
  processIdRequest,
  REAL_TIME_STATUS_FUNCTIONS,
  realTimeStatusRequest,
  transmitStatusRequest,
  type RealTimeStatusFunction,
} from './escpos-commands';
import { isModelStatusByte, printerModel, type PrinterModelProfile } from './printer-models';
import { takeReplyToken } from './reply-scanner';
import { decodeStatus, decodeStatusByte, type PrinterStatus } from './status-decoder';

export interface PrinterRepliesOptions {
  /** How long to wait for each status byte. */
  statusTimeoutMs: number;
  /** After a timeout, how long the line must stay silent before the next read. */
  quietMs: number;
  /** How long a job may take before its process-ID answer counts as missing. */
  completionTimeoutMs: number;
  timers: DeviceTimers;
  /** Which DLE EOT bits are fixed on this printer (default: Epson TM-T88). */
  model?: PrinterModelProfile;
}

/** Replies are a byte (status) or seven (process ID): only the newest bytes are kept. */
const KEPT_BYTES = 64;

export class PrinterReplies {
  private received: number[] = [];
  /** Poked with each chunk that arrives; a wait looks into `received` for its answer. */
  private readonly arrivals: ResponseWaiter<void>;
  /** False after a timeout: a late answer may still arrive and must not be read as the next one's. */
  private synchronised = true;
  private closed = false;
  /** Process-ID answers seen and not yet waited for (a late or early one is kept, never misread). */
  private readonly processed = new Set<string>();
  private readonly model: PrinterModelProfile;

  constructor(
    private readonly transport: ByteTransport,
    private readonly options: PrinterRepliesOptions,
  ) {
    this.arrivals = new ResponseWaiter<void>(options.timers);
    this.model = options.model ?? printerModel();
    transport.onData((chunk) => {
      // A babbling device can neither grow the backlog nor crowd out the answer being waited for.
      for (const byte of chunk) this.received.push(byte);
      if (this.received.length > KEPT_BYTES) this.received.splice(0, this.received.length - KEPT_BYTES);
      this.arrivals.offer();
    });
    transport.onClose(() => {
      this.closed = true;
      this.arrivals.loseAll();
    });
  }

  /** The transport was (re)opened: waits may begin again. */
  reopened(): void {
    this.closed = false;
  }

  /** Whether the link is gone (closed since it was last opened, or not open). */
  get linkDown(): boolean {
    return this.closed || !this.transport.isOpen;
  }

  /** An answer may still come after a wait gave up on it: drain the line before the next read. */
  unsynchronised(): void {
    this.synchronised = false;
  }

  /**
   * DLE EOT 1..4, one function at a time. Each request opens a window: bytes that came before it are dropped,
   * non-status bytes inside it are noise, and the first status byte is the answer.
   */
  async readStatus(): Promise<PrinterStatus> {
    if (!this.synchronised) await this.drain();
    const replies: number[] = [];
    for (const n of REAL_TIME_STATUS_FUNCTIONS) {
      this.dropBacklog();
      await this.send(realTimeStatusRequest(n));
      replies.push(await this.statusByte(n));
    }
    return decodeStatus(replies, this.model);
  }

  /** Sends GS ( H fn 48 for `id` (the caller waits with awaitProcessed). */
  requestProcessId(id: string): Promise<void> {
    return this.send(processIdRequest(id));
  }

  /** Sends GS r 1 (the caller waits with awaitTransmitStatus). */
  requestTransmitStatus(): Promise<void> {
    this.dropBacklog();
    return this.send(transmitStatusRequest());
  }

  /**
   * Waits for the process-ID response (37h 22h d1..d4 00h) to `id`, which comes once the job is processed;
   * rejects with PRINTER_NO_ANSWER after `timeoutMs` (default: the completion timeout).
   */
  async awaitProcessed(id: string, timeoutMs = this.options.completionTimeoutMs): Promise<void> {
    await this.waitFor(`finish printing within ${timeoutMs} ms (no process-ID answer)`, timeoutMs, () => {
      this.takeTokens(() => false);
      return this.processed.delete(id) ? true : undefined;
    });
  }

  /** Waits for the GS r answer (bits 4 and 7 clear), which comes once the data before it is processed. */
  async awaitTransmitStatus(timeoutMs = this.options.completionTimeoutMs): Promise<number> {
    return this.waitFor(`finish printing within ${timeoutMs} ms (no GS r answer)`, timeoutMs, () =>
      this.takeTokens(isTransmitStatusReply),
    );
  }

  /** Takes tokens off the line: process-ID answers are remembered, the first byte `accept` likes is returned. */
  private takeTokens(accept: (byte: number) => boolean, noise?: (byte: number) => void): number | undefined {
    for (let token = takeReplyToken(this.received); token; token = takeReplyToken(this.received)) {
      if (token.kind === 'process-id') this.processed.add(token.id);
      else if (accept(token.byte)) return token.byte;
      else noise?.(token.byte);
    }
    return undefined;
  }

  /** Bytes that came before a request are not its answer; a process-ID answer among them is kept. */
  private dropBacklog(): void {
    this.takeTokens(() => false);
  }

  private send(bytes: Uint8Array): Promise<void> {
    return this.transport.write(bytes).catch((cause: unknown) => {
      throw new GuichetError(
        'PRINTER_OFFLINE',
        `the printer at ${this.transport.description} went away: ${(cause as Error).message}`,
        { cause },
      );
    });
  }

  private async statusByte(n: number): Promise<number> {
    let noise: number | undefined;
    const { statusTimeoutMs } = this.options;
    try {
      const rtn = n as RealTimeStatusFunction;
      return await this.waitFor(`answer DLE EOT ${n} within ${statusTimeoutMs} ms`, statusTimeoutMs, () =>
        this.takeTokens(
          (byte) => isModelStatusByte(this.model, rtn, byte),
          (byte) => (noise = byte),
        ),
      );
    } catch (error) {
      this.synchronised = false;
      // Only non-status bytes came back: the printer answers, but with garbage.
      if (noise !== undefined && isGuichetError(error) && error.code === 'PRINTER_NO_ANSWER')
        decodeStatusByte(n as RealTimeStatusFunction, noise, this.model);
      throw error;
    }
  }

  /** Resolves with what `take` finds in the received bytes; rejects on timeout or when the link closes. */
  private async waitFor<T>(what: string, timeoutMs: number, take: () => T | undefined): Promise<T> {
    const found = take();
    if (found !== undefined) return found;
    if (this.linkDown) throw this.closedLink();
    const wait = this.arrivals.expect(() => take());
    const outcome = await wait.within(timeoutMs);
    if (outcome.kind === 'answer') return outcome.value;
    if (outcome.kind === 'lost') throw this.closedLink();
    throw new GuichetError('PRINTER_NO_ANSWER', `the printer at ${this.transport.description} did not ${what}`);
  }

  /** Waits until nothing has arrived for `quietMs`, dropping what does (bounded: a babbling line is garbled). */
  private drain(): Promise<void> {
    const { quietMs, timers } = this.options;
    return new Promise((resolve, reject) => {
      const stop = (): void => {
        timers.clearTimeout(deadline);
        timers.clearTimeout(quiet);
        stopData();
        stopClose();
      };
      const fail = (error: GuichetError): void => {
        stop();
        reject(error);
      };
      const finish = (): void => {
        stop();
        this.dropBacklog();
        this.synchronised = true;
        resolve();
      };
      const deadline = timers.setTimeout(
        () =>
          fail(
            new GuichetError(
              'PRINTER_STATUS_GARBLED',
              `the line to the printer at ${this.transport.description} never went quiet for ${quietMs} ms`,
            ),
          ),
        quietMs * 10,
      );
      let quiet = timers.setTimeout(finish, quietMs);
      this.dropBacklog();
      const stopData = this.transport.onData(() => {
        if (this.linkDown) return fail(this.closedLink());
        this.dropBacklog();
        timers.clearTimeout(quiet);
        quiet = timers.setTimeout(finish, quietMs);
      });
      const stopClose = this.transport.onClose(() => fail(this.closedLink()));
    });
  }

  private closedLink(): GuichetError {
    return new GuichetError('PRINTER_OFFLINE', `the printer at ${this.transport.description} closed the link`);
  }
}
