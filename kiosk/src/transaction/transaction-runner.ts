// Runs citizen transactions: feeds events to the pure machine, journals each next state BEFORE executing the
// effects it enables, executes them against the hub, the payment terminal and the receipt printer, and feeds
// their outcomes back. Outcomes that are not known yet (a hub out of reach, a sale the terminal is still
// authorising) are retried on injected timers, never guessed. Citizen details live in the session's memory
// only, and are dropped as soon as no step can need them again; so does a document the ministry gives (the
// driver record abstract), kept only until its receipt is printed and asked of the hub again when lacking.
import pino, { type Logger } from 'pino';
import {
  backoffDelay,
  DOCUMENT_SERVICES,
  GuichetError,
  isGuichetError,
  type BackoffPolicy,
  TxDetails,
  type Language,
  type ServiceId,
  type TxDocument,
  type TxPayment,
} from '@guichet/shared';
import type { PaymentTerminal } from '@guichet/drivers/payment-terminal/payment-terminal';
import type { ReceiptPrinter } from '@guichet/drivers/printer/receipt-printer';
import type { HubClient } from './hub-client';
import { isFinalRefusal } from './hub-client';
import {
  isFinal,
  initialRecord,
  transition,
  type TxEffect,
  type TxEvent,
  type TxRecord,
  type TxState,
} from './transaction-machine';
import type { TransactionJournal } from './transaction-journal';
import { buildTransactionReceipt } from './transaction-receipt';
import { newTxId } from './tx-id';

export interface RetryTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realRetryTimers: RetryTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type TransactionTerminal = Pick<PaymentTerminal, 'sale' | 'reverse' | 'cancelUnknownSale'>;
export type TransactionPrinter = Pick<ReceiptPrinter, 'printReceipt'>;

export interface TransactionRunnerOptions {
  journal: TransactionJournal;
  hub: HubClient;
  terminal: TransactionTerminal;
  printer: TransactionPrinter;
  clock: () => Date;
  random?: () => number;
  timers?: RetryTimers;
  /** Backoff of retries towards the hub (status, cancel) while it is out of reach. */
  backoff?: BackoffPolicy;
  /** Anonymous outcome records for the fleet (the link's telemetry outbox). */
  telemetry?: (kind: string, data: Record<string, unknown>) => void;
  kioskId?: string;
  log?: Logger;
  /** The longest a card sale can take (the terminal's sale timeout, default 120 s, as PaymentTerminal's). */
  saleTimeoutMs?: number;
  /** Time a quote must still have beyond the sale timeout for a sale to start (commit after it; default 30 s). */
  quoteMarginMs?: number;
}

export const DEFAULT_SALE_TIMEOUT_MS = 120_000;
export const DEFAULT_QUOTE_MARGIN_MS = 30_000;

/** States in which the citizen's details may still be needed (to quote, or to commit). */
const NEEDS_DETAILS: readonly TxState[] = ['identifying', 'quoting', 'paying', 'authorized', 'committing'];

export class TransactionRunner {
  private readonly log: Logger;
  private readonly random: () => number;
  private readonly timers: RetryTimers;
  private readonly pendingTimers = new Set<unknown>();
  private readonly stepListeners = new Set<() => void>();
  private stopped = false;

  constructor(readonly options: TransactionRunnerOptions) {
    this.log = (options.log ?? pino({ level: 'silent' })).child({ component: 'transactions' });
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? realRetryTimers;
  }

  /** A new transaction for a service the citizen chose: journaled (selecting) before anything else happens. */
  async begin(serviceId: ServiceId, lang: Language): Promise<TransactionSession> {
    const record = initialRecord(newTxId(this.options.clock, this.random), serviceId, lang, this.options.clock());
    // Nothing has left the kiosk yet: the id is made durable with the first step that sends it anywhere.
    this.options.journal.save(record, { fromState: null, event: 'begin' }, { sync: false });
    const session = new TransactionSession(this, record, false);
    await session.dispatch({ type: 'service-selected', serviceId, lang });
    return session;
  }

  /** Picks up a journaled transaction after a restart (no details: they were never stored). */
  resume(record: TxRecord): TransactionSession {
    return new TransactionSession(this, record, true);
  }

  /** Prints a completed transaction's receipt again, from the journal (and the hub, for a document it holds). */
  async reprint(txId: string): Promise<TxRecord> {
    const record = this.options.journal.get(txId);
    if (!record) throw new GuichetError('TX_UNKNOWN', `no transaction ${txId} in the journal`, { details: { txId } });
    if (record.state !== 'completed')
      throw new GuichetError('TX_NOT_COMPLETED', `transaction ${txId} is ${record.state}: there is no receipt`, {
        details: { txId, state: record.state },
      });
    const session = new TransactionSession(this, record, true);
    await session.run(() => session.execute({ kind: 'print-receipt', txId: record.txId }));
    return session.snapshot;
  }

