// `guichet sim id-scanner --scan SAMPLE…`: prints the AAMVA payloads of sample licences as hex, one per line,
// ready for `| guichet id-scan decode`.
import { Option, type Command } from 'commander';
import { processIo, type CliIo } from '../../cli-io';
import { SAMPLE_LICENCES, sampleLicencePayload, type SampleLicence } from './sample-licences';

export function registerIdScannerSimCommand(sim: Command, io: CliIo = processIo): void {
  sim
    .command('id-scanner')
    .description('print the AAMVA PDF417 payloads a licence imager decodes from sample licences (hex, one per line)')
    .addOption(
      new Option('--scan <samples...>', 'sample licences to scan, in order')
        .choices(SAMPLE_LICENCES)
        .makeOptionMandatory(),
    )
    .action((options: { scan: SampleLicence[] }) => {
      for (const sample of options.scan) io.out(`${sampleLicencePayload(sample).toString('hex')}\n`);
    });
}
