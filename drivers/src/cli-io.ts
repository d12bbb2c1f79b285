// The standard streams, exit status and interruption of a `guichet` device command, passed in by whoever
// registers it: the binary gives the process's own (processIo), tests give in-memory ones and run the command
// in-process.

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  /** Writes to standard output, as is (callers end their lines). */
  out(text: string): void;
  /** Writes to standard error, as is. */
  err(text: string): void;
  /** Sets the exit status the command ends with. */
  exit(code: number): void;
  /** Resolves when the operator interrupts a long-running command (Ctrl-C, SIGTERM). */
  interrupted(): Promise<void>;
}

export const processIo: CliIo = {
  stdin: process.stdin,
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  exit: (code) => void (process.exitCode = code),
  interrupted: () =>
    new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }),
};
