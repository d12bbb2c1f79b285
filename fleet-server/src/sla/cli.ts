// `guichet sla`: the command of docs/sla.md "The `sla` command" — reads sites.json and events.jsonl, prints
// the report as JSON on stdout; bad input is one line on stderr naming file and line, exit status 2.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isGuichetError, GuichetError } from '@guichet/shared';
import { computeSlaReport } from './compute-sla-report';
import { parseEventsJsonl, parseSitesFile } from './parse-inputs';
import { parseSlaQuery } from './sla-query';
import type { SlaReport } from './sla-report';

export const EXIT_BAD_INPUT = 2;

interface SlaCommandOptions {
  sites: string;
  events: string;
  from: string;
  to: string;
  clock?: string;
  threshold?: string;
  repairMinutes?: string;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new GuichetError(
      'SLA_UNREADABLE_FILE',
      `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      { cause: error },
    );
  }
}

/** The whole command as a function of its options (file paths), for tests and for the action below. */
export function runSlaCommand(options: SlaCommandOptions): SlaReport {
  const query = parseSlaQuery({
    from: options.from,
    to: options.to,
    clock: options.clock,
    threshold: options.threshold,
    repairMinutes: options.repairMinutes,
  });
  const sites = parseSitesFile(readText(options.sites), options.sites);
  const events = parseEventsJsonl(readText(options.events), options.events);
  return computeSlaReport({ sites, events, ...query });
}

/** Where the command writes and how it sets its exit status: the process's by default, captured in tests. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Sets the exit status without ending the process (process.exitCode for the real command). */
  setExitCode: (code: number) => void;
}

export const processIo: CommandIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

export function registerSlaCommand(program: Command, io: CommandIo = processIo): void {
  program
    .command('sla')
    .description('Compute the contract service levels (docs/sla.md) from a sites file and an event log; prints JSON')
    .requiredOption('--sites <file>', 'sites and kiosks (sites.json)')
    .requiredOption('--events <file>', 'fleet event log, one JSON object a line (events.jsonl)')
    .requiredOption('--from <instant>', 'start of the period, ISO-8601 (inclusive)')
    .requiredOption('--to <instant>', 'end of the period, ISO-8601 (exclusive)')
    .option('--clock <clock>', 'repair clock: service-hours or wall', 'service-hours')
    .option('--threshold <fraction>', 'fleet operational threshold', '0.97')
    .option('--repair-minutes <minutes>', 'repair time limit per incident', '120')
    .action((options: SlaCommandOptions) => {
      try {
        const report = runSlaCommand(options);
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      } catch (error) {
        if (!isGuichetError(error)) throw error;
        io.stderr(`guichet sla: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
        io.setExitCode(EXIT_BAD_INPUT);
      }
    });
}