  /** Cancels every retry still scheduled (the kiosk is shutting down; the journal keeps what is owed). */
  stop(): void {
    this.stopped = true;
    for (const handle of this.pendingTimers) this.timers.clearTimeout(handle);
    this.pendingTimers.clear();
  }

  /** Called after every journaled step of any transaction (what tells the kiosk it has become idle). */
  onStep(listener: () => void): () => void {
    this.stepListeners.add(listener);
    return () => this.stepListeners.delete(listener);
  }

  /** @internal */
  stepped(): void {
    for (const listener of this.stepListeners) listener();
  }

  /** @internal */
  later(ms: number, action: () => void): void {
    if (this.stopped) return;
    const handle = this.timers.setTimeout(() => {
      this.pendingTimers.delete(handle);
      if (!this.stopped) action();
    }, ms);
    this.pendingTimers.add(handle);
  }

  /** @internal */
  backoffMs(attempt: number): number {
    return backoffDelay(attempt, this.options.backoff ?? { baseMs: 1_000, maxMs: 30_000 }, this.random);
  }

  /** @internal */
  get logger(): Logger {
    return this.log;
  }
}

type Listener = (record: TxRecord) => void;

/**
 * One citizen's transaction (or one picked up by recovery). Methods for the UI: enterDetails, quote, pay,
 * cancel, timeout; `state`/`snapshot` and onChange to observe it; settled() for its end.
 */
export class TransactionSession {
  private record: TxRecord;
  private details: TxDetails | undefined;
  /** The citizen's document from the commit's answer (personal): in memory only, until its receipt is printed. */
  private document: TxDocument | undefined;
  private readonly listeners = new Set<Listener>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly waiters: Array<{ until: (r: TxRecord) => boolean; resolve: (r: TxRecord) => void }> = [];
  private attempts = 0;
  private readonly startedMs: number;

  constructor(
    private readonly runner: TransactionRunner,
    record: TxRecord,
    readonly recovered: boolean,
  ) {
    this.record = record;
    this.startedMs = runner.options.clock().getTime();
  }

  get txId(): string {
    return this.record.txId;
  }

  get state(): TxState {
    return this.record.state;
  }

  /** A copy of what the journal holds for this transaction. */
  get snapshot(): TxRecord {
    return structuredClone(this.record);
  }

  /** Whether the citizen's details are still held in memory (only while a quote or commit may need them). */
  get hasDetails(): boolean {
    return this.details !== undefined;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the transaction is in a final state (completed, declined, cancelled, voided). */
  settled(): Promise<TxRecord> {
    return this.when((r) => isFinal(r.state));
  }

  /** Final, and nothing more owed to the hub (its tx.cancel acknowledged). */
  resolved(): Promise<TxRecord> {
    return this.when((r) => isFinal(r.state) && r.hubCancel !== 'pending');
  }

  /** Validates and keeps the citizen's details in memory; bad input is TX_INVALID_DETAILS and changes nothing. */
  enterDetails(input: unknown): Promise<TxRecord> {
    const parsed = TxDetails.safeParse(input);
    if (!parsed.success)
      return Promise.reject(
        new GuichetError('TX_INVALID_DETAILS', parsed.error.issues.map((i) => i.message).join('; '), {
          details: { fields: parsed.error.issues.map((i) => i.path.join('.')) },
        }),
      );
    if (parsed.data.serviceId !== this.record.serviceId)
      return Promise.reject(
        new GuichetError('TX_INVALID_DETAILS', `details for ${parsed.data.serviceId}, not ${this.record.serviceId}`),
      );
    return this.run(async () => {
      await this.dispatch({ type: 'details-entered' });
      this.details = parsed.data;
    });
  }

  /** Asks the hub for the price (ministry validation included); resolves with the record once answered. */
  quote(): Promise<TxRecord> {
    return this.run(() => this.dispatch({ type: 'quote-requested' }));
  }

  /**
   * The citizen accepts the quote: the sale on the terminal (or, for a free service, the commit), then the
   * commit and the receipt. Resolves when nothing more can happen now (usually a final state).
   */
  pay(): Promise<TxRecord> {
    return this.run(async () => {
      const quote = this.record.quote;
      if (this.record.state === 'quoting' && quote) {
        // A sale may take the terminal's whole timeout; a quote that could expire meanwhile would charge the
        // citizen and then be voided at commit. Refuse before any sale: the citizen quotes again.
        const { saleTimeoutMs = DEFAULT_SALE_TIMEOUT_MS, quoteMarginMs = DEFAULT_QUOTE_MARGIN_MS } =
          this.runner.options;
        const neededMs = quote.totalCents > 0 ? saleTimeoutMs + quoteMarginMs : 0;
        const leftMs = new Date(quote.expiresAt).getTime() - this.runner.options.clock().getTime();
        if (leftMs <= neededMs) {
          await this.dispatch({ type: 'timeout' });
          throw new GuichetError(
            'TX_QUOTE_EXPIRED',
            leftMs <= 0 ? 'the quote has expired: start again' : 'too little time is left on the quote: start again',
            { details: { txId: this.txId, leftMs: Math.max(0, leftMs), neededMs } },
          );
        }
      }
      await this.dispatch({ type: 'pay-requested' });
    });
  }

  cancel(): Promise<TxRecord> {
    return this.run(() => this.dispatch({ type: 'cancel-requested' }));
  }

  /** The citizen walked away (the UI's idle timer). */
  timeout(): Promise<TxRecord> {
    return this.run(() => this.dispatch({ type: 'timeout' }));
  }

  /** @internal Picks up after a restart: the machine's recovery transition for the journaled state. */
  recover(): Promise<TxRecord> {
    return this.run(async () => {
      if (!isFinal(this.record.state)) await this.dispatch({ type: 'recovery-started' });
      else if (this.record.hubCancel === 'pending')
        await this.execute({ kind: 'cancel-at-hub', txId: this.record.txId, reason: this.record.reason ?? 'recovery' });
    });
  }

  /** @internal One operation at a time per transaction; resolves with the record after it. */
  run(task: () => Promise<void>): Promise<TxRecord> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result.then(() => this.snapshot);
  }

