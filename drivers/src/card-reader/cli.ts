// `guichet card-reader decode`: raw MagTek HID reports as hex on stdin, one per line → one JSON SwipeResult per
// line on stdout. A bad line gets a one-line error on stderr (line number and code, never its content) and the
// command carries on; the exit status is 1 if any line was bad.
import readline from 'node:readline';
import type { Command } from 'commander';
import { isGuichetError } from '@guichet/shared';
import { classifySwipe } from './classify-swipe';
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
}
