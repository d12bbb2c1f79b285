// Runs the fleet's remote commands on the kiosk, each once by commandId (command-store.ts): answers `accepted`,
// then `done` or `failed` with a code. A restart, reboot or test page never interrupts a citizen: it waits until
// no transaction is in flight (new ones are refused meanwhile), at most maxDeferMs, then gives up KIOSK_BUSY.
// Collecting logs runs at once. The side effects (exit, spawn) are injected.
import type { Logger } from 'pino';
import {
  isGuichetError,
  type CommandOutput,
  type CommandResult,
  type RemoteCommand,
  type Timers,
} from '@guichet/shared';
import { testPageReceipt } from '@guichet/drivers/printer/test-page';
import type { TransactionPrinter } from '../transaction/transaction-runner';
import type { CommandEffects } from './command-effects';
import type { CommandStore } from './command-store';
import { logExcerpt, type LogSource } from './log-excerpt';

/** What the handler needs of citizen transactions: whether one is in flight, a signal when that may end, a hold. */
export interface TransactionGate {
  readonly idle: boolean;
  onIdle(listener: () => void): () => void;
  hold(reason: string): () => void;
}

export interface CommandHandlerOptions {
  kioskId: string;
  store: CommandStore;
  /** Sends a result to the fleet; resolves true once the fleet acknowledged it (false: it is resent on redelivery). */
  send: (result: CommandResult) => Promise<boolean>;
  effects: CommandEffects;
  /** Citizen transactions; absent (a kiosk that sells nothing) means always idle. */
  gate?: TransactionGate;
  printer?: TransactionPrinter;
  logs?: LogSource;
  now: () => Date;
  timers: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
  /** The longest a restart, reboot or test page waits for the transaction in flight (default 10 minutes). */
  maxDeferMs?: number;
  log: Logger;
}

export const DEFAULT_MAX_DEFER_MS = 10 * 60_000;

/** Commands that must not happen during a citizen's transaction. */
const WAITS_FOR_IDLE: ReadonlySet<RemoteCommand['type']> = new Set(['restart-runtime', 'reboot', 'print-test-page']);

type Outcome = { ok: true; output?: CommandOutput } | { ok: false; code: string; message: string };

export class CommandHandler {
  private readonly waits = new Set<() => void>();
  private readonly log: Logger;
  private stopped = false;

  constructor(private readonly options: CommandHandlerOptions) {
    this.log = options.log.child({ component: 'remote-commands' });
  }

  /**
   * At start: commands the runtime stopped in the middle of. A reboot was under way when the kiosk went down, so
   * it is done; anything else was interrupted (the fleet shows it failed; a technician may send it again).
   */
  settleInterrupted(): void {
    for (const command of this.options.store.unfinished()) {
      const outcome: Outcome =
        command.type === 'reboot'
          ? { ok: true }
          : { ok: false, code: 'INTERRUPTED', message: 'the kiosk runtime stopped before the command finished' };
      this.options.store.finish(this.result(command.commandId, outcome));
      this.log.warn(
        { event: 'command.settled-at-start', commandId: command.commandId, type: command.type, ok: outcome.ok },
        'command settled at start',
      );
    }
  }

  /** One command from the fleet (a redelivered one is answered from the store, never run again). */
  async handle(command: RemoteCommand): Promise<void> {
    const { store } = this.options;
    const stored = store.get(command.commandId);
    if (stored?.result) {
      await this.options.send(stored.result);
      return;
    }
    if (stored) {
      await this.options.send(this.accepted(command.commandId));
      return;
    }
    if (!store.take(command.commandId, command.type, this.options.now())) return;
    this.log.info({ event: 'command.taken', commandId: command.commandId, type: command.type }, 'remote command taken');
    const refusal = this.refusal(command);
    if (refusal) return this.finish(command.commandId, refusal);
    if (!WAITS_FOR_IDLE.has(command.type)) return this.finish(command.commandId, await this.run(command));
    await this.options.send(this.accepted(command.commandId));
    const release = this.options.gate?.hold(`remote command ${command.type}`);
    try {
      const idle = await this.untilIdle(command);
      if (idle === 'stopped') return;
      if (idle === 'busy')
        return await this.finish(command.commandId, {
          ok: false,
          code: 'KIOSK_BUSY',
          message: `a citizen transaction was still in flight after ${this.maxDeferMs / 1000} s`,
        });
      if (command.type === 'restart-runtime') {
        // Recorded and reported before the exit: the new runtime must not run it again.
        await this.finish(command.commandId, { ok: true });
        this.log.warn({ event: 'command.restarting', commandId: command.commandId }, 'restarting the runtime');
        await this.options.effects.restartRuntime();
        return;
      }
      await this.finish(command.commandId, await this.run(command));
    } finally {
      release?.();
    }
  }

