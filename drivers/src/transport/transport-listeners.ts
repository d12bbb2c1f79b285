// The listener bookkeeping every ByteTransport shares: data and close subscribers, and emitting to them.
// A transport extends this and implements open/write/close over its own medium.
import { EventListeners } from '../device/event-listeners';

export abstract class TransportListeners {
  private readonly events = new EventListeners<{ data: [Buffer]; close: [Error?] }>();

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.events.on('data', listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.events.on('close', listener);
  }

  protected emitData(chunk: Buffer): void {
    this.events.emit('data', chunk);
  }

  protected emitClose(error?: Error): void {
    this.events.emit('close', error);
  }
}
