// Payment terminal addresses as operators write them: tcp://HOST[:PORT] (POSLink over TCP, PAX's default ECR
// port 10009) and serial:/dev/ttyX[?baud=N&data=7|8&parity=none|even|odd&stop=1|2&flow=none|rtscts|xon]
// (POSLink over RS-232 / USB-serial, 9600 8N1 without flow control unless the terminal is set otherwise).
import { GuichetError } from '@guichet/shared';
import { z } from 'zod';
import type { ByteTransport } from '../transport/byte-transport';
import { SerialTransport } from '../transport/serial-transport';
import { TcpTransport } from '../transport/tcp-transport';

export const DEFAULT_TERMINAL_TCP_PORT = 10009;
const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

export const SerialLineOptions = z.object({
  baudRate: z.union(BAUD_RATES.map((rate) => z.literal(rate)) as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]),
  dataBits: z.union([z.literal(7), z.literal(8)]),
  parity: z.enum(['none', 'even', 'odd']),
  stopBits: z.union([z.literal(1), z.literal(2)]),
  flow: z.enum(['none', 'rtscts', 'xon']),
});
export type SerialLineOptions = z.infer<typeof SerialLineOptions>;

export type TerminalAddress =
  { kind: 'tcp'; host: string; port: number } | ({ kind: 'serial'; path: string } & SerialLineOptions);

export const DEFAULT_SERIAL_LINE: SerialLineOptions = {
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  flow: 'none',
};

const KEYS = { baud: 'baudRate', data: 'dataBits', parity: 'parity', stop: 'stopBits', flow: 'flow' } as const;

function bad(address: string, why: string): GuichetError {
  return new GuichetError(
    'PAYMENT_TERMINAL_BAD_ADDRESS',
    `bad payment terminal address: ${why} (use tcp://HOST:PORT or serial:/dev/ttyX?baud=9600&data=8&parity=none&stop=1&flow=none)`,
    { details: { address: address.slice(0, 200) } },
  );
}

export function parseTerminalAddress(address: string): TerminalAddress {
  const tcp = /^tcp:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(address);
  if (tcp) {
    const port = tcp[2] === undefined ? DEFAULT_TERMINAL_TCP_PORT : Number(tcp[2]);
    if (port < 1 || port > 65535) throw bad(address, 'port out of range');
    return { kind: 'tcp', host: (tcp[1] ?? '').replace(/^\[|\]$/g, ''), port };
  }
  const serial = /^serial:(\/[^?\s]+)(?:\?(\S*))?$/.exec(address);
  if (!serial) throw bad(address, 'unknown form');
  const line: Record<string, unknown> = { ...DEFAULT_SERIAL_LINE };
  for (const pair of (serial[2] ?? '').split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    const field = KEYS[key as keyof typeof KEYS];
    if (!field) throw bad(address, `unknown option "${(key ?? '').slice(0, 20)}"`);
    line[field] = field === 'parity' || field === 'flow' ? value : Number(value);
  }
  const parsed = SerialLineOptions.safeParse(line);
  if (!parsed.success)
    throw bad(address, `invalid ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  return { kind: 'serial', path: serial[1] ?? '', ...parsed.data };
}

export function formatTerminalAddress(address: TerminalAddress): string {
  if (address.kind === 'tcp')
    return `tcp://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
  return `serial:${address.path}?baud=${address.baudRate}&data=${address.dataBits}&parity=${address.parity}&stop=${address.stopBits}&flow=${address.flow}`;
}

/** The transport of an address: a TCP socket, or a serial port with the address's line settings. */
export function terminalTransport(address: TerminalAddress): ByteTransport {
  if (address.kind === 'tcp') return new TcpTransport({ host: address.host, port: address.port });
  const { path, baudRate, dataBits, parity, stopBits, flow } = address;
  return new SerialTransport({ path, baudRate, dataBits, parity, stopBits, flow });
}
