// `guichet` — one command for operators and technicians. Each concept registers its own subcommand
// from the package that owns it; this file only assembles them and maps failures to exit statuses.
import { Command, CommanderError } from 'commander';
import { registerSlaCommand } from '@guichet/fleet-server/sla/cli';
import { registerReconcileCommand } from '@guichet/fleet-server/reconciliation/cli';
import { registerUsersCommand } from '@guichet/fleet-server/auth/users-cli';
import { registerCardReaderCommand } from '@guichet/drivers/card-reader/cli';
import { registerIdScanCommand } from '@guichet/drivers/id-scanner/cli';
import { registerPrinterCommand } from '@guichet/drivers/printer/cli';
import { registerSimCommand } from '@guichet/drivers/sim/cli';

/** Exit status for bad input or bad usage (docs/sla.md: "exit status 2"). */
export const EXIT_BAD_INPUT = 2;

export function buildProgram(): Command {
  const program = new Command('guichet')
    .description('Guichet kiosk network: SLA figures, device checks and simulators')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerSlaCommand(program);
  registerReconcileCommand(program);
  registerUsersCommand(program);
  registerCardReaderCommand(program);
  registerIdScanCommand(program);
  registerPrinterCommand(program);
  registerSimCommand(program);
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; usage mistakes are bad input.
      return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    throw error;
  }
}
