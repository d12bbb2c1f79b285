// The real TransactionDesk: the touch UI's sessions over the kiosk's own transactions (KioskTransactions:
// journal, hub, PIN pad, printer), its device board and the fleet's target state. One desk session is what
// the citizen sees as one visit to a service; it may take several kiosk transactions (each with its own txId)
// when the citizen corrects details the ministry refused, changes them after the quote, or tries another card
// after a decline, because the machine ends every one of those as final. The rules live in desk-mapping.ts.
import pino, { type Logger } from 'pino';
import { isGuichetError } from '@guichet/shared/errors/guichet-error';
import type { ServiceId } from '@guichet/shared/catalog/services';
import type { DeviceBoard } from '../devices/device-board';
import type { KioskMode } from '@guichet/shared/protocol/messages';
import type { TxDetails } from '@guichet/shared/protocol/transactions';
import type { KioskTransactions } from '../transaction/kiosk-transactions';
import { isFinal, type TxRecord } from '../transaction/transaction-machine';
import type { TransactionSession } from '../transaction/transaction-runner';
import { availabilityOf, deskStateOf } from './desk-mapping';
import type { DeskAvailability, DeskLanguage, DeskSession, DeskState, TransactionDesk } from './transaction-desk';

export interface RuntimeDeskOptions {
  transactions: KioskTransactions;
  devices: DeviceBoard;
  /** The fleet's target mode for this kiosk (KioskRuntime.mode) and its changes. */
  mode: () => KioskMode;
  onModeChange?: (listener: (mode: KioskMode) => void) => () => void;
  log?: Logger;
}

export class RuntimeDesk implements TransactionDesk {
  private readonly listeners = new Set<(availability: DeskAvailability) => void>();
  private readonly unsubscribe: Array<() => void> = [];
  private last = '';
  /** The kiosk transaction begun last (KioskTransactions refuses another until it is final). */
  private latest: TransactionSession | undefined;
  private active: RuntimeDeskSession | undefined;
  readonly log: Logger;

  constructor(private readonly options: RuntimeDeskOptions) {
    this.log = (options.log ?? pino({ level: 'silent' })).child({ component: 'runtime-desk' });
    this.unsubscribe.push(options.devices.onChange(() => this.changed()));
    if (options.onModeChange) this.unsubscribe.push(options.onModeChange(() => this.changed()));
    void options.transactions.ready.then(() => this.changed());
    this.last = JSON.stringify(this.availability());
  }

  availability(): DeskAvailability {
    const latest = this.latest;
    // An earlier transaction still settling (unknown sale, refund, owed hub answer) that no citizen is watching.
    const settling = latest !== undefined && !isFinal(latest.state) && this.active?.owns(latest) !== true;
    return availabilityOf({
      mode: this.options.mode(),
      devices: this.options.devices.statuses(),
      canBegin: this.options.transactions.isReady && !settling,
    });
  }

  onAvailabilityChange(listener: (availability: DeskAvailability) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  begin(serviceId: ServiceId, lang: DeskLanguage): DeskSession {
    this.active?.release();
    const session = new RuntimeDeskSession(this, serviceId, lang);
    this.active = session;
    return session;
  }

  close(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.active?.release();
    this.listeners.clear();
  }

  /** @internal A kiosk transaction for a desk session (refused with TX_NOT_READY or TX_BUSY as the kiosk says). */
  async beginTransaction(serviceId: ServiceId, lang: DeskLanguage): Promise<TransactionSession> {
    const session = await this.options.transactions.begin(serviceId, lang);
    this.latest = session;
    session.onChange(() => this.changed());
    return session;
  }

  /** @internal */
  reprint(txId: string): Promise<TxRecord> {
    return this.options.transactions.reprint(txId);
  }

  /** @internal */
  released(session: RuntimeDeskSession): void {
    if (this.active === session) this.active = undefined;
    this.changed();
  }

  /** Tells listeners when what the citizen can be offered changed (devices, target mode, a transaction settled). */
  private changed(): void {
    const availability = this.availability();
    const text = JSON.stringify(availability);
    if (text === this.last) return;
    this.last = text;
    for (const listener of this.listeners) listener(availability);
  }
}

class RuntimeDeskSession implements DeskSession {
  private current: DeskState = { state: 'identifying' };
  private readonly listeners = new Set<(state: DeskState) => void>();
  private transaction: TransactionSession | undefined;
  private detach: (() => void) | undefined;
  /** The citizen's details, in memory only, while this visit may still need them (to quote again or retry). */
  private details: TxDetails | undefined;
  private cancelRequested = false;
  private queue: Promise<unknown> = Promise.resolve();
  private released = false;

  constructor(
    private readonly desk: RuntimeDesk,
    readonly serviceId: ServiceId,
    private readonly lang: DeskLanguage,
  ) {
    // The kiosk transaction starts now (journaled as `selecting`), so that the journal shows the visit.
    void this.serial(() => this.fresh()).catch(() => undefined);
  }

  get txId(): string {
    return this.transaction?.txId ?? '';
  }

  /** Whether this session still holds the citizen's details (tests check they are dropped). */
  get holdsDetails(): boolean {
    return this.details !== undefined || this.transaction?.hasDetails === true;
  }

