// The listener bookkeeping every ByteTransport shares: data and close subscribers, and emitting to them.
// A transport extends this and implements open/write/close over its own medium.

export abstract class TransportListeners {
  private readonly dataListeners = new Set<(chunk: Buffer) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();

  onData(listener: (chunk: Buffer) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  protected emitData(chunk: Buffer): void {
    for (const listener of this.dataListeners) listener(chunk);
  }

  protected emitClose(error?: Error): void {
    for (const listener of this.closeListeners) listener(error);
  }
}
