// `guichet sim card-reader --swipe KIND… [--reader magtek-hid|magnesafe]`: prints the MagTek HID reports of
// scripted swipes as hex, one per line, ready for `| guichet card-reader decode`. `--reader magtek-keyboard`
// prints nothing and fails the way the driver refuses such a reader.
import { Option, type Command } from 'commander';
import { processIo, type CliIo } from '../../cli-io';
import { reportToHex } from '../../card-reader/report-hex';
import { isKeyboardEmulation, keyboardModeError } from '../../card-reader/reader-mode';
import { sampleReport, SWIPE_KINDS, type SimSwipeKind } from './sample-cards';
import { SIMULATED_READERS, type SimulatedReader } from './simulated-hid-transport';

export function registerCardReaderSimCommand(sim: Command, io: CliIo = processIo): void {
  sim
    .command('card-reader')
    .description('print the HID reports a MagTek swipe reader sends for scripted swipes (hex, one per line)')
    .addOption(new Option('--swipe <kinds...>', 'cards to swipe, in order').choices(SWIPE_KINDS).makeOptionMandatory())
    .addOption(
      new Option('--reader <reader>', 'the reader that sends them')
        .choices(Object.keys(SIMULATED_READERS))
        .default('magtek-hid'),
    )
    .action((options: { swipe: SimSwipeKind[]; reader: SimulatedReader }) => {
      const reader = SIMULATED_READERS[options.reader];
      if (isKeyboardEmulation(reader.identity)) {
        const error = keyboardModeError(reader.identity);
        io.err(`sim card-reader: ${error.message} [${error.code}]\n`);
        io.exit(1);
        return;
      }
      for (const kind of options.swipe) io.out(`${reportToHex(sampleReport(kind, reader.layout))}\n`);
    });
}
