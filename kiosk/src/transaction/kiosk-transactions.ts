// The kiosk's entry point to citizen transactions, for the touch UI and the demo: `ready` once start-up
// recovery has settled every transaction left in flight, then one transaction at a time through begin().
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { GuichetError, type BackoffPolicy, type Language, type ServiceId } from '@guichet/shared';
import { HubClient, type HubLink } from './hub-client';
import { recoverTransactions } from './recovery';
import { TransactionJournal, type DurableStepObserver } from './transaction-journal';
import { isFinal, type TxRecord } from './transaction-machine';
import {
  TransactionRunner,
  type RetryTimers,
  type TransactionPrinter,
  type TransactionSession,
  type TransactionTerminal,
} from './transaction-runner';

export interface KioskTransactionsOptions {
  kioskId: string;
  /** The journal is `<dataDir>/<kioskId>.transactions.db`. */
  dataDir: string;
  link: HubLink;
  terminal: TransactionTerminal;
  printer: TransactionPrinter;
  telemetry?: (kind: string, data: Record<string, unknown>) => void;
  clock?: () => Date;
  random?: () => number;
  timers?: RetryTimers;
  backoff?: BackoffPolicy;
  hubTimeoutMs?: number;
  /** The payment terminal's sale timeout (a quote must outlast it for a sale to start). */
  saleTimeoutMs?: number;
  log?: Logger;
  /** Fault injection (the crash test): observes each journal write (transaction-journal.ts). Off by default. */
  onDurableStep?: DurableStepObserver;
}

export class KioskTransactions {
  readonly journal: TransactionJournal;
  readonly runner: TransactionRunner;
  /** Resolves once start-up recovery has settled every transaction left in flight. */
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private recovered = false;
  private current: TransactionSession | undefined;
  private readonly log: Logger;
  private readonly holds = new Map<symbol, string>();
  private readonly idleListeners = new Set<() => void>();

  constructor(options: KioskTransactionsOptions) {
    this.log = (options.log ?? pino({ level: 'silent' })).child({ component: 'transactions' });
    this.journal = new TransactionJournal(
      path.join(options.dataDir, `${options.kioskId}.transactions.db`),
      options.onDurableStep ? { onDurableStep: options.onDurableStep } : {},
    );
    this.runner = new TransactionRunner({
      journal: this.journal,
      hub: new HubClient({ link: options.link, timeoutMs: options.hubTimeoutMs }),
      terminal: options.terminal,
      printer: options.printer,
      clock: options.clock ?? (() => new Date()),
      kioskId: options.kioskId,
      log: this.log,
      ...(options.random ? { random: options.random } : {}),
      ...(options.timers ? { timers: options.timers } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.telemetry ? { telemetry: options.telemetry } : {}),
      ...(options.saleTimeoutMs ? { saleTimeoutMs: options.saleTimeoutMs } : {}),
    });
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.runner.onStep(() => this.notifyIdle());
  }

  /**
   * No citizen transaction in flight: start-up recovery is done and the journal holds no unfinished transaction
   * (a citizen choosing a service counts: it is journaled from the first step). A remote restart, reboot or test
   * page waits for this.
   */
  get idle(): boolean {
    return this.recovered && this.journal.inFlight().length === 0;
  }

  /** Called whenever the kiosk may have become idle (after each transaction step, and once recovery is done). */
  onIdle(listener: () => void): () => void {
    this.idleListeners.add(listener);
    return () => this.idleListeners.delete(listener);
  }

  /**
   * Refuses new transactions (TX_NOT_READY, which the screen retries) until released: a restart waiting for the
   * transaction in flight is not kept waiting by the next citizen.
   */
  hold(reason: string): () => void {
    const key = Symbol(reason);
    this.holds.set(key, reason);
    return () => this.holds.delete(key);
  }

  private notifyIdle(): void {
    if (!this.idle) return;
    for (const listener of [...this.idleListeners]) listener();
  }

  get isReady(): boolean {
    return this.recovered;
  }

  /** Starts recovery; `ready` resolves when it is done (it may wait for the hub or the terminal). */
  start(): Promise<void> {
    const { found, done } = recoverTransactions(this.journal, this.runner);
    if (found.length > 0)
      this.log.warn({ event: 'transactions.recovering', count: found.length }, 'settling transactions left in flight');
    void done.then(
      (records) => {
        this.recovered = true;
        if (records.length > 0)
          this.log.info(
            { event: 'transactions.recovered', outcomes: records.map((r) => ({ txId: r.txId, state: r.state })) },
            'transactions left in flight are settled',
          );
        this.markReady();
        this.notifyIdle();
      },
      (error: unknown) =>
        this.log.error({ event: 'transactions.recovery-failed', message: (error as Error).message }, 'recovery failed'),
    );
    return this.ready;
  }

  /** A new transaction; refused until recovery is done (TX_NOT_READY) and while another is unfinished (TX_BUSY). */
  async begin(serviceId: ServiceId, lang: Language): Promise<TransactionSession> {
    if (!this.recovered) throw new GuichetError('TX_NOT_READY', 'transactions left in flight are still being settled');
    if (this.holds.size > 0)
      throw new GuichetError(
        'TX_NOT_READY',
        `the kiosk is busy with a technician's request: ${[...this.holds.values()][0]}`,
      );
    if (this.current && !isFinal(this.current.state))
      throw new GuichetError('TX_BUSY', `transaction ${this.current.txId} is not finished`, {
        details: { txId: this.current.txId, state: this.current.state },
      });
    this.current = await this.runner.begin(serviceId, lang);
    return this.current;
  }

  /** Prints a completed transaction's receipt again (e.g. after paper out), from the journal. */
  reprint(txId: string): Promise<TxRecord> {
    return this.runner.reprint(txId);
  }

  get(txId: string): TxRecord | undefined {
    return this.journal.get(txId);
  }

  stop(): void {
    this.runner.stop();
    this.journal.close();
  }
}
