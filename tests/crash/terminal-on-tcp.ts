// A PIN pad on the network for the crash test: the payment-terminal simulator behind a TCP listener (the
// kiosk's driver connects with tcp://HOST:PORT), keeping its durable batch (TerminalRecords) in the test
// process so it outlives every kiosk that is killed. Each connection is one ECR session with a fresh simulator
// over the same batch file, as a PIN pad reloads its batch when a new register connects.
import net from 'node:net';
import { GuichetError } from '@guichet/shared';
import type { ByteTransport } from '@guichet/drivers/transport/byte-transport';
import { TransportListeners } from '@guichet/drivers/transport/transport-listeners';
import { PaymentTerminalSimulator } from '@guichet/drivers/sim/payment-terminal/terminal-simulator';
import { TerminalRecords } from '@guichet/drivers/sim/payment-terminal/terminal-records';

/** The terminal's end of one accepted connection, as a ByteTransport for the simulator. */
class AcceptedSocket extends TransportListeners implements ByteTransport {
  readonly description: string;

  constructor(private readonly socket: net.Socket) {
    super();
    this.description = `tcp-peer://${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.emitData(chunk));
    socket.on('error', () => undefined);
    socket.once('close', () => this.emitClose());
  }

  get isOpen(): boolean {
    return !this.socket.destroyed && this.socket.readyState === 'open';
  }

  open(): Promise<void> {
    return Promise.resolve();
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(new GuichetError('TRANSPORT_CLOSED', `${this.description} is closed`));
    return new Promise((resolve, reject) =>
      this.socket.write(data, (error) =>
        error ? reject(new GuichetError('TRANSPORT_WRITE_FAILED', error.message, { cause: error })) : resolve(),
      ),
    );
  }

  close(): Promise<void> {
    this.socket.destroy();
    return Promise.resolve();
  }
}

export interface TerminalOnTcp {
  port: number;
  /** Connections accepted so far (one per kiosk start). */
  readonly sessions: number;
  close(): Promise<void>;
}

export async function startTerminalOnTcp(recordsFile: string): Promise<TerminalOnTcp> {
  const records = TerminalRecords.open(recordsFile);
  let current: PaymentTerminalSimulator | undefined;
  let sessions = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sessions++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const previous = current;
    const simulator = new PaymentTerminalSimulator(new AcceptedSocket(socket), { records, processingMs: 5 });
    current = simulator;
    // Listening at once (start() subscribes synchronously: the socket is open), so no request is missed.
    void simulator.start();
    // Only one register at a time: the previous session (its kiosk was killed) is over.
    void previous?.stop();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get sessions() {
      return sessions;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await current?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      records.close();
    },
  };
}