  owns(transaction: TransactionSession): boolean {
    return this.transaction === transaction && !this.released;
  }

  state(): DeskState {
    return this.current;
  }

  onChange(listener: (state: DeskState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  enterDetails(details: TxDetails): void {
    this.details = details;
    this.set({ state: 'identifying' });
  }

  quote(): Promise<void> {
    return this.serial(async () => {
      const details = this.details;
      if (!details) {
        // A retry after the kiosk could not begin the transaction (still settling an earlier one): begin again.
        if (!this.transaction && (await this.fresh())) this.set({ state: 'identifying' });
        return;
      }
      this.set({ state: 'quoting' });
      const transaction = await this.fresh();
      if (!transaction) return;
      await transaction.enterDetails(details);
      await transaction.quote();
    });
  }

  pay(): Promise<void> {
    return this.serial(async () => {
      let transaction = this.transaction;
      if (!transaction || this.current.state === 'failed' || this.current.state === 'declined') {
        // Another try after a decline or a failure: the last transaction is final, a new one is quoted and,
        // when the price has not changed, paid at once (the citizen already accepted that amount).
        const before = this.current.state === 'declined' ? this.current.totalCents : undefined;
        const details = this.details;
        if (!details) return;
        this.set({ state: 'quoting' });
        transaction = await this.fresh();
        if (!transaction) return;
        await transaction.enterDetails(details);
        const quoted = await transaction.quote();
        if (quoted.state !== 'quoting' || !quoted.quote) return;
        // After a failure (an expired quote…) the citizen confirms the new quote again.
        if (before === undefined || quoted.quote.totalCents !== before) return;
      }
      try {
        await transaction.pay();
      } catch (error) {
        this.desk.log.warn({ code: isGuichetError(error) ? error.code : 'unknown', txId: this.txId }, 'pay refused');
        if (isGuichetError(error, 'TX_QUOTE_EXPIRED'))
          this.set({ state: 'failed', code: 'TX_QUOTE_EXPIRED', retryable: true });
      }
      this.afterOutcome();
    });
  }

  cancel(): Promise<void> {
    this.cancelRequested = true;
    return this.serial(async () => {
      const transaction = this.transaction;
      if (
        transaction &&
        (transaction.state === 'selecting' || transaction.state === 'identifying' || transaction.state === 'quoting')
      )
        await transaction.cancel();
      this.release();
    }).finally(() => {
      if (this.current.state !== 'completed') this.set({ state: 'cancelled' });
    });
  }

  /** The citizen walked away (the idle wipe): recorded as a timeout, not as a cancellation. */
  timeout(): Promise<void> {
    this.cancelRequested = true;
    return this.serial(async () => {
      const transaction = this.transaction;
      if (transaction && ['selecting', 'identifying', 'quoting'].includes(transaction.state))
        await transaction.timeout();
      this.release();
    });
  }

  reprint(): Promise<void> {
    return this.serial(async () => {
      if (this.current.state !== 'completed') return;
      this.set({ state: 'printing' });
      const record = await this.desk.reprint(this.txId);
      this.set(deskStateOf(record, false));
    });
  }

  /** Forgets the details and stops listening; the kiosk transaction (if any is unfinished) settles by itself. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.details = undefined;
    this.detach?.();
    this.detach = undefined;
    this.desk.released(this);
  }

  /**
   * The kiosk transaction to work on: the current one while it is still waiting for details, else a new one
   * (the previous one is cancelled first if the machine has not ended it, e.g. changed details after a quote).
   */
  private async fresh(): Promise<TransactionSession | undefined> {
    const old = this.transaction;
    if (old && (old.state === 'selecting' || old.state === 'identifying')) return old;
    this.detach?.();
    this.detach = undefined;
    if (old?.state === 'quoting') await old.cancel();
    try {
      const transaction = await this.desk.beginTransaction(this.serviceId, this.lang);
      if (this.released) {
        await transaction.cancel();
        return undefined;
      }
      this.transaction = transaction;
      this.detach = transaction.onChange((record) => this.observed(record));
      return transaction;
    } catch (error) {
      const code = isGuichetError(error) ? error.code : 'TX_FAILED';
      this.desk.log.warn({ code }, 'transaction not begun');
      this.set({ state: 'failed', code, retryable: code === 'TX_NOT_READY' || code === 'TX_BUSY' });
      return undefined;
    }
  }

  private observed(record: TxRecord): void {
    if (this.released) return;
    this.set(deskStateOf(record, this.cancelRequested));
  }

  /** Once the visit's outcome is final and cannot be retried, nothing needs the details any more. */
  private afterOutcome(): void {
    const s = this.current.state;
    const retry = s === 'declined' || (this.current.state === 'failed' && this.current.retryable);
    if (!retry && s !== 'quoted' && s !== 'refused') this.details = undefined;
  }

  private serial(task: () => Promise<unknown>): Promise<void> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result.then(
      () => undefined,
      (error: unknown) => {
        const code = isGuichetError(error) ? error.code : 'TX_FAILED';
        this.desk.log.error({ code, txId: this.txId }, 'desk step failed');
        if (!this.released && this.current.state !== 'cancelled') this.set({ state: 'failed', code, retryable: false });
      },
    );
  }

  private set(state: DeskState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
