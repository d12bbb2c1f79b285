// A MagTek reader behind the HidTransport interface: scripted swipes become real input reports (337 bytes from a
// HID swipe reader, 887 with masked tracks from a MagneSafe), the reader can be unplugged and plugged back (the
// transport then "reconnects by itself", like NodeHidTransport), and a keyboard-mode reader is refused at open
// exactly as the real transport refuses it.
import { GuichetError } from '@guichet/shared';
import { hidDescription, type HidTransport } from '../../card-reader/hid-transport';
import { HidTransportListeners } from '../../card-reader/hid-transport-listeners';
import { MAGTEK_USB, type MagtekLayoutName } from '../../card-reader/magtek-report-layout';
import { isKeyboardEmulation, keyboardModeError, type HidDeviceIdentity } from '../../card-reader/reader-mode';
import { sampleReport, type SimSwipeKind } from './sample-cards';

/** The readers the simulator can be: a MagTek in HID mode, the same in keyboard emulation, a MagneSafe. */
export const SIMULATED_READERS = {
  'magtek-hid': {
    identity: { vendorId: MAGTEK_USB.vendorId, productId: MAGTEK_USB.hidProductId, usagePage: 0xff00 },
    layout: 'swipe-reader',
  },
  'magtek-keyboard': {
    identity: { vendorId: MAGTEK_USB.vendorId, productId: MAGTEK_USB.keyboardProductId, usagePage: 0x01 },
    layout: 'swipe-reader',
  },
  magnesafe: {
    identity: { vendorId: MAGTEK_USB.vendorId, productId: MAGTEK_USB.magneSafeProductId, usagePage: 0xff00 },
    layout: 'magnesafe',
  },
} as const satisfies Record<string, { identity: HidDeviceIdentity; layout: MagtekLayoutName }>;
export type SimulatedReader = keyof typeof SIMULATED_READERS;

export interface SimulatedHidOptions {
  /** Which reader this is (default magtek-hid). */
  reader?: SimulatedReader;
  plugged?: boolean;
  /** Delay between a replug and the transport reporting it reconnected (the real one polls with backoff). */
  reconnectDelayMs?: number;
}

export class SimulatedHidTransport extends HidTransportListeners implements HidTransport {
  readonly description: string;
  private readonly reader: (typeof SIMULATED_READERS)[SimulatedReader];
  private plugged: boolean;
  private opened = false;
  private connected = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SimulatedHidOptions = {}) {
    super();
    this.plugged = options.plugged ?? true;
    this.reader = SIMULATED_READERS[options.reader ?? 'magtek-hid'];
    this.description = hidDescription(this.reader.identity.vendorId, this.reader.identity.productId);
  }

  get isOpen(): boolean {
    return this.connected;
  }

  open(): Promise<void> {
    if (!this.plugged)
      return Promise.reject(
        new GuichetError('CARD_READER_NOT_FOUND', `no card reader ${this.description} is plugged in`),
      );
    if (isKeyboardEmulation(this.reader.identity)) return Promise.reject(keyboardModeError(this.reader.identity));
    this.opened = true;
    this.connected = true;
    return Promise.resolve();
  }

  /** A card goes through the slot: delivers the report asynchronously, like a USB interrupt transfer. Returns whether it was read. */
  swipe(kind: SimSwipeKind): boolean {
    return this.sendReport(sampleReport(kind, this.reader.layout));
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
