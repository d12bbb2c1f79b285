// A child of the crash test (kiosk runtime or fleet server) run by tsx with an IPC channel: its messages are
// kept in order so the test can wait for one, and its exit (a SIGKILL it gave itself) can be awaited.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eventually } from '@guichet/shared/test-support/eventually';
import type { FromChild, ToChild } from './crash-messages';

export class CrashChild {
  readonly messages: FromChild[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly process: ChildProcess;
  private stderr = '';
  private pings = 0;

  constructor(
    readonly name: string,
    script: string,
    env: Record<string, string>,
  ) {
    this.process = fork(path.join(import.meta.dirname, script), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.process.stderr?.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    this.process.on('message', (message: FromChild) => this.messages.push(message));
    this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  send(message: ToChild): void {
    this.process.send(message);
  }

  /** The first message from `from` on (an index into `messages`) that `match` accepts. */
  async waitFor<T extends FromChild['type']>(
    what: string,
    type: T,
    options: { from?: number; match?: (m: Extract<FromChild, { type: T }>) => boolean; timeoutMs?: number } = {},
  ): Promise<Extract<FromChild, { type: T }>> {
    return eventually(
      `${this.name}: ${what}`,
      () => {
        const failed = this.messages.find((m) => m.type === 'failed');
        if (failed) throw new Error(`${this.name} failed: ${failed.message}`);
        if (!this.alive && type !== 'step') throw new Error(`${this.name} exited; stderr: ${this.stderr}`);
        return this.messages
          .slice(options.from ?? 0)
          .find(
            (m): m is Extract<FromChild, { type: T }> =>
              m.type === type && (options.match?.(m as Extract<FromChild, { type: T }>) ?? true),
          );
      },
      { timeoutMs: options.timeoutMs ?? 60_000, everyMs: 20 },
    );
  }

  /** Returns once every message the child sent so far has arrived (IPC keeps order). */
  async sync(): Promise<void> {
    const id = ++this.pings;
    const from = this.messages.length;
    this.send({ type: 'ping', id });
    await this.waitFor('an answer to ping', 'pong', { from, match: (m) => m.id === id });
  }

  /** Ends it: SIGTERM (a clean stop) by default, then waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.alive) this.process.kill(signal);
    await this.exited;
  }
}
