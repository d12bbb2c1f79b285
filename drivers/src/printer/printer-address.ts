// Printer addresses as operators write them: tcp://HOST:PORT (network printer, raw port 9100),
// serial:/dev/ttyX[?baud=N&flow=rtscts|xon|none&bits=7|8&parity=none|even|odd&stop=1|2] (RS-232; the query
// is checked by a zod schema) and usb:/dev/usb/lpN (Linux USB printer class).
import { z } from 'zod';
import { GuichetError } from '@guichet/shared';

/** Serial line settings beyond the baud rate; absent ones take the printer default (8N1, no flow control). */
const DataBits = z.union([z.literal(7), z.literal(8)]);
const StopBits = z.union([z.literal(1), z.literal(2)]);
export const SerialLineSettings = z.object({
  /** rtscts: hardware (RTS/CTS) handshake, as most kiosk printers ship; xon: XON/XOFF software handshake. */
  flow: z.enum(['none', 'rtscts', 'xon']).optional(),
  dataBits: DataBits.optional(),
  parity: z.enum(['none', 'even', 'odd']).optional(),
  stopBits: StopBits.optional(),
});
export type SerialLineSettings = z.infer<typeof SerialLineSettings>;

export type PrinterAddress =
  | { kind: 'tcp'; host: string; port: number }
  | ({ kind: 'serial'; path: string; baudRate: number } & SerialLineSettings)
  | { kind: 'usb'; path: string };

export const DEFAULT_TCP_PORT = 9100;
/** Epson TM-series serial interfaces ship at 38400 baud (8N1). */
export const DEFAULT_BAUD_RATE = 38400;
const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

/** The query of a serial address: each key at most once, nothing unknown. */
const SerialQuery = z.strictObject({
  baud: z
    .string()
    .regex(/^\d+$/, 'baud is a number')
    .transform(Number)
    .refine((baud) => BAUD_RATES.includes(baud), 'unsupported baud rate')
    .optional(),
  flow: z.enum(['none', 'rtscts', 'xon']).optional(),
  bits: z.enum(['7', '8']).transform(Number).pipe(DataBits).optional(),
  parity: z.enum(['none', 'even', 'odd']).optional(),
  stop: z.enum(['1', '2']).transform(Number).pipe(StopBits).optional(),
});

function parseSerialQuery(address: string, query: string | undefined) {
  const params = new URLSearchParams(query ?? '');
  const entries = [...params.entries()];
  if (new Set(entries.map(([key]) => key)).size !== entries.length) throw bad(address, 'a setting is given twice');
  const parsed = SerialQuery.safeParse(Object.fromEntries(entries));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw bad(address, `${where}${issue?.message ?? 'bad serial settings'}`);
  }
  return parsed.data;
}

function bad(address: string, why: string): GuichetError {
  return new GuichetError(
    'PRINTER_BAD_ADDRESS',
    `bad printer address "${address}": ${why} (use tcp://HOST:PORT, serial:/dev/ttyX[?baud=N&flow=rtscts&bits=8&parity=none] or usb:/dev/usb/lp0)`,
  );
}

export function parsePrinterAddress(address: string): PrinterAddress {
  const tcp = /^tcp:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(address);
  if (tcp) {
    const port = tcp[2] === undefined ? DEFAULT_TCP_PORT : Number(tcp[2]);
    if (port < 1 || port > 65535) throw bad(address, 'port out of range');
    return { kind: 'tcp', host: (tcp[1] ?? '').replace(/^\[|\]$/g, ''), port };
  }
  const serial = /^serial:(\/[^?\s]+)(?:\?(\S*))?$/.exec(address);
  if (serial) {
    const query = parseSerialQuery(address, serial[2]);
    const settings: SerialLineSettings = {};
    if (query.flow !== undefined) settings.flow = query.flow;
    if (query.bits !== undefined) settings.dataBits = query.bits;
    if (query.parity !== undefined) settings.parity = query.parity;
    if (query.stop !== undefined) settings.stopBits = query.stop;
    return { kind: 'serial', path: serial[1] ?? '', baudRate: query.baud ?? DEFAULT_BAUD_RATE, ...settings };
  }
  const usb = /^usb:(\/[^?\s]+)$/.exec(address);
  if (usb) return { kind: 'usb', path: usb[1] ?? '' };
  throw bad(address, 'unknown form');
}

export function formatPrinterAddress(address: PrinterAddress): string {
  switch (address.kind) {
    case 'tcp':
      return `tcp://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
    case 'serial': {
      const extra = [
        address.flow && `flow=${address.flow}`,
        address.dataBits && `bits=${address.dataBits}`,
        address.parity && `parity=${address.parity}`,
        address.stopBits && `stop=${address.stopBits}`,
      ].filter(Boolean);
      return `serial:${address.path}?${[`baud=${address.baudRate}`, ...extra].join('&')}`;
    }
    case 'usb':
      return `usb:${address.path}`;
  }
}
