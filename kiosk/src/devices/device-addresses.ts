// Where the kiosk's card reader is, as an operator writes it in the configuration (the printer's and the PIN
// pad's addresses are their drivers' own: printer/printer-address.ts, payment-terminal/terminal-address.ts).
import { GuichetError } from '@guichet/shared';

/** The licence barcode imager in USB CDC (USB-COM) mode: its tty, with the framing it is programmed for. */
export interface IdScannerAddress {
  path: string;
  /** `stx-etx` (programmed prefix/suffix, the default) or `idle` (a scan ends after a silence). */
  framing: 'stx-etx' | 'idle';
}

export function parseIdScannerAddress(address: string): IdScannerAddress {
  const match = /^serial:(\/[^?\s]+)(?:\?framing=(stx-etx|idle))?$/.exec(address);
  if (!match)
    throw new GuichetError(
      'ID_SCANNER_BAD_ADDRESS',
      'bad barcode imager address: use serial:/dev/ttyACM0 (or a /dev/serial/by-id path), optionally ?framing=idle',
    );
  return { path: match[1] ?? '', framing: match[2] === 'idle' ? 'idle' : 'stx-etx' };
}

/** `hid`: the first MagTek reader found by USB vendor/product id; a path: that hidraw device. */
export type CardReaderAddress = { kind: 'hid' } | { kind: 'hidraw'; path: string };

export function parseCardReaderAddress(address: string): CardReaderAddress {
  if (address === 'hid') return { kind: 'hid' };
  if (/^\/dev\/[^\s]+$/.test(address)) return { kind: 'hidraw', path: address };
  throw new GuichetError(
    'CARD_READER_BAD_ADDRESS',
    `bad card reader "${address}": use hid (find the MagTek reader by its USB ids) or a path such as /dev/hidraw0`,
  );
}
