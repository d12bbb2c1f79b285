// `guichet id-scan decode`: AAMVA licence barcode payloads as hex on stdin, one per line → one JSON object per
// line on stdout (kind, jurisdiction, licenceNumber, familyName, givenNames, birthDate, expiry, address, city,
// postalCode, unverified). A bad line gets a one-line error on stderr naming its line number and error code,
// never its content; the command carries on and exits 1 if any line was bad, 2 on usage errors.
// `guichet id-scan watch --port PATH`: a technician's check of a real imager in USB-COM mode — one JSON line per
// scan, line fault and connection change, with health, until Ctrl-C.
import { Option, type Command } from 'commander';
import { processIo, watchDevice, type CliIo } from '../cli-io';
import { decodeLineStream } from '../cli-lines';
import { MAX_PAYLOAD_BYTES } from './aamva-format';
import type { IdDocument } from './id-document';
import { idScanError } from './id-scan-error';
import { parseLicenceBarcode } from './licence-barcode';
import { IdScanner } from './id-scanner';
import { DEFAULT_FRAMING, type ScanFraming } from './scan-framing';
import { SerialTransport } from '../transport/serial-transport';

/** The longest line worth reading: the largest payload as hex with a separator after every byte, plus slack. */
export const MAX_HEX_LINE_CHARS = MAX_PAYLOAD_BYTES * 3 + 64;

/** Hex digits, with optional spaces or colons between bytes. Errors never quote the line. */
export function payloadFromHex(line: string): Buffer {
  const hex = line.replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex))
    throw idScanError('IDSCAN_HEX_NOT_HEX', 'the line has characters that are not hex digits', 'hex');
  if (hex.length % 2 !== 0)
    throw idScanError('IDSCAN_HEX_ODD_LENGTH', 'the line has an odd number of hex digits', 'hex');
  return Buffer.from(hex, 'hex');
}

/** The fields the CLI prints, in a stable order; absent address fields are null. */
export function decodeOutput(document: IdDocument): Record<string, unknown> {
  return {
    kind: document.kind,
    jurisdiction: document.jurisdiction,
    licenceNumber: document.licenceNumber,
    familyName: document.familyName,
    givenNames: document.givenNames,
    birthDate: document.birthDate,
    expiry: document.expiry,
    address: document.address ?? null,
    city: document.city ?? null,
    postalCode: document.postalCode ?? null,
    unverified: document.unverified,
  };
}

/** Decodes hex licence barcode payloads, one per line (cli-lines.ts: streaming, bounded, errors without content). */
export function decodeHexLines(
  input: NodeJS.ReadableStream,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  return decodeLineStream(
    input,
    {
      command: 'guichet id-scan decode',
      maxChars: MAX_HEX_LINE_CHARS,
      decode: (line) => {
        const payload = payloadFromHex(line);
        try {
          return JSON.stringify(decodeOutput(parseLicenceBarcode(payload)));
        } finally {
          payload.fill(0);
        }
      },
      tooLong: () =>
        idScanError(
          'IDSCAN_TOO_LONG',
          `the line is longer than ${MAX_HEX_LINE_CHARS} characters, more than any licence barcode`,
          'line',
        ),
    },
    out,
    err,
  );
}

export function registerIdScanCommand(program: Command, io: CliIo = processIo): void {
  const idScan = program
    .command('id-scan')
    .description("driver's licence / ID card barcodes (AAMVA DL/ID PDF417, 2D imager)");
  idScan
    .command('decode')
    .description('decode AAMVA PDF417 payloads given as hex on stdin (one per line) into one JSON object per line')
    .action(async () => {
      const status = await decodeHexLines(
        io.stdin,
        (line) => io.out(`${line}\n`),
        (line) => io.err(`${line}\n`),
      );
      if (status !== 0) io.exit(status);
    });
  idScan
    .command('watch')
    .description(
      'open a real imager in USB-COM mode and print each scan, line fault and unplug as JSON until interrupted',
    )
    .requiredOption('--port <path>', 'serial device of the imager, e.g. /dev/ttyACM0 or /dev/serial/by-id/…')
    .option('--baud <rate>', 'baud rate (ignored by USB CDC, used by RS-232 imagers)', '9600')
    .addOption(
      new Option('--framing <mode>', 'stx-etx: STX prefix / ETX suffix programmed; idle: frame ends on silence')
        .choices(['stx-etx', 'idle'])
        .default('stx-etx'),
    )
    .action(async (options: { port: string; baud: string; framing: 'stx-etx' | 'idle' }) => {
      const baudRate = Number(options.baud);
      if (!Number.isInteger(baudRate) || baudRate <= 0) {
        io.err('guichet id-scan watch: --baud is a positive whole number, e.g. 9600\n');
        io.exit(2);
        return;
      }
      const framing: ScanFraming = options.framing === 'idle' ? { mode: 'idle', idleMs: 100 } : DEFAULT_FRAMING;
      const device = new IdScanner({ transport: new SerialTransport({ path: options.port, baudRate }), framing });
      await watchDevice(io, 'guichet id-scan watch', device, (scanner, print) => {
        scanner.on('scan', (scan) => print('scan', { scan }));
        scanner.on('error', (error) => print('line-fault', { code: error.code, message: error.message }));
        scanner.on('connected', () => print('connected'));
        scanner.on('disconnected', (error) => print('disconnected', { code: error.code }));
      });
    });
}
