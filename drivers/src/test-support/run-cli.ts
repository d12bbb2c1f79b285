// Test support: run a driver's `guichet` subcommand in-process — its own registration on a fresh commander
// program, with in-memory stdin/stdout/stderr and exit status — instead of spawning the binary.
import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import type { CliIo } from '../cli-io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command running in-process: its output so far, a line to its stdin, and an interrupt (Ctrl-C). */
export interface RunningCli {
  readonly stdout: string;
  readonly stderr: string;
  /** Lines written to stdout so far. */
  lines(): string[];
  write(line: string): void;
  interrupt(): void;
  /** Resolves once the command has returned. */
  done: Promise<CliRun>;
}

/** Starts `args` on a program holding what `register` adds; stdin stays open until `stdin` ends or interrupt. */
export function startCli(
  register: (program: Command, io: CliIo) => void,
  args: string[],
  options: { stdin?: string } = {},
): RunningCli {
  const stdin = new PassThrough();
  if (options.stdin !== undefined) stdin.end(options.stdin);
  let stdout = '';
  let stderr = '';
  let code = 0;
  let interrupt!: () => void;
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  const io: CliIo = {
    stdin,
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    exit: (status) => void (code = status),
    interrupted: () => interrupted,
  };
  // As the binary does (provisioning's main): usage mistakes exit 2, their message on stderr.
  const program = new Command('guichet').exitOverride().configureOutput({
    writeOut: (text) => io.out(text),
    writeErr: (text) => io.err(text),
  });
  register(program, io);
  const exitOverride = (command: Command): void => {
    command.exitOverride().configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
    command.commands.forEach(exitOverride);
  };
  program.commands.forEach(exitOverride);
  const done = program.parseAsync(args, { from: 'user' }).then(
    (): CliRun => ({ code, stdout, stderr }),
    (error: unknown): CliRun => {
      if (!(error instanceof CommanderError)) throw error;
      return { code: error.exitCode === 0 ? 0 : 2, stdout, stderr };
    },
  );
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    lines: () => stdout.split('\n').filter((line) => line !== ''),
    write: (line) => void stdin.write(`${line}\n`),
    interrupt: () => {
      interrupt();
      stdin.end();
    },
    done,
  };
}

/** Runs `args` to completion with `stdin` as its whole input. */
export function runCli(register: (program: Command, io: CliIo) => void, args: string[], stdin = ''): Promise<CliRun> {
  return startCli(register, args, { stdin }).done;
}
