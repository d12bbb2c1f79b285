// The listener bookkeeping both HID transports share (node-hid and the simulator): report and
// connection-change subscribers, and emitting to them.
import type { HidConnectionChange } from './hid-transport';

export abstract class HidTransportListeners {
  private readonly reportListeners = new Set<(report: Buffer) => void>();
  private readonly connectionListeners = new Set<(change: HidConnectionChange) => void>();

  onReport(listener: (report: Buffer) => void): () => void {
    this.reportListeners.add(listener);
    return () => this.reportListeners.delete(listener);
  }

  onConnection(listener: (change: HidConnectionChange) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  protected emitReport(report: Buffer): void {
    for (const listener of this.reportListeners) listener(report);
  }

  protected emitConnection(change: HidConnectionChange): void {
    for (const listener of this.connectionListeners) listener(change);
  }
}
