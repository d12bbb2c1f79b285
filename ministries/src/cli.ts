// `guichet sim ministries --data-dir DIR`: runs every ministry simulator (vehicles mainframe, Health SOAP, the
// three fines APIs, Outdoors lookup + drop directory), prints their endpoints as one JSON line (the hub's
// MinistryEndpoints), and runs the Outdoors nightly ingestion every --nightly-every-ms (or on "nightly" typed on
// stdin). Stops on SIGINT/SIGTERM.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { startMinistrySimulators } from './start-ministries';

export function registerMinistriesSimCommand(sim: Command): void {
  sim
    .command('ministries')
    .description("simulate the ministries' legacy systems (records kept under --data-dir)")
    .requiredOption('--data-dir <dir>', 'where each system keeps its records')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--nightly-every-ms <ms>', 'run the Outdoors nightly ingestion this often', '0')
    .action(async (options: { dataDir: string; host: string; nightlyEveryMs: string }) => {
      const every = Number(options.nightlyEveryMs);
      const ministries = await startMinistrySimulators({
        dataDir: options.dataDir,
        host: options.host,
        ...(every > 0
          ? {
              nightly: (run: () => void) => {
                const timer = setInterval(run, every);
                return () => clearInterval(timer);
              },
            }
          : {}),
      });
      process.stdout.write(`${JSON.stringify({ event: 'listening', endpoints: ministries.endpoints })}\n`);
      const input = createInterface({ input: process.stdin });
      input.on('line', (line) => {
        if (line.trim() === 'nightly')
          process.stdout.write(
            `${JSON.stringify({ event: 'nightly', ...ministries.simulators.outdoors.runNightly() })}\n`,
          );
      });
      const stop = () => {
        input.close();
        void ministries.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
