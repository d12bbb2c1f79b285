// `guichet card-reader decode`: raw MagTek HID reports as hex on stdin, one per line → one JSON SwipeResult per
// line on stdout. A bad line gets a one-line error on stderr (line number and code, never its content) and the
// command carries on; the exit status is 1 if any line was bad. `guichet card-reader watch`: a technician's check
// of a real reader — one JSON line per swipe, connection change and health, until Ctrl-C.
import readline from 'node:readline';
import type { Command } from 'commander';
import { isGuichetError } from '@guichet/shared';
import { CardReader } from './card-reader';
import { classifySwipe } from './classify-swipe';
import { MAGTEK_USB } from './magtek-report-layout';
import { NodeHidTransport } from './node-hid-transport';
import { reportFromHex } from './report-hex';

export async function decodeLines(input: NodeJS.ReadableStream, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let lineNumber = 0;
  let bad = 0;
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    try {
      out(JSON.stringify(classifySwipe(reportFromHex(line))));
    } catch (error) {
      if (!isGuichetError(error)) throw error;
      bad += 1;
      err(`guichet card-reader decode: line ${lineNumber}: ${error.message} [${error.code}]`);
    }
  }
  return bad === 0 ? 0 : 1;
}

export function registerCardReaderCommand(program: Command): void {
  const reader = program.command('card-reader').description('magnetic-stripe card reader (MagTek USB HID)');
  reader
    .command('decode')
    .description('decode MagTek HID reports given as hex on stdin (one per line) into one JSON object per swipe')
    .action(async () => {
      const status = await decodeLines(
        process.stdin,
        (line) => process.stdout.write(`${line}\n`),
        (line) => process.stderr.write(`${line}\n`),
      );
      if (status !== 0) process.exitCode = status;
    });
  reader
    .command('watch')
    .description('open a real MagTek HID reader and print each swipe, unplug and replug as JSON until interrupted')
    .option('--vendor-id <hex>', 'USB vendor id', MAGTEK_USB.vendorId.toString(16))
    .option('--product-id <hex>', 'USB product id', MAGTEK_USB.productIds[0].toString(16))
    .action(async (options: { vendorId: string; productId: string }) => {
      const [vendorId, productId] = [Number.parseInt(options.vendorId, 16), Number.parseInt(options.productId, 16)];
      if (!Number.isInteger(vendorId) || !Number.isInteger(productId)) {
        process.stderr.write('guichet card-reader watch: --vendor-id and --product-id are hex numbers, e.g. 0801\n');
        process.exitCode = 2;
        return;
      }
      const device = new CardReader(new NodeHidTransport({ vendorId, productIds: [productId] }));
      const print = (event: string, payload: object = {}): void => {
        process.stdout.write(`${JSON.stringify({ event, ...payload, health: device.health() })}\n`);
      };
      device.on('swipe', (swipe) => print('swipe', { swipe }));
      device.on('error', (error) => print('error', { code: error.code, message: error.message }));
      device.on('connected', () => print('connected'));
      device.on('disconnected', (error) => print('disconnected', { code: error.code }));
      try {
        await device.connect();
      } catch (error) {
        process.stderr.write(`guichet card-reader watch: ${(error as Error).message}${isGuichetError(error) ? ` [${error.code}]` : ''}\n`);
        process.exitCode = 1;
        await device.close();
        return;
      }
      await new Promise<void>((resolve) => process.once('SIGINT', resolve));
      await device.close();
    });
}
