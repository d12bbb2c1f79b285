// ByteTransport over a Linux USB printer-class device (/dev/usb/lpN, the usblp driver), opened as a file for
// reading and writing. The fd is non-blocking and polled, so a silent printer never pins a libuv thread; the
// same class works on any character device that behaves like a printer port (e.g. one end of a socat pty).
// usblp (Linux drivers/usb/class/usblp.c) answers read() with EINVAL on a printer that has no bulk-in endpoint
// (unidirectional): that printer is one-way (readsBack false), not broken. It reports a failed bulk transfer as
// EIO and resubmits its read URB, so EIO is retried a bounded number of times before the link counts as lost.
import { constants, promises as fs } from 'node:fs';
import { GuichetError } from '@guichet/shared';
import { realTimers, type DeviceTimers } from '../device/device-timers';
import type { ByteTransport } from './byte-transport';
import { TransportListeners } from './transport-listeners';

/** The slice of fs.FileHandle this transport uses (tests inject one that fails the way usblp does). */
export interface DeviceFileHandle {
  read(buffer: Buffer, offset: number, length: number, position: null): Promise<{ bytesRead: number }>;
  write(data: Uint8Array, offset: number, length: number, position: null): Promise<{ bytesWritten: number }>;
  close(): Promise<void>;
}

export interface UsbLpTransportOptions {
  path: string;
  /** How often to look for status bytes from the printer. */
  pollIntervalMs?: number;
  /** How many EIO in a row a read or a write retries before giving up (default 5). */
  eioRetries?: number;
  /** Wait between EIO retries (default 100 ms). */
  eioRetryDelayMs?: number;
  /** Timers of the polling and retry waits (tests inject manual ones). */
  timers?: DeviceTimers;
  /** Opens the device file (default: fs.open read/write, non-blocking). */
  openFile?: (path: string) => Promise<DeviceFileHandle>;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function isWouldBlock(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
}

const openDeviceFile = (path: string): Promise<DeviceFileHandle> =>
  fs.open(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);

export class UsbLpTransport extends TransportListeners implements ByteTransport {
  readonly description: string;
  private handle: DeviceFileHandle | undefined;
  private closing = false;
  private poller: Promise<void> | undefined;
  private oneWay = false;
  private readonly timers: DeviceTimers;

  constructor(private readonly options: UsbLpTransportOptions) {
    super();
    this.description = `usb:${options.path}`;
    this.timers = options.timers ?? realTimers;
  }

  get isOpen(): boolean {
    return this.handle !== undefined && !this.closing;
  }

  /** false once the device refused a read with EINVAL (a one-way printer: nothing can come back). */
  get readsBack(): boolean {
    return !this.oneWay;
  }

  /** Ends the current waits early (close() must not wait for a poll interval or a retry delay to pass). */
  private readonly wakers = new Set<() => void>();

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.timers.clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = this.timers.setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  async open(): Promise<void> {
    if (this.handle) throw new GuichetError('TRANSPORT_ALREADY_OPEN', `${this.description} is already open`);
    try {
      this.handle = await (this.options.openFile ?? openDeviceFile)(this.options.path);
    } catch (cause) {
      throw new GuichetError(
        'TRANSPORT_CONNECT_FAILED',
        `cannot open ${this.options.path}: ${(cause as Error).message}`,
        { cause },
      );
    }
    this.closing = false;
    this.oneWay = false;
    // open() resolves after the first read, so readsBack is known before anyone asks the printer anything.
    let firstRead!: () => void;
    const readOnce = new Promise<void>((resolve) => (firstRead = resolve));
    this.poller = this.poll(this.handle, firstRead);
    await readOnce;
  }

  private async poll(handle: DeviceFileHandle, firstRead: () => void): Promise<void> {
    const buffer = Buffer.alloc(512);
    const interval = this.options.pollIntervalMs ?? 10;
    const retries = this.options.eioRetries ?? 5;
    let failure: Error | undefined;
    let eio = 0;
    while (!this.closing) {
      let delay = interval;
      try {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        eio = 0;
        if (bytesRead > 0) {
          this.emitData(Buffer.from(buffer.subarray(0, bytesRead)));
          firstRead();
          continue;
        }
      } catch (error) {
        if (errorCode(error) === 'EINVAL') {
          // usblp: no bulk-in endpoint. Writing still works; there is nothing to poll.
          this.oneWay = true;
          firstRead();
          return;
        }
        if (errorCode(error) === 'EIO' && eio < retries && !this.closing) {
          eio += 1;
          delay = this.options.eioRetryDelayMs ?? 100;
        } else if (!isWouldBlock(error)) {
          // EIO that does not clear, ENODEV: the device went away (unplugged, or the far end of a pty closed).
          if (!this.closing)
            failure = new GuichetError('TRANSPORT_LOST', `${this.description} went away: ${(error as Error).message}`, {
              cause: error,
            });
          break;
        } else eio = 0;
      }
      firstRead();
      await this.wait(delay);
    }
    firstRead();
    if (failure) await this.shutdown(failure);
  }

  async write(data: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (!handle || this.closing) throw new GuichetError('TRANSPORT_CLOSED', `${this.description} is not open`);
    let offset = 0;
    let stalls = 0;
    let eio = 0;
    while (offset < data.length) {
      try {
        const { bytesWritten } = await handle.write(data, offset, data.length - offset, null);
        offset += bytesWritten;
        stalls = 0;
        eio = 0;
      } catch (error) {
        // A full printer buffer says EAGAIN; give it a bounded time (~5 s) to take more.
        if (isWouldBlock(error) && stalls++ < 500 && !this.closing) {
          await this.wait(10);
          continue;
        }
        // usblp reports a failed bulk-out transfer as EIO; the next write submits a fresh URB.
        if (errorCode(error) === 'EIO' && eio++ < (this.options.eioRetries ?? 5) && !this.closing) {
          await this.wait(this.options.eioRetryDelayMs ?? 100);
          continue;
        }
        throw new GuichetError(
          'TRANSPORT_WRITE_FAILED',
          `write to ${this.description} failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
  }

  private async shutdown(error?: Error): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    this.closing = true;
    this.handle = undefined;
    await handle.close().catch(() => undefined);
    this.emitClose(error);
  }

  async close(): Promise<void> {
    if (!this.handle) return;
    this.closing = true;
    for (const wake of [...this.wakers]) wake();
    await this.poller;
    await this.shutdown();
  }
}
