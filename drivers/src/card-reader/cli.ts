// `guichet card-reader decode`: raw MagTek HID reports as hex on stdin, one per line → one JSON SwipeResult per
// line on stdout. A bad line gets a one-line error on stderr (line number and code, never its content) and the
// command carries on; the exit status is 1 if any line was bad. `guichet card-reader watch`: a technician's check
// of a real reader — one JSON line per swipe, connection change and health, until Ctrl-C.
import type { Command } from 'commander';
import { GuichetError } from '@guichet/shared';
import { decodeLineStream } from '../cli-lines';
import { processIo, watchDevice, type CliIo } from '../cli-io';
import { CardReader } from './card-reader';
import { classifySwipe } from './classify-swipe';
import { MAGTEK_MAX_REPORT_LENGTH, MAGTEK_USB } from './magtek-report-layout';
import { NodeHidTransport } from './node-hid-transport';
import { reportFromHex } from './report-hex';

/** The longest line worth reading: the longest report (with a report id) as hex with a separator after every byte, plus slack. */
export const MAX_DECODE_LINE_CHARS = (MAGTEK_MAX_REPORT_LENGTH + 1) * 3 + 64;

/** Decodes hex MagTek reports, one per line (cli-lines.ts: streaming, bounded, errors without content). */
export function decodeLines(
  input: NodeJS.ReadableStream,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  return decodeLineStream(
    input,
    {
      command: 'guichet card-reader decode',
      maxChars: MAX_DECODE_LINE_CHARS,
      decode: (line) => JSON.stringify(classifySwipe(reportFromHex(line))),
      tooLong: () =>
        new GuichetError(
          'CARD_REPORT_BAD_LENGTH',
          `the line is longer than ${MAX_DECODE_LINE_CHARS} characters, more than any MagTek swipe report`,
        ),
    },
    out,
    err,
  );
}

export function registerCardReaderCommand(program: Command, io: CliIo = processIo): void {
  const reader = program.command('card-reader').description('magnetic-stripe card reader (MagTek USB HID)');
  reader
    .command('decode')
    .description('decode MagTek HID reports given as hex on stdin (one per line) into one JSON object per swipe')
    .action(async () => {
      const status = await decodeLines(
        io.stdin,
        (line) => io.out(`${line}\n`),
        (line) => io.err(`${line}\n`),
      );
      if (status !== 0) io.exit(status);
    });
  reader
    .command('watch')
    .description('open a real MagTek HID reader and print each swipe, unplug and replug as JSON until interrupted')
    .option('--vendor-id <hex>', 'USB vendor id', MAGTEK_USB.vendorId.toString(16))
    .option('--product-id <hex>', 'USB product id (default: the HID-mode ids 0002 and 0011)')
    .action(async (options: { vendorId: string; productId?: string }) => {
      const vendorId = Number.parseInt(options.vendorId, 16);
      const productIds =
        options.productId === undefined ? [...MAGTEK_USB.productIds] : [Number.parseInt(options.productId, 16)];
      if (!Number.isInteger(vendorId) || !productIds.every(Number.isInteger)) {
        io.err('guichet card-reader watch: --vendor-id and --product-id are hex numbers, e.g. 0801\n');
        io.exit(2);
        return;
      }
      const device = new CardReader(new NodeHidTransport({ vendorId, productIds }));
      await watchDevice(io, 'guichet card-reader watch', device, (reader, print) => {
        reader.on('swipe', (swipe) => print('swipe', { swipe }));
        reader.on('error', (error) => print('error', { code: error.code, message: error.message }));
        reader.on('connected', () => print('connected'));
        reader.on('disconnected', (error) => print('disconnected', { code: error.code }));
      });
    });
}