  /** @internal Transition, journal, notify, then execute the effects in order (each may dispatch further). */
  async dispatch(event: TxEvent): Promise<void> {
    const from = this.record.state;
    const step = transition(this.record, event, this.runner.options.clock());
    this.runner.options.journal.save(step.record, { fromState: from, event: event.type }, { sync: step.sync });
    this.record = step.record;
    if (!NEEDS_DETAILS.includes(this.record.state) || event.type === 'commit-unknown') this.details = undefined;
    this.runner.logger.info(
      {
        txId: this.txId,
        event: event.type,
        from,
        to: this.record.state,
        code: 'code' in event ? event.code : undefined,
      },
      'transaction step',
    );
    if (!isFinal(from) && isFinal(this.record.state)) this.report();
    this.notify();
    this.runner.stepped();
    for (const effect of step.effects) await this.execute(effect);
  }

  /** @internal */
  async execute(effect: TxEffect): Promise<void> {
    const next = await this.perform(effect);
    if (next) await this.dispatch(next);
  }

  private async perform(effect: TxEffect): Promise<TxEvent | undefined> {
    const { hub, terminal, printer } = this.runner.options;
    switch (effect.kind) {
      case 'request-quote': {
        const details = this.details;
        if (!details) return { type: 'quote-failed', code: 'TX_NO_DETAILS' };
        const answer = await hub.quote({ txId: effect.txId, lang: this.record.lang, details });
        if (answer.kind === 'refused') return { type: 'quote-refused', code: answer.error.code };
        if (answer.kind !== 'ok') return { type: 'quote-failed', code: answer.code };
        const quote = answer.value;
        if (
          quote.txId !== effect.txId ||
          quote.serviceId !== this.record.serviceId ||
          quote.serviceCents + quote.feeCents !== quote.totalCents
        )
          return { type: 'quote-failed', code: 'HUB_BAD_QUOTE' };
        return { type: 'quote-received', quote };
      }
      case 'start-sale': {
        try {
          const sale = await terminal.sale({ amountCents: effect.amountCents, reference: effect.txId });
          if (sale.outcome === 'declined') return { type: 'sale-declined', code: sale.reason ?? 'declined' };
          if (sale.outcome === 'unknown') return { type: 'sale-unknown', code: sale.reason ?? 'unknown' };
          // An approval the kiosk cannot describe on the receipt is not honoured: settled like an unknown one.
          if (!sale.last4) return { type: 'sale-unknown', code: 'PAYMENT_NO_CARD_SUMMARY' };
          const payment: TxPayment = {
            brand: sale.brand ?? 'other',
            last4: sale.last4,
            ...(sale.authCode ? { authCode: sale.authCode } : {}),
            ...(sale.terminalReference ? { terminalReference: sale.terminalReference } : {}),
          };
          return { type: 'sale-approved', payment };
        } catch (error) {
          // The driver throws only when the terminal certainly did not get the sale.
          return { type: 'sale-failed', code: isGuichetError(error) ? error.code : 'PAYMENT_FAILED' };
        }
      }
      case 'commit': {
        if (this.record.state === 'authorized') await this.dispatch({ type: 'commit-sent' });
        const details = this.details;
        if (!details) return { type: 'commit-unknown', code: 'TX_NO_DETAILS' };
        const answer = await hub.commit({
          txId: effect.txId,
          totalCents: effect.totalCents,
          details,
          ...(this.record.payment ? { payment: this.record.payment } : {}),
        });
        if (answer.kind === 'ok') {
          if (answer.value.txId !== effect.txId) return { type: 'commit-unknown', code: 'HUB_BAD_ANSWER' };
          // The document never travels in an event (events are journaled and logged): it stays here.
          const { document, ...committed } = answer.value;
          this.document = document;
          return { type: 'commit-succeeded', committed };
        }
        if (answer.kind === 'refused')
          return isFinalRefusal(answer.error)
            ? { type: 'commit-refused', code: answer.error.code }
            : { type: 'commit-unknown', code: answer.error.code };
        // Not sent: the hub never saw this commit, and there is only ever one per transaction.
        if (answer.kind === 'not-sent') return { type: 'resolved-not-committed', code: answer.code };
        return { type: 'commit-unknown', code: answer.code };
      }
      case 'query-hub-status':
        return this.settleAtHub(effect);
      case 'print-receipt': {
        const document = await this.documentToPrint();
        // A receipt without the document the citizen paid for is not the receipt: failed, reprint later.
        if (document === 'unavailable') return { type: 'receipt-failed', code: 'TX_DOCUMENT_UNAVAILABLE' };
        try {
          const receipt = buildTransactionReceipt(this.record, {
            kioskId: this.runner.options.kioskId,
            ...(document ? { document } : {}),
          });
          await printer.printReceipt(receipt);
          return { type: 'receipt-printed' };
        } catch (error) {
          return { type: 'receipt-failed', code: isGuichetError(error) ? error.code : 'PRINTER_FAILED' };
        } finally {
          this.document = undefined;
        }
      }
      case 'void-sale': {
        try {
          const reversal = await terminal.reverse(effect.txId);
          if (reversal.outcome === 'reversed') return { type: 'void-succeeded' };
          return { type: 'void-failed', code: `reversal-${reversal.outcome}` };
        } catch (error) {
          return { type: 'void-failed', code: isGuichetError(error) ? error.code : 'PAYMENT_FAILED' };
        }
      }
      case 'resolve-unknown-sale': {
        try {
          const resolution = await terminal.cancelUnknownSale(
            effect.txId,
            effect.saleSentAt ? { saleSentAt: new Date(effect.saleSentAt) } : {},
          );
          if (resolution.outcome === 'not-charged') return { type: 'resolved-not-charged', code: resolution.finding };
          this.retry(effect, resolution.retryAfterMs, resolution.reason);
        } catch (error) {
          this.retry(effect, this.runner.backoffMs(this.attempts++), isGuichetError(error) ? error.code : 'failed');
        }
        return undefined;
      }
      case 'cancel-at-hub': {
        const answer = await hub.cancel({ txId: effect.txId, reason: effect.reason });
        // Cancelled now, or the hub has nothing to cancel (never saw it, cancelled before, refused it).
        if (answer.kind === 'ok' || (answer.kind === 'refused' && isFinalRefusal(answer.error))) {
          if (answer.kind === 'refused' && answer.error.code === 'TX_ALREADY_COMMITTED')
            // Cannot happen by this design (a sale is voided only once the hub has refused or cancelled the
            // commit): a contract breach for a person to look at, with the ids to find it.
            this.runner.logger.error(
              { txId: this.txId, state: this.record.state, code: answer.error.code },
              'the hub says it committed a transaction the kiosk ended without it',
            );
          return { type: 'hub-cancelled' };
        }
        this.retry(
          effect,
          this.runner.backoffMs(this.attempts++),
          answer.kind === 'refused' ? answer.error.code : answer.code,
        );
        return undefined;
      }
    }
  }

