// A MagTek reader behind the HidTransport interface: scripted swipes become real 337-byte input reports, and the
// reader can be unplugged and plugged back (the transport then "reconnects by itself", like NodeHidTransport).
import { GuichetError } from '@guichet/shared';
import { hidDescription, type HidTransport } from '../../card-reader/hid-transport';
import { HidTransportListeners } from '../../card-reader/hid-transport-listeners';
import { MAGTEK_USB } from '../../card-reader/magtek-report-layout';
import { sampleReport, type SimSwipeKind } from './sample-cards';

export interface SimulatedHidOptions {
  plugged?: boolean;
  /** Delay between a replug and the transport reporting it reconnected (the real one polls with backoff). */
  reconnectDelayMs?: number;
}

export class SimulatedHidTransport extends HidTransportListeners implements HidTransport {
  readonly description = hidDescription(MAGTEK_USB.vendorId, MAGTEK_USB.productIds[0]);
  private plugged: boolean;
  private opened = false;
  private connected = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SimulatedHidOptions = {}) {
    super();
    this.plugged = options.plugged ?? true;
  }

  get isOpen(): boolean {
    return this.connected;
  }

  open(): Promise<void> {
    if (!this.plugged)
      return Promise.reject(
        new GuichetError('CARD_READER_NOT_FOUND', `no card reader ${this.description} is plugged in`),
      );
    this.opened = true;
    this.connected = true;
    return Promise.resolve();
  }

  /** A card goes through the slot: delivers the report asynchronously, like a USB interrupt transfer. Returns whether it was read. */
  swipe(kind: SimSwipeKind): boolean {
    return this.sendReport(sampleReport(kind));
  }

  /** Delivers any bytes as an input report (fault injection: short, oversized, random reports). */
  sendReport(report: Buffer): boolean {
    if (!this.connected) return false;
    setImmediate(() => {
      if (this.connected) this.emitReport(report);
    });
    return true;
  }

  unplug(): void {
    this.plugged = false;
    if (this.timer) clearTimeout(this.timer);
    if (!this.connected) return;
    this.connected = false;
    const error = new GuichetError(
      'CARD_READER_UNPLUGGED',
      `the card reader ${this.description} went away: simulated unplug`,
    );
    this.emitConnection({ connected: false, error });
  }

  replug(): void {
    this.plugged = true;
    if (!this.opened || this.connected) return;
    this.timer = setTimeout(() => {
      if (!this.opened || !this.plugged) return;
      this.connected = true;
      this.emitConnection({ connected: true });
    }, this.options.reconnectDelayMs ?? 10);
  }

  close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.opened = false;
    this.connected = false;
    return Promise.resolve();
  }
}
