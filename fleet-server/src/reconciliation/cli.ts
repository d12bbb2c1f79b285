// `guichet reconcile --data-dir DIR [--json] [--allow-in-flight]`: the operator's daily reconciliation of the
// payment terminals, kiosk journals, hub + ledger and ministry records. Exit 0 when clean, 1 when not, 2 on bad
// input (a missing directory or file, a file that is not SQLite, an unexpected schema), with one line on stderr.
import fs from 'node:fs';
import type { Command } from 'commander';
import { isGuichetError } from '@guichet/shared';
import type { ReconciliationReport } from './discrepancy';
import { formatReport } from './format-report';
import { reconcile } from './reconcile';
import { badInput } from './sources/sqlite-source';
import { DEFAULT_READERS, type ReconciliationReaders } from './sources/source-readers';

export const EXIT_CLEAN = 0;
export const EXIT_NOT_CLEAN = 1;
export const EXIT_BAD_INPUT = 2;

export interface ReconcileCommandOptions {
  dataDir: string;
  json?: boolean;
  allowInFlight?: boolean;
}

/** Reads every source of the data directory and reconciles them; bad input throws RECONCILE_BAD_INPUT. */
export function reconcileDataDir(
  dataDir: string,
  options: { allowInFlight?: boolean } = {},
  readers: ReconciliationReaders = DEFAULT_READERS,
): ReconciliationReport {
  if (!fs.statSync(dataDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw badInput(`${dataDir}: no such directory`, { dataDir });
  }
  return reconcile(
    {
      terminals: readers.terminals.read(dataDir),
      journals: readers.journals.read(dataDir),
      hub: readers.hub.read(dataDir),
      ministries: readers.ministries.read(dataDir),
    },
    options,
  );
}

/** The whole command as a function: what to print on stdout and stderr, and the exit status. */
export function runReconcileCommand(
  options: ReconcileCommandOptions,
  readers: ReconciliationReaders = DEFAULT_READERS,
): { code: number; stdout: string; stderr: string } {
  const allowInFlight = options.allowInFlight ?? false;
  let report: ReconciliationReport;
  try {
    report = reconcileDataDir(options.dataDir, { allowInFlight }, readers);
  } catch (error) {
    if (!isGuichetError(error)) throw error;
    return {
      code: EXIT_BAD_INPUT,
      stdout: '',
      stderr: `guichet reconcile: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`,
    };
  }
  const stdout = options.json
    ? `${JSON.stringify(report, null, 2)}\n`
    : `${formatReport(report, allowInFlight).join('\n')}\n`;
  return { code: report.summary.clean ? EXIT_CLEAN : EXIT_NOT_CLEAN, stdout, stderr: '' };
}

export function registerReconcileCommand(program: Command): void {
  program
    .command('reconcile')
    .description(
      'Reconcile payment terminals, kiosk journals, the hub ledger and ministry records; exit 0 clean, 1 not, 2 bad input',
    )
    .requiredOption(
      '--data-dir <dir>',
      'data directory: fleet.db, kiosks/<id>.transactions.db, terminals/<id>.db, ministries/<system>/',
    )
    .option('--json', 'print the report as JSON')
    .option('--allow-in-flight', 'transactions still in flight are listed but are not discrepancies')
    .action((options: ReconcileCommandOptions) => {
      const result = runReconcileCommand(options);
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      process.exitCode = result.code;
    });
}
