// `guichet card-reader decode`: raw MagTek HID reports as hex on stdin, one per line → one JSON SwipeResult per
// line on stdout. A bad line gets a one-line error on stderr (line number and code, never its content) and the
// command carries on; the exit status is 1 if any line was bad. `guichet card-reader watch`: a technician's check
// of a real reader — one JSON line per swipe, connection change and health, until Ctrl-C.
import { StringDecoder } from 'node:string_decoder';
import type { Command } from 'commander';
import { GuichetError, isGuichetError } from '@guichet/shared';
import { processIo, watchDevice, type CliIo } from '../cli-io';
import { CardReader } from './card-reader';
import { classifySwipe } from './classify-swipe';
import { MAGTEK_MAX_REPORT_LENGTH, MAGTEK_USB } from './magtek-report-layout';
import { NodeHidTransport } from './node-hid-transport';
import { reportFromHex } from './report-hex';

/** The longest line worth reading: the longest report (with a report id) as hex with a separator after every byte, plus slack. */
export const MAX_DECODE_LINE_CHARS = (MAGTEK_MAX_REPORT_LENGTH + 1) * 3 + 64;

/**
 * Splits the input into lines as it streams, holding at most MAX_DECODE_LINE_CHARS of a line: a longer one is
 * reported bad the moment it passes the limit and the rest of it is skipped, so stdin without a newline cannot
 * grow memory (readline buffers a whole line before anyone can look at its length).
 */
export async function decodeLines(
  input: NodeJS.ReadableStream,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  let lineNumber = 1;
  let bad = 0;
  let line = '';
  let oversized = false;
  const fail = (error: unknown): void => {
    if (!isGuichetError(error)) throw error;
    bad += 1;
    err(`guichet card-reader decode: line ${lineNumber}: ${error.message} [${error.code}]`);
  };
  const endLine = (): void => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (!oversized && text.trim() !== '') {
      try {
        out(JSON.stringify(classifySwipe(reportFromHex(text))));
      } catch (error) {
        fail(error);
      }
    }
    line = '';
    oversized = false;
    lineNumber += 1;
  };
  const take = (text: string): void => {
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      if (!oversized) line += text.slice(from, newline);
      endLine();
      from = newline + 1;
    }
    if (!oversized) line += text.slice(from);
    if (!oversized && line.length > MAX_DECODE_LINE_CHARS) {
      oversized = true;
      line = '';
      fail(
        new GuichetError(
          'CARD_REPORT_BAD_LENGTH',
          `the line is longer than ${MAX_DECODE_LINE_CHARS} characters, more than any MagTek swipe report`,
        ),
      );
    }
  };
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) take(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  take(decoder.end());
  if (line !== '' || oversized) endLine();
  return bad === 0 ? 0 : 1;
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
