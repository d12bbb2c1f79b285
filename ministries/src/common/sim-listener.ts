// A simulator's listening socket that can be taken "down" (closed, open connections dropped, so callers see
// ECONNREFUSED/ECONNRESET) and brought back on the same port, as a ministry gateway restarting would.
import type { Server, Socket } from 'node:net';
import { GuichetError } from '@guichet/shared';

export interface ListenAddress {
  host: string;
  port: number;
}

export class SimListener {
  private readonly sockets = new Set<Socket>();
  private bound: ListenAddress | undefined;
  private listening = false;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get address(): ListenAddress {
    if (!this.bound) throw new GuichetError('SIM_NOT_LISTENING', 'the simulator is not listening yet');
    return this.bound;
  }

  async listen(host: string, port: number): Promise<ListenAddress> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    const address = this.server.address();
    if (address === null || typeof address === 'string')
      throw new GuichetError('SIM_NOT_LISTENING', 'the simulator has no TCP address');
    this.bound = { host, port: address.port };
    this.listening = true;
    return this.bound;
  }

  /** Closes the listener and drops every open connection; `up()` listens again on the same port. */
  async down(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  async up(): Promise<void> {
    if (this.listening || !this.bound) return;
    await this.listen(this.bound.host, this.bound.port);
  }

  async close(): Promise<void> {
    await this.down();
  }
}