  /**
   * The document to print with the receipt: none for a service without one, the commit's if still in memory,
   * otherwise asked of the hub again (a commit answered from the hub's journal, a recovery, a reprint).
   */
  private async documentToPrint(): Promise<TxDocument | undefined | 'unavailable'> {
    if (!DOCUMENT_SERVICES.includes(this.record.serviceId)) return undefined;
    if (this.document) return this.document;
    const answer = await this.runner.options.hub.document(this.txId);
    if (answer.kind === 'ok' && answer.value.txId === this.txId) return answer.value.document;
    this.runner.logger.warn(
      {
        txId: this.txId,
        code: answer.kind === 'ok' ? 'HUB_BAD_ANSWER' : answer.kind === 'refused' ? answer.error.code : answer.code,
      },
      'the document to print is not available',
    );
    return 'unavailable';
  }

  /**
   * Whether the hub committed a transaction whose commit answer the kiosk lacks. Committed → resolved-committed.
   * Otherwise the kiosk cancels it at the hub first, so that a commit still on its way can never land after the
   * sale is voided; only a cancel the hub confirms (or a transaction it never had or already refused) is
   * resolved-not-committed. The hub out of reach: ask again later, with backoff.
   */
  private async settleAtHub(effect: Extract<TxEffect, { kind: 'query-hub-status' }>): Promise<TxEvent | undefined> {
    const { hub } = this.runner.options;
    for (let round = 0; round < 2; round++) {
      const status = await hub.status(effect.txId);
      if (status.kind === 'ok' && status.value.state === 'committed')
        return { type: 'resolved-committed', committed: status.value };
      if (status.kind === 'ok' && (status.value.state === 'cancelled' || status.value.state === 'refused'))
        return { type: 'resolved-not-committed', code: `hub-${status.value.state}` };
      if (status.kind === 'refused' && status.error.code === 'TX_UNKNOWN')
        return { type: 'resolved-not-committed', code: 'hub-unknown' };
      if (status.kind !== 'ok') {
        this.retry(
          effect,
          this.runner.backoffMs(this.attempts++),
          status.kind === 'refused' ? status.error.code : status.code,
        );
        return undefined;
      }
      // quoted, or unknown to the hub: make sure it never commits, then it is safe to void.
      const cancel = await hub.cancel({
        txId: effect.txId,
        reason: this.record.reason ?? (this.recovered ? 'recovery' : 'timeout'),
      });
      if (cancel.kind === 'ok') return { type: 'resolved-not-committed', code: `hub-${status.value.state}` };
      if (cancel.kind === 'refused' && cancel.error.code === 'TX_ALREADY_COMMITTED') continue;
      if (cancel.kind === 'refused' && isFinalRefusal(cancel.error))
        return { type: 'resolved-not-committed', code: cancel.error.code };
      this.retry(
        effect,
        this.runner.backoffMs(this.attempts++),
        cancel.kind === 'refused' ? cancel.error.code : cancel.code,
      );
      return undefined;
    }
    this.retry(effect, this.runner.backoffMs(this.attempts++), 'hub-inconsistent');
    return undefined;
  }

