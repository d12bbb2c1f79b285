// The simulator on a TCP socket, as a PAX terminal serves POSLink to its ECR over the network (default port
// 10009): the same frames, ACK/NAK and EOT as on the serial line. One ECR connection at a time; each connection
// gets a simulator, and a durable `records` store carries the terminal's transactions from one to the next.
import net from 'node:net';
import { GuichetError } from '@guichet/shared';
import type { ByteTransport } from '../../transport/byte-transport';
import { TransportListeners } from '../../transport/transport-listeners';
import { PaymentTerminalSimulator, type TerminalSimulatorOptions } from './terminal-simulator';

/** A ByteTransport over a socket a server accepted (already open). */
class AcceptedSocket extends TransportListeners implements ByteTransport {
  readonly description: string;

  constructor(private readonly socket: net.Socket) {
    super();
    this.description = `tcp://${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    socket.setNoDelay(true);
    let lastError: Error | undefined;
    socket.on('data', (chunk: Buffer) => this.emitData(chunk));
    socket.on('error', (error) => {
      lastError = error;
    });
    socket.once('close', () => this.emitClose(lastError));
  }

  get isOpen(): boolean {
    return !this.socket.destroyed;
  }

  open(): Promise<void> {
    return Promise.resolve();
  }

  write(data: Uint8Array): Promise<void> {
    if (this.socket.destroyed)
      return Promise.reject(new GuichetError('TRANSPORT_CLOSED', `${this.description} is not open`));
    return new Promise((resolve, reject) => {
      this.socket.write(data, (error) =>
        error
          ? reject(new GuichetError('TRANSPORT_WRITE_FAILED', `write to ${this.description} failed`, { cause: error }))
          : resolve(),
      );
    });
  }

  close(): Promise<void> {
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.destroy();
    });
  }
}

export class TerminalTcpServer {
  private server: net.Server | undefined;
  /** The simulator of the connection being served, if any. */
  current: PaymentTerminalSimulator | undefined;

  constructor(private readonly options: TerminalSimulatorOptions = {}) {}

  listen(host = '127.0.0.1', port = 10009): Promise<{ host: string; port: number }> {
    const server = net.createServer((socket) => {
      socket.on('error', () => socket.destroy());
      // A PAX terminal serves one ECR at a time.
      if (this.current) {
        socket.destroy();
        return;
      }
      const simulator = new PaymentTerminalSimulator(new AcceptedSocket(socket), this.options);
      this.current = simulator;
      socket.once('close', () => {
        if (this.current === simulator) this.current = undefined;
        void simulator.stop();
      });
      void simulator.start();
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const address = server.address() as net.AddressInfo;
        resolve({ host: address.address, port: address.port });
      });
    });
  }

  async close(): Promise<void> {
    await this.current?.stop();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
