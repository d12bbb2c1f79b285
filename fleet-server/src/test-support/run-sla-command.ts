// Runs `guichet sla …` in-process: the command as registered for the real `guichet` binary, on a program
// built like provisioning's (exit override, usage errors as exit status 2), with stdout, stderr and the exit
// status captured instead of the process's. The binary itself is run end to end in tests/integration.
import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT, registerSlaCommand } from '../sla/cli';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runSlaCommandInProcess(args: string[]): Promise<CommandRun> {
  const run: CommandRun = { code: 0, stdout: '', stderr: '' };
  const program = new Command('guichet').exitOverride().configureOutput({
    writeOut: (text) => (run.stdout += text),
    writeErr: (text) => (run.stderr += text),
  });
  registerSlaCommand(program, {
    stdout: (text) => (run.stdout += text),
    stderr: (text) => (run.stderr += text),
    setExitCode: (code) => (run.code = code),
  });
  for (const sub of program.commands) sub.exitOverride();
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    run.code = error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
  }
  return run;
}