  /** Stops waiting (the runtime is stopping): what waits stays unfinished and is settled at the next start. */
  stop(): void {
    this.stopped = true;
    for (const cancel of [...this.waits]) cancel();
  }

  private get maxDeferMs(): number {
    return this.options.maxDeferMs ?? DEFAULT_MAX_DEFER_MS;
  }

  /** Refusals known before anything runs. */
  private refusal(command: RemoteCommand): Outcome | undefined {
    if (command.type === 'reboot' && !this.options.effects.reboot)
      return {
        ok: false,
        code: 'REBOOT_NOT_CONFIGURED',
        message: 'this kiosk has no reboot command (GUICHET_REBOOT_COMMAND)',
      };
    if (command.type === 'print-test-page' && !this.options.printer)
      return { ok: false, code: 'PRINTER_UNAVAILABLE', message: 'this kiosk has no receipt printer' };
    if (command.type === 'collect-logs' && !this.options.logs)
      return { ok: false, code: 'LOGS_UNAVAILABLE', message: 'this kiosk keeps no log to collect' };
    return undefined;
  }

  private untilIdle(command: RemoteCommand): Promise<'idle' | 'busy' | 'stopped'> {
    const gate = this.options.gate;
    if (this.stopped) return Promise.resolve('stopped');
    if (!gate || gate.idle) return Promise.resolve('idle');
    this.log.info(
      { event: 'command.deferred', commandId: command.commandId, type: command.type },
      'waiting for the transaction in flight to end',
    );
    return new Promise((resolve) => {
      const unsubscribe = gate.onIdle(() => {
        if (gate.idle) done('idle');
      });
      const timer = this.options.timers.setTimeout(() => done('busy'), this.maxDeferMs);
      const done = (why: 'idle' | 'busy' | 'stopped') => {
        unsubscribe();
        this.options.timers.clearTimeout(timer);
        this.waits.delete(cancel);
        resolve(why);
      };
      const cancel = () => done('stopped');
      this.waits.add(cancel);
    });
  }

  private async run(command: RemoteCommand): Promise<Outcome> {
    try {
      switch (command.type) {
        case 'collect-logs': {
          const excerpt = logExcerpt(this.options.logs!.tail(command.maxBytes), command.maxBytes);
          return { ok: true, output: { kind: 'logs', ...excerpt } };
        }
        case 'print-test-page': {
          const result = await this.options.printer!.printReceipt(
            testPageReceipt({ kioskId: this.options.kioskId, lang: command.lang, printedAt: this.options.now() }),
          );
          return {
            ok: true,
            output: {
              kind: 'test-page',
              bytes: result.bytes,
              confirmation: result.confirmation,
              confirmed: result.confirmed,
            },
          };
        }
        case 'reboot': {
          this.log.warn({ event: 'command.rebooting', commandId: command.commandId }, 'running the reboot command');
          const status = await this.options.effects.reboot!();
          return status === 0
            ? { ok: true }
            : { ok: false, code: 'REBOOT_FAILED', message: `the reboot command exited with status ${status}` };
        }
        case 'restart-runtime':
          return { ok: true };
      }
    } catch (error) {
      const code = isGuichetError(error) ? error.code : 'COMMAND_FAILED';
      return { ok: false, code, message: (error as Error).message.slice(0, 500) };
    }
  }

  private async finish(commandId: string, outcome: Outcome): Promise<void> {
    const result = this.result(commandId, outcome);
    this.options.store.finish(result);
    this.log.info(
      {
        event: outcome.ok ? 'command.done' : 'command.failed',
        commandId,
        ...(outcome.ok ? {} : { code: outcome.code }),
      },
      outcome.ok ? 'remote command done' : 'remote command failed',
    );
    await this.options.send(result);
  }

  private accepted(commandId: string): CommandResult {
    return { kioskId: this.options.kioskId, commandId, ok: true, status: 'accepted' };
  }

  private result(commandId: string, outcome: Outcome): CommandResult {
    return outcome.ok
      ? {
          kioskId: this.options.kioskId,
          commandId,
          ok: true,
          status: 'done',
          ...(outcome.output ? { output: outcome.output } : {}),
        }
      : {
          kioskId: this.options.kioskId,
          commandId,
          ok: false,
          status: 'failed',
          error: { code: outcome.code, message: outcome.message },
        };
  }
}
