// ByteTransport over a TCP socket: network receipt printers take raw ESC/POS on port 9100 (the
// "AppSocket/JetDirect" raw port) and answer DLE EOT status on the same connection.
import net from 'node:net';
import { GuichetError } from '@guichet/shared';
import type { ByteTransport } from './byte-transport';
import { TransportListeners } from './transport-listeners';

export interface TcpTransportOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

export class TcpTransport extends TransportListeners implements ByteTransport {
  readonly description: string;
  private socket: net.Socket | undefined;

  constructor(private readonly options: TcpTransportOptions) {
    super();
    this.description = `tcp://${options.host}:${options.port}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed && this.socket.readyState === 'open';
  }

  open(): Promise<void> {
    if (this.socket && !this.socket.destroyed)
      return Promise.reject(new GuichetError('TRANSPORT_ALREADY_OPEN', `${this.description} is already open`));
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.options.host, port: this.options.port });
      this.socket = socket;
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new GuichetError(
            'TRANSPORT_CONNECT_TIMEOUT',
            `no connection to ${this.description} within ${this.options.connectTimeoutMs ?? 3000} ms`,
          ),
        );
      }, this.options.connectTimeoutMs ?? 3000);
      let lastError: Error | undefined;
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.on('data', (chunk: Buffer) => this.emitData(chunk));
      socket.on('error', (error) => {
        lastError = error;
        clearTimeout(timer);
        reject(
          new GuichetError('TRANSPORT_CONNECT_FAILED', `cannot connect to ${this.description}: ${error.message}`, {
            cause: error,
          }),
        );
      });
      socket.once('close', () => {
        clearTimeout(timer);
        this.emitClose(lastError);
      });
    });
  }

  write(data: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.isOpen)
      return Promise.reject(new GuichetError('TRANSPORT_CLOSED', `${this.description} is not open`));
    return new Promise((resolve, reject) => {
      socket.write(data, (error) => {
        if (error)
          reject(
            new GuichetError('TRANSPORT_WRITE_FAILED', `write to ${this.description} failed: ${error.message}`, {
              cause: error,
            }),
          );
        else resolve();
      });
    });
  }

  close(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      // A peer that never acknowledges the FIN must not keep us waiting.
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}
