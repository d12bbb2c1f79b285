// ByteTransport over a Linux USB printer-class device (/dev/usb/lpN, the usblp driver), opened as a file for
// reading and writing. The fd is non-blocking and polled, so a silent printer never pins a libuv thread; the
// same class works on any character device that behaves like a printer port (e.g. one end of a socat pty).
import { constants, promises as fs } from 'node:fs';
import { GuichetError } from '@guichet/shared';
import type { ByteTransport } from './byte-transport';
import { TransportListeners } from './transport-listeners';

export interface UsbLpTransportOptions {
  path: string;
  /** How often to look for status bytes from the printer. */
  pollIntervalMs?: number;
}

function isWouldBlock(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
}

export class UsbLpTransport extends TransportListeners implements ByteTransport {
  readonly description: string;
  private handle: fs.FileHandle | undefined;
  private closing = false;
  private poller: Promise<void> | undefined;

  constructor(private readonly options: UsbLpTransportOptions) {
    super();
    this.description = `usb:${options.path}`;
  }

  get isOpen(): boolean {
    return this.handle !== undefined && !this.closing;
  }

  async open(): Promise<void> {
    if (this.handle) throw new GuichetError('TRANSPORT_ALREADY_OPEN', `${this.description} is already open`);
    try {
      this.handle = await fs.open(this.options.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (cause) {
      throw new GuichetError(
        'TRANSPORT_CONNECT_FAILED',
        `cannot open ${this.options.path}: ${(cause as Error).message}`,
        { cause },
      );
    }
    this.closing = false;
    this.poller = this.poll(this.handle);
  }

  private async poll(handle: fs.FileHandle): Promise<void> {
    const buffer = Buffer.alloc(512);
    const interval = this.options.pollIntervalMs ?? 10;
    let failure: Error | undefined;
    while (!this.closing) {
      try {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead > 0) {
          const chunk = Buffer.from(buffer.subarray(0, bytesRead));
          this.emitData(chunk);
          continue;
        }
      } catch (error) {
        if (!isWouldBlock(error)) {
          // EIO: the device went away (unplugged, or the far end of a pty closed).
          if (!this.closing)
            failure = new GuichetError('TRANSPORT_LOST', `${this.description} went away: ${(error as Error).message}`, {
              cause: error,
            });
          break;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
    if (failure) await this.shutdown(failure);
  }

  async write(data: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (!handle || this.closing) throw new GuichetError('TRANSPORT_CLOSED', `${this.description} is not open`);
    let offset = 0;
    let stalls = 0;
    while (offset < data.length) {
      try {
        const { bytesWritten } = await handle.write(data, offset, data.length - offset, null);
        offset += bytesWritten;
        stalls = 0;
      } catch (error) {
        // A full printer buffer says EAGAIN; give it a bounded time (~5 s) to take more.
        if (isWouldBlock(error) && stalls++ < 500 && !this.closing) {
          await new Promise((resolve) => setTimeout(resolve, 10));
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
    await this.poller;
    await this.shutdown();
  }
}
