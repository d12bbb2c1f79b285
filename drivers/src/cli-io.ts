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

/** A device a `watch` command follows: opened once, reporting its health with every event it prints. */
export interface WatchedDevice {
  connect(): Promise<void>;
  close(): Promise<void>;
  health(): unknown;
}

/**
 * The body of a device's `watch` command: prints one JSON line per event the device reports (with its health),
 * exit 1 naming the error when it cannot be opened, runs until the operator interrupts.
 */
export async function watchDevice<D extends WatchedDevice>(
  io: CliIo,
  command: string,
  device: D,
  subscribe: (device: D, print: (event: string, payload?: object) => void) => void,
): Promise<void> {
  const print = (event: string, payload: object = {}): void => {
    io.out(`${JSON.stringify({ event, ...payload, health: device.health() })}\n`);
  };
  subscribe(device, print);
  try {
    await device.connect();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    io.err(`${command}: ${(error as Error).message}${typeof code === 'string' ? ` [${code}]` : ''}\n`);
    io.exit(1);
    await device.close();
    return;
  }
  await io.interrupted();
  await device.close();
}
