// ByteTransport over a serial port (RS-232 / USB-serial), via node-serialport 13 loaded lazily
// (serialport.io docs: SerialPort / SerialPortStream with a custom binding such as @serialport/binding-mock).
import { GuichetError } from '@guichet/shared';
import type { ByteTransport } from './byte-transport';
import { TransportListeners } from './transport-listeners';
import { loadSerialPort } from './load-native';

export interface SerialTransportOptions {
  path: string;
  baudRate?: number;
  /** Line settings (node-serialport's options; defaults 8 data bits, no parity, 1 stop bit, no flow control). */
  dataBits?: 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  /** Hardware (RTS/CTS) or software (XON/XOFF) flow control. */
  flow?: 'none' | 'rtscts' | 'xon';
  /** A node-serialport binding (e.g. `MockBinding` from @serialport/binding-mock); default: the OS binding. */
  binding?: unknown;
}

/** The subset of SerialPort / SerialPortStream this transport uses. */
interface PortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  write(data: Uint8Array, callback: (error: Error | null | undefined) => void): boolean;
  drain(callback: (error: Error | null) => void): void;
  close(callback: (error: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'close', listener: (error?: Error | null) => void): unknown;
}

export class SerialTransport extends TransportListeners implements ByteTransport {
  readonly description: string;
  private port: PortLike | undefined;

  constructor(private readonly options: SerialTransportOptions) {
    super();
    this.description = `serial:${options.path}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  async open(): Promise<void> {
    if (this.isOpen) throw new GuichetError('TRANSPORT_ALREADY_OPEN', `${this.description} is already open`);
    const baudRate = this.options.baudRate ?? 9600;
    const port = await this.createPort(baudRate);
    this.port = port;
    let lastError: Error | undefined;
    port.on('data', (chunk: Buffer) => this.emitData(chunk));
    port.on('error', (error: Error) => {
      lastError = error;
    });
    await new Promise<void>((resolve, reject) => {
      port.open((error) => {
        if (!error) return resolve();
        this.port = undefined;
        reject(
          new GuichetError('TRANSPORT_CONNECT_FAILED', `cannot open ${this.description}: ${error.message}`, {
            cause: error,
            details: { path: this.options.path },
          }),
        );
      });
    });
    // A failed write both closes the port (node-serialport's disconnect) and destroys the stream, and each
    // emits 'close': report the first only, as the ByteTransport contract says.
    let closed = false;
    port.on('close', (error?: Error | null) => {
      if (this.port === port) this.port = undefined;
      if (closed) return;
      closed = true;
      const cause = error ?? lastError;
      this.emitClose(cause ?? undefined);
    });
  }

  private async createPort(baudRate: number): Promise<PortLike> {
    try {
      if (this.options.binding !== undefined) {
        const { SerialPortStream } = await import('@serialport/stream');
        const Stream = SerialPortStream as unknown as new (options: Record<string, unknown>) => PortLike;
        return new Stream({
          ...this.lineOptions(),
          binding: this.options.binding,
          path: this.options.path,
          baudRate,
          autoOpen: false,
        });
      }
      const { SerialPort } = await loadSerialPort();
      return new SerialPort({ ...this.lineOptions(), path: this.options.path, baudRate, autoOpen: false });
    } catch (cause) {
      if (cause instanceof GuichetError) throw cause;
      throw new GuichetError(
        'TRANSPORT_CONNECT_FAILED',
        `cannot create ${this.description}: ${(cause as Error).message}`,
        { cause },
      );
    }
  }

  /** The line settings given, in node-serialport's terms (only those set, so its defaults stay). */
  private lineOptions(): {
    dataBits?: 7 | 8;
    parity?: 'none' | 'even' | 'odd';
    stopBits?: 1 | 2;
    rtscts?: boolean;
    xon?: boolean;
    xoff?: boolean;
  } {
    const { dataBits, parity, stopBits, flow } = this.options;
    return {
      ...(dataBits ? { dataBits } : {}),
      ...(parity ? { parity } : {}),
      ...(stopBits ? { stopBits } : {}),
      // A flow setting given is stated whole, so a port left with XON/XOFF by a previous program is reset.
      ...(flow ? { rtscts: flow === 'rtscts', xon: flow === 'xon', xoff: flow === 'xon' } : {}),
    };
  }

  /**
   * Resolves once these bytes were written and drained. Rejects with TRANSPORT_WRITE_FAILED when the write or
   * the drain fails, or when the port errors or closes first: an unplugged adapter can leave a write pending
   * forever, and drain() on a closed port waits for a reopen that never comes.
   */
  write(data: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port || !port.isOpen)
      return Promise.reject(new GuichetError('TRANSPORT_CLOSED', `${this.description} is not open`));
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error | null): void => {
        if (settled) return;
        settled = true;
        port.off('error', onError);
        port.off('close', onClose);
        if (error)
          reject(
            new GuichetError('TRANSPORT_WRITE_FAILED', `write to ${this.description} failed: ${error.message}`, {
              cause: error,
            }),
          );
        else resolve();
      };
      const onError = (error: Error): void => settle(error);
      const onClose = (error?: Error | null): void =>
        settle(error ?? new Error('the port closed before the write was drained'));
      port.on('error', onError);
      port.on('close', onClose);
      // The write callback first: drain() alone waits only for the write already in the binding, not this one.
      port.write(Buffer.from(data), (writeError) => {
        if (writeError) return settle(writeError);
        if (!settled) port.drain((drainError) => settle(drainError));
      });
    });
  }

  close(): Promise<void> {
    const port = this.port;
    if (!port || !port.isOpen) return Promise.resolve();
    return new Promise((resolve) => {
      port.close(() => resolve());
    });
  }
}
