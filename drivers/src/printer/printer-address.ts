// Printer addresses as operators write them: tcp://HOST:PORT (network printer, raw port 9100),
// serial:/dev/ttyX[?baud=N] (RS-232) and usb:/dev/usb/lpN (Linux USB printer class).
import { GuichetError } from '@guichet/shared';

export type PrinterAddress =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'usb'; path: string };

export const DEFAULT_TCP_PORT = 9100;
/** Epson TM-series serial interfaces ship at 38400 baud (8N1). */
export const DEFAULT_BAUD_RATE = 38400;
const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

function bad(address: string, why: string): GuichetError {
  return new GuichetError(
    'PRINTER_BAD_ADDRESS',
    `bad printer address "${address}": ${why} (use tcp://HOST:PORT, serial:/dev/ttyX[?baud=N] or usb:/dev/usb/lp0)`,
  );
}

export function parsePrinterAddress(address: string): PrinterAddress {
  const tcp = /^tcp:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(address);
  if (tcp) {
    const port = tcp[2] === undefined ? DEFAULT_TCP_PORT : Number(tcp[2]);
    if (port < 1 || port > 65535) throw bad(address, 'port out of range');
    return { kind: 'tcp', host: (tcp[1] ?? '').replace(/^\[|\]$/g, ''), port };
  }
  const serial = /^serial:(\/[^?\s]+)(?:\?baud=(\d+))?$/.exec(address);
  if (serial) {
    const baudRate = serial[2] === undefined ? DEFAULT_BAUD_RATE : Number(serial[2]);
    if (!BAUD_RATES.includes(baudRate)) throw bad(address, `unsupported baud rate ${baudRate}`);
    return { kind: 'serial', path: serial[1] ?? '', baudRate };
  }
  const usb = /^usb:(\/[^?\s]+)$/.exec(address);
  if (usb) return { kind: 'usb', path: usb[1] ?? '' };
  throw bad(address, 'unknown form');
}

export function formatPrinterAddress(address: PrinterAddress): string {
  switch (address.kind) {
    case 'tcp':
      return `tcp://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
    case 'serial':
      return `serial:${address.path}?baud=${address.baudRate}`;
    case 'usb':
      return `usb:${address.path}`;
  }
}