  private retry(effect: TxEffect, ms: number, why: string): void {
    this.runner.logger.warn({ txId: this.txId, effect: effect.kind, why, retryInMs: ms }, 'transaction step pending');
    this.runner.later(
      ms,
      () => void this.run(() => this.execute(effect)).catch((error: unknown) => this.failed(error)),
    );
  }

  private failed(error: unknown): void {
    this.runner.logger.error(
      { txId: this.txId, code: isGuichetError(error) ? error.code : 'unknown', message: (error as Error).message },
      'transaction retry failed',
    );
  }

  private report(): void {
    const r = this.record;
    this.runner.options.telemetry?.(`transaction.${r.state}`, {
      txId: r.txId,
      serviceId: r.serviceId,
      outcome: r.state,
      ...(r.reason && r.state !== 'completed' ? { reason: r.reason } : {}),
      ...(r.code && r.state !== 'completed' ? { code: r.code } : {}),
      serviceCents: r.quote?.serviceCents ?? 0,
      feeCents: r.quote?.feeCents ?? 0,
      totalCents: r.quote?.totalCents ?? 0,
      charged: r.state === 'completed' && r.payment !== undefined,
      durationMs: this.runner.options.clock().getTime() - (this.recovered ? Date.parse(r.startedAt) : this.startedMs),
      recovered: this.recovered,
      ...(r.committed
        ? { deliveries: r.committed.deliveries.map((d) => ({ ministryId: d.ministryId, status: d.status })) }
        : {}),
    });
  }

  private notify(): void {
    const snapshot = this.snapshot;
    for (const listener of this.listeners) listener(snapshot);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.until(this.record)) {
        this.waiters.splice(i, 1);
        waiter.resolve(snapshot);
      }
    }
  }

  private when(until: (r: TxRecord) => boolean): Promise<TxRecord> {
    if (until(this.record)) return Promise.resolve(this.snapshot);
    return new Promise((resolve) => this.waiters.push({ until, resolve }));
  }
}
