// Where the kiosk's PIN pad and card reader are, as an operator writes it in the configuration (the printer's
// address is the printer driver's own: drivers/src/printer/printer-address.ts). Pure parsing, no I/O.
import { GuichetError } from '@guichet/shared';

export type PaymentTerminalAddress =
  { kind: 'serial'; path: string; baudRate: number } | { kind: 'tcp'; host: string; port: number };

/** Semi-integrated PIN pads (PAX and most others) ship their ECR serial port at 9600 baud, 8N1. */
export const TERMINAL_DEFAULT_BAUD_RATE = 9600;
const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

export function parsePaymentTerminalAddress(address: string): PaymentTerminalAddress {
  const bad = (why: string) =>
    new GuichetError(
      'PAYMENT_TERMINAL_BAD_ADDRESS',
      `bad payment terminal address "${address}": ${why} (use serial:/dev/ttyX[?baud=N] or tcp://HOST:PORT)`,
    );
  const serial = /^serial:(\/[^?\s]+)(?:\?baud=(\d+))?$/.exec(address);
  if (serial) {
    const baudRate = serial[2] === undefined ? TERMINAL_DEFAULT_BAUD_RATE : Number(serial[2]);
    if (!BAUD_RATES.includes(baudRate)) throw bad(`unsupported baud rate ${baudRate}`);
    return { kind: 'serial', path: serial[1] ?? '', baudRate };
  }
  const tcp = /^tcp:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(address);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port < 1 || port > 65535) throw bad('port out of range');
    return { kind: 'tcp', host: (tcp[1] ?? '').replace(/^\[|\]$/g, ''), port };
  }
  throw bad('unknown form');
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
