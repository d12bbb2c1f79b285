// An in-memory ByteTransport pair (a null-modem cable in a process), for link and device tests and for
// running the payment-terminal simulator in the same process as the driver.
import { GuichetError } from '@guichet/shared';
import type { ByteTransport } from './byte-transport';
import { TransportListeners } from './transport-listeners';

export class MemoryTransport extends TransportListeners implements ByteTransport {
  peer: MemoryTransport | undefined;
  isOpen = false;
  /** Every chunk written, for assertions. */
  readonly written: Buffer[] = [];

  constructor(readonly description: string) {
    super();
  }

  static pair(): [MemoryTransport, MemoryTransport] {
    const a = new MemoryTransport('memory:a');
    const b = new MemoryTransport('memory:b');
    a.peer = b;
    b.peer = a;
    return [a, b];
  }

  open(): Promise<void> {
    this.isOpen = true;
    return Promise.resolve();
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(new GuichetError('TRANSPORT_CLOSED', `${this.description} is not open`));
    const chunk = Buffer.from(data);
    this.written.push(chunk);
    const peer = this.peer;
    // Delivered as a microtask: in order, and on no timer, so fake timers can neither delay nor reorder it.
    if (peer?.isOpen) queueMicrotask(() => peer.emitData(chunk));
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.isOpen) {
      this.isOpen = false;
      this.emitClose();
    }
    return Promise.resolve();
  }
}
