// `guichet sim card-reader --swipe KIND…`: prints the MagTek HID reports of scripted swipes as hex, one per line,
// ready for `| guichet card-reader decode`.
import { Option, type Command } from 'commander';
import { processIo, type CliIo } from '../../cli-io';
import { reportToHex } from '../../card-reader/report-hex';
import { sampleReport, SWIPE_KINDS, type SimSwipeKind } from './sample-cards';

export function registerCardReaderSimCommand(sim: Command, io: CliIo = processIo): void {
  sim
    .command('card-reader')
    .description('print the HID reports a MagTek swipe reader sends for scripted swipes (hex, one per line)')
    .addOption(new Option('--swipe <kinds...>', 'cards to swipe, in order').choices(SWIPE_KINDS).makeOptionMandatory())
    .action((options: { swipe: SimSwipeKind[] }) => {
      for (const kind of options.swipe) io.out(`${reportToHex(sampleReport(kind))}\n`);
    });
}
