// The card reader's transport contract: a USB HID device opened by vendor/product id that delivers one input
// report per swipe and says when it goes away and comes back. Implemented over node-hid (node-hid-transport.ts)
// and by the simulator (drivers/src/sim/card-reader/simulated-hid-transport.ts).
import type { GuichetError } from '@guichet/shared';

export type HidConnectionChange = { connected: true } | { connected: false; error: GuichetError };

export interface HidTransport {
  /** e.g. `hid:0801:0001`, for logs and errors. */
  readonly description: string;
  readonly isOpen: boolean;
  /** Opens the device; rejects with CARD_READER_NOT_FOUND when it is not plugged in. */
  open(): Promise<void>;
  /** One call per input report (for a MagTek reader: one per swipe). */
  onReport(listener: (report: Buffer) => void): () => void;
  /** After a successful open: unplug / read errors, and the reconnection the transport makes by itself. */
  onConnection(listener: (change: HidConnectionChange) => void): () => void;
  /** Stops reading and reconnecting. */
  close(): Promise<void>;
}

export function hidDescription(vendorId: number, productId: number): string {
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  return `hid:${hex(vendorId)}:${hex(productId)}`;
}
