// The listener bookkeeping both HID transports share (node-hid and the simulator): report and
// connection-change subscribers, and emitting to them.
import { EventListeners } from '../device/event-listeners';
import type { HidConnectionChange } from './hid-transport';

export abstract class HidTransportListeners {
  private readonly events = new EventListeners<{ report: [Buffer]; connection: [HidConnectionChange] }>();

  onReport(listener: (report: Buffer) => void): () => void {
    return this.events.on('report', listener);
  }

  onConnection(listener: (change: HidConnectionChange) => void): () => void {
    return this.events.on('connection', listener);
  }

  protected emitReport(report: Buffer): void {
    this.events.emit('report', report);
  }

  protected emitConnection(change: HidConnectionChange): void {
    this.events.emit('connection', change);
  }
}
