// Where the kiosk's card reader is, as an operator writes it in the configuration (the printer's and the PIN
// pad's addresses are their drivers' own: printer/printer-address.ts, payment-terminal/terminal-address.ts).
import { GuichetError } from '@guichet/shared';

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
