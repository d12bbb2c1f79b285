// The fleet's transaction hub: quotes a citizen's request with the ministries, commits it exactly once per
// transaction id (durably journaled before any ministry is called, the ledger posted in the same SQLite
// transaction as the committed state), fans a change of address out to three ministries with a durable outbox
// for the ones that are down, and resolves after a crash what it was committing by asking the ministry.
// Every answer is a TxAck; every refusal of a request changes nothing.
import type {
  FeeSchedule,
  MinistryId,
  PriceList,
  TxAck,
  TxCancelRequest,
  TxCommitRequest,
  TxCommitted,
  TxDocument,
  TxQuote,
  TxQuoteRequest,
  TxStatus,
} from '@guichet/shared';
import { FEE_SCHEDULES, GuichetError, isGuichetError, serviceById } from '@guichet/shared';
import type { Logger } from '../logging/logger';
import type { Db } from '../storage/database';
import type { LedgerStore } from '../ledger/ledger-store';
import { postingsFor } from '../ledger/posting-rules';
import { DEFAULT_DELIVERY_BACKOFF, type BackoffPolicy } from './delivery-backoff';
import type { StorageHealth } from '../storage/storage-health';
import { DeliveryWorker, SYSTEM_TIMERS, type Timers } from './delivery-worker';
import { detailsDigest, digestsEqual } from './details-digest';
import { HubJournal, type DurableStepObserver, type HubDelivery, type HubTx } from './hub-journal';
import type { MinistryAdapter, MinistryDetails } from './ministry-adapter';
import { MAX_LINES, priceQuote, type DisplayLine, type MinistryValidation } from './quote-pricing';
import { recipientsFor } from './recipients';
import { TxLocks } from './tx-locks';
import { TxRefusal } from './tx-refusal';

export interface TransactionHubOptions {
  db: Db;
  /** One adapter per ministry system; a ministry without one is treated as down. */
  ministries: ReadonlyMap<MinistryId, MinistryAdapter>;
  priceList: PriceList;
  /** Key of the details digest (hub-secret.ts). */
  secret: Buffer;
  log: Logger;
  feeSchedules?: readonly FeeSchedule[];
  /** Jurisdiction whose kiosk fee schedule applies (default ON). */
  jurisdiction?: string;
  /** How long a quote can be committed (default 15 minutes). */
  quoteTtlMs?: number;
  /**
   * How long after a commit was sent, and its answer lost (timeout, unreadable answer, crash), the ministry may
   * still apply it (a request queued at the ministry): until then a lookup's not-found is not final, and the
   * transaction stays `committing` (default 2 minutes, on `now`).
   */
  lookupGraceMs?: number;
  now?: () => Date;
  timers?: Timers;
  backoff?: BackoffPolicy;
  /** Fault injection (the crash test): observes each journal write (hub-journal.ts). Off by default. */
  onDurableStep?: DurableStepObserver;
  /** Where the delivery worker reports runs that failed on storage. */
  storageHealth?: StorageHealth;
  /** Told once per transaction reaching a final state, after it is journaled (the metrics count them). */
  onOutcome?: (outcome: TxOutcome) => void;
}

/** A quoted transaction's final state; a refusal split by whether the ministry refused or could not be reached. */
export type TxOutcome = 'committed' | 'refused' | 'ministry-unavailable' | 'cancelled';

export const DEFAULT_QUOTE_TTL_MS = 15 * 60_000;
export const DEFAULT_LOOKUP_GRACE_MS = 2 * 60_000;

/** What happened to one delivery during a commit or a resume. */
type Settled = 'done' | 'refused' | 'queued' | 'not-taken' | 'unknown';

export class TransactionHub {
  readonly journal: HubJournal;
  readonly worker: DeliveryWorker;
  private readonly locks = new TxLocks();
  /**
   * Deliveries (`txId:ministryId`) whose only commit was refused at connection (`down`): certainly not received,
   * even when the lookup could not say so then. Kept in memory only: after a restart the hub waits out the grace.
   */
  private readonly neverReceived = new Set<string>();
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly options: TransactionHubOptions) {
    this.journal = new HubJournal(options.db, options.onDurableStep ? { onDurableStep: options.onDurableStep } : {});
    this.now = options.now ?? (() => new Date());
    this.log = options.log;
    this.worker = new DeliveryWorker({
      journal: this.journal,
      ministries: options.ministries,
      locks: this.locks,
      now: this.now,
      timers: options.timers ?? SYSTEM_TIMERS,
      backoff: options.backoff ?? DEFAULT_DELIVERY_BACKOFF,
      log: this.log,
      ...(options.storageHealth ? { storageHealth: options.storageHealth } : {}),
    });
  }

  get ledger(): LedgerStore {
    return this.journal.ledger;
  }

  /** Resolves what a previous run left in `committing`, then starts the outbox's delivery worker. */
  async start(): Promise<void> {
    await this.resumeInFlight();
    this.worker.start();
  }

  /** Stops the worker and waits for operations in progress; the adapters belong to whoever made them. */
  async close(): Promise<void> {
    this.worker.stop();
    await this.worker.idle();
    await this.locks.idle();
  }

  quote(kioskId: string, request: TxQuoteRequest): Promise<TxAck> {
    return this.answer(kioskId, 'quote', request.txId, () => this.doQuote(kioskId, request));
  }

  commit(kioskId: string, request: TxCommitRequest): Promise<TxAck> {
    return this.answer(kioskId, 'commit', request.txId, () => this.doCommit(kioskId, request));
  }

  cancel(kioskId: string, request: TxCancelRequest): Promise<TxAck> {
    return this.answer(kioskId, 'cancel', request.txId, () => this.doCancel(kioskId, request));
  }

  status(kioskId: string, txId: string): Promise<TxAck> {
    return this.answer(kioskId, 'status', txId, () => this.doStatus(kioskId, txId));
  }

  /** A committed transaction's document asked again of its ministry (tx.document), for the kiosk that owns it. */
  document(kioskId: string, txId: string): Promise<TxAck> {
    return this.answer(kioskId, 'document', txId, () => this.doDocument(kioskId, txId));
  }

  /**
   * Finishes every transaction left in `committing` (a crash between the journal entry and the answer): each
   * ministry is asked whether it has the transaction; what it has is recorded once, what it lacks is delivered
   * from the outbox (a fan-out) or refused (a paid service, whose details the hub never keeps).
   */
  async resumeInFlight(): Promise<{ resolved: number; unresolved: number }> {
    let resolved = 0;
    let unresolved = 0;
    for (const txId of this.journal.inFlight()) {
      const settled = await this.locks.run(txId, async () => {
        const tx = this.journal.get(txId);
        if (tx?.state !== 'committing') return true;
        const ack = await this.settle(tx, undefined);
        return !(ack.ok === false && ack.error.code === 'HUB_UNAVAILABLE');
      });
      if (settled) resolved++;
      else unresolved++;
    }
    if (resolved + unresolved > 0)
      this.log.info({ component: 'transaction-hub', event: 'hub.resumed', resolved, unresolved }, 'in-flight commits');
    return { resolved, unresolved };
  }

  private async answer(kioskId: string, op: string, txId: string, fn: () => Promise<TxAck>): Promise<TxAck> {
    try {
      return await this.locks.run(txId, fn);
    } catch (error) {
      if (error instanceof TxRefusal) return error.toAck();
      this.log.error(
        {
          component: 'transaction-hub',
          event: 'hub.failed',
          op,
          kioskId,
          txId,
          code: isGuichetError(error) ? error.code : undefined,
          err: error instanceof Error ? error.message : String(error),
        },
        'transaction hub failure',
      );
      return new TxRefusal('HUB_UNAVAILABLE', 'the transaction hub could not process the request', true).toAck();
    }
  }

  private own(kioskId: string, txId: string): HubTx | undefined {
    const tx = this.journal.get(txId);
    const owner = tx?.kioskId ?? this.journal.tombstone(txId)?.kioskId;
    if (owner !== undefined && owner !== kioskId)
      throw new TxRefusal('TX_NOT_YOURS', `transaction ${txId} belongs to another kiosk`);
    return tx;
  }

  /** Whether this kiosk cancelled `txId` before the hub ever quoted it (own() has checked whose it is). */
  private tombstoned(txId: string): boolean {
    return this.journal.tombstone(txId) !== undefined;
  }

  private async doQuote(kioskId: string, request: TxQuoteRequest): Promise<TxAck> {
    const digest = detailsDigest(this.options.secret, request.details);
    const existing = this.own(kioskId, request.txId);
    if (existing) {
      if (!digestsEqual(existing.detailsDigest, digest))
        throw new TxRefusal('TX_DETAILS_MISMATCH', `transaction ${request.txId} was quoted for other details`);
      return this.replay(existing, 'quote');
    }
    if (this.tombstoned(request.txId))
      throw new TxRefusal('TX_CANCELLED', `transaction ${request.txId} was cancelled before it was quoted`);
    let service;
    try {
      service = serviceById(request.details.serviceId);
    } catch {
      throw new TxRefusal('TX_INVALID', `unknown service ${request.details.serviceId}`);
    }
    const recipients = recipientsFor(request.details);
    const unconnected = recipients.find((r) => !this.options.ministries.has(r.ministryId));
    if (unconnected)
      throw new TxRefusal('MINISTRY_UNAVAILABLE', `the hub has no connection to the ${unconnected.ministryId} system`);
    // The ministries validate in parallel (a change of address asks three); validation changes nothing anywhere.
    const answers = await Promise.all(
      recipients.map((r) => this.validate(request.txId, service.id, r.ministryId, r.details)),
    );
    // Every recipient must validate now, a fan-out's parts too: a part accepted unvalidated could be refused by
    // its ministry later, after the citizen left believing it done. Only an outage at commit is queued.
    const validations: MinistryValidation[] = answers.map((validation, i) => {
      if (validation !== 'unavailable') return validation;
      throw new TxRefusal('MINISTRY_UNAVAILABLE', `the ${recipients[i]!.ministryId} system is unavailable`, true);
    });
    const at = this.now();
    let priced;
    try {
      priced = priceQuote({
        serviceId: service.id,
        validations,
        priceList: this.options.priceList,
        feeSchedules: this.options.feeSchedules ?? FEE_SCHEDULES,
        jurisdiction: this.options.jurisdiction ?? 'ON',
        at,
        lang: request.lang,
      });
    } catch (error) {
      if (error instanceof TxRefusal || !isGuichetError(error)) throw error;
      // A price or fee missing from configuration is the operator's to fix, not the kiosk's.
      this.log.error(
        { component: 'transaction-hub', event: 'hub.pricing-failed', serviceId: service.id, code: error.code },
        error.message,
      );
      throw new TxRefusal('HUB_UNAVAILABLE', `the service cannot be priced (${error.code})`, false);
    }
    const expiresAt = new Date(at.getTime() + (this.options.quoteTtlMs ?? DEFAULT_QUOTE_TTL_MS));
    await this.journal.insertQuote(
      {
        txId: request.txId,
        kioskId,
        serviceId: service.id,
        serviceCents: priced.serviceCents,
        feeCents: priced.feeCents,
        totalCents: priced.totalCents,
        feeSplit: priced.feeSplit,
        detailsDigest: digest,
        quoteLines: priced.lines,
        quotedAt: at.toISOString(),
        expiresAt: expiresAt.toISOString(),
      },
      priced.ministryAmounts,
    );
    this.log.info(
      {
        component: 'transaction-hub',
        event: 'hub.quoted',
        kioskId,
        txId: request.txId,
        serviceId: service.id,
        totalCents: priced.totalCents,
      },
      'quoted',
    );
    return { ok: true, quote: this.quoteOf(this.journal.get(request.txId)!) };
  }

  private async validate(
    txId: string,
    serviceId: HubTx['serviceId'],
    ministryId: MinistryId,
    details: MinistryDetails,
  ): Promise<MinistryValidation | 'unavailable'> {
    const adapter = this.options.ministries.get(ministryId);
    if (!adapter) return 'unavailable';
    try {
      const answer = await adapter.validate({ txId, serviceId, ministryId, details });
      if (answer.outcome === 'refused') throw new TxRefusal('MINISTRY_REFUSED', answer.message);
      return {
        ministryId,
        lines: answer.lines,
        ...(answer.amountDueCents === undefined ? {} : { amountDueCents: answer.amountDueCents }),
        ...(answer.priceVariant === undefined ? {} : { priceVariant: answer.priceVariant }),
      };
    } catch (error) {
      if (error instanceof TxRefusal) throw error;
      this.logUnavailable(txId, ministryId, 'validate', error);
      return 'unavailable';
    }
  }

  private async doCommit(kioskId: string, request: TxCommitRequest): Promise<TxAck> {
    const tx = this.own(kioskId, request.txId);
    if (!tx && this.tombstoned(request.txId))
      throw new TxRefusal('TX_CANCELLED', `transaction ${request.txId} was cancelled before it was quoted`);
    if (!tx) throw new TxRefusal('TX_UNKNOWN', `transaction ${request.txId} was never quoted`);
    if (tx.state === 'cancelled') throw new TxRefusal('TX_CANCELLED', `transaction ${tx.txId} was cancelled`);
    if (request.totalCents !== tx.totalCents)
      throw new TxRefusal(
        'TX_AMOUNT_MISMATCH',
        `the quote's total is ${tx.totalCents} cents, not ${request.totalCents}`,
      );
    if (!digestsEqual(tx.detailsDigest, detailsDigest(this.options.secret, request.details)))
      throw new TxRefusal('TX_DETAILS_MISMATCH', `transaction ${tx.txId} was quoted for other details`);
    if (tx.state !== 'quoted') return tx.state === 'committing' ? this.settle(tx, request) : this.replay(tx, 'commit');
    if (this.now().getTime() > Date.parse(tx.expiresAt))
      throw new TxRefusal('TX_QUOTE_EXPIRED', `the quote expired at ${tx.expiresAt}`);
    if (tx.totalCents > 0 && !request.payment)
      throw new TxRefusal('TX_INVALID', 'a paid transaction needs the payment it was paid with');

    const recipients = recipientsFor(request.details);
    const deliveries = this.journal.deliveries(tx.txId);
    const fanOut = serviceById(tx.serviceId).delivery.kind === 'fan-out';
    const outbox = fanOut
      ? deliveries.map((d) => ({
          ministryId: d.ministryId,
          serviceId: tx.serviceId,
          amountCents: d.amountCents,
          details: recipients.find((r) => r.ministryId === d.ministryId)!.details,
        }))
      : [];
    await this.journal.markCommitting(tx.txId, tx.totalCents > 0 ? request.payment : undefined, this.now(), outbox);
    this.log.info({ component: 'transaction-hub', event: 'hub.committing', kioskId, txId: tx.txId }, 'committing');
    return this.settle(this.journal.get(tx.txId)!, request, true);
  }

  /**
   * Drives a `committing` transaction to its end: each pending delivery is looked up (unless this is the first
   * attempt), committed if the ministry lacks it and its details are at hand (the kiosk's request, or the outbox),
   * then the transaction is committed with its ledger lines, or refused. Ends in HUB_UNAVAILABLE (retryable,
   * still `committing`) only when a paid service's ministry cannot even say whether it has the transaction.
   */
  private async settle(tx: HubTx, request: TxCommitRequest | undefined, fresh = false): Promise<TxAck> {
    try {
      return await this.settleOrRefuse(tx, request, fresh);
    } catch (error) {
      if (error instanceof TxRefusal) return error.toAck();
      throw error;
    }
  }

  private async settleOrRefuse(tx: HubTx, request: TxCommitRequest | undefined, fresh: boolean): Promise<TxAck> {
    const byMinistry = request
      ? new Map(recipientsFor(request.details).map((r) => [r.ministryId, r.details]))
      : undefined;
    const outcomes: Settled[] = [];
    const lines: DisplayLine[] = [];
    const done: { ministryId: MinistryId; reference: string }[] = [];
    // The citizen's document from this commit's answer: passed through in this answer only, never journaled.
    const documents: TxDocument[] = [];
    for (const delivery of this.journal.deliveries(tx.txId)) {
      if (delivery.status !== 'pending') {
        outcomes.push(delivery.status);
        continue;
      }
      outcomes.push(
        await this.settleDelivery(tx, delivery, byMinistry?.get(delivery.ministryId), fresh, lines, done, documents),
      );
    }
    const at = this.now();
    if (outcomes.includes('unknown')) {
      throw new TxRefusal(
        'HUB_UNAVAILABLE',
        'the ministry cannot say yet whether it has this transaction; retry',
        true,
      );
    }
    // Settled below either way (refused or committed): the notes on its sends are no longer needed.
    for (const d of this.journal.deliveries(tx.txId)) this.neverReceived.delete(`${tx.txId}:${d.ministryId}`);
    const refusedDeliveries = this.journal.deliveries(tx.txId).filter((d) => d.status === 'refused');
    if (outcomes.every((o) => o === 'refused' || o === 'not-taken')) {
      const code = outcomes.includes('not-taken') ? 'MINISTRY_UNAVAILABLE' : 'MINISTRY_REFUSED';
      const message =
        code === 'MINISTRY_REFUSED'
          ? `the ${refusedDeliveries.map((d) => d.ministryId).join(', ')} system refused the transaction`
          : 'the ministry system is unavailable; nothing was recorded there';
      await this.journal.markRefused(tx.txId, at, code, message);
      this.options.onOutcome?.(code === 'MINISTRY_REFUSED' ? 'refused' : 'ministry-unavailable');
      this.log.warn(
        { component: 'transaction-hub', event: 'hub.refused', kioskId: tx.kioskId, txId: tx.txId, code },
        'commit refused',
      );
      return this.replay(this.journal.get(tx.txId)!, 'commit');
    }
    const refusedLines = refusedDeliveries.map((d) => ({ label: 'tx.delivery-refused', value: d.ministryId }));
    const extra = [...refusedLines, ...lines].slice(0, Math.max(0, MAX_LINES - tx.quoteLines.length));
    const postings = postingsFor({
      txId: tx.txId,
      totalCents: tx.totalCents,
      ministryAmounts: this.journal
        .deliveries(tx.txId)
        .map((d) => ({ ministryId: d.ministryId, cents: d.amountCents })),
      feeSplit: tx.feeSplit,
    });
    await this.journal.markCommitted(tx.txId, at, [...extra, ...tx.quoteLines].slice(0, MAX_LINES), postings, done);
    this.options.onOutcome?.('committed');
    this.log.info(
      {
        component: 'transaction-hub',
        event: 'hub.committed',
        kioskId: tx.kioskId,
        txId: tx.txId,
        serviceId: tx.serviceId,
        totalCents: tx.totalCents,
        queued: outcomes.filter((o) => o === 'queued').length,
      },
      'committed',
    );
    this.worker.poke();
    return withDocument(this.replay(this.journal.get(tx.txId)!, 'commit'), documents[0]);
  }

  private async settleDelivery(
    tx: HubTx,
    delivery: HubDelivery,
    given: MinistryDetails | undefined,
    fresh: boolean,
    lines: DisplayLine[],
    done: { ministryId: MinistryId; reference: string }[],
    documents: TxDocument[] = [],
  ): Promise<Settled> {
    const { ministryId } = delivery;
    const adapter = this.options.ministries.get(ministryId);
    const queued = this.journal.outboxItem(tx.txId, ministryId);
    if (!fresh) {
      const found = await this.lookup(adapter, tx.txId, ministryId);
      if (found === 'unavailable') return queued ? this.worker.deliver(queued) : 'unknown';
      if (found !== 'not-found') {
        await this.journal.setDelivery(tx.txId, ministryId, { status: 'done', reference: found.reference }, this.now());
        return 'done';
      }
    }
    if (queued) return this.worker.deliver(queued);
    // Without an adapter nothing was ever sent (a lookup would have failed above): not taken.
    if (!adapter) return 'not-taken';
    // Without details (a restart, a status) the hub cannot send: the ministry lacks it, but a commit sent
    // earlier may still land until the grace period has passed.
    if (!given) return this.inDoubt(tx, delivery) ? 'unknown' : 'not-taken';
    if (!fresh) {
      await this.journal.markResending(tx.txId, ministryId, this.now());
      this.neverReceived.delete(`${tx.txId}:${ministryId}`);
    }
    try {
      const result = await adapter.commit({
        txId: tx.txId,
        serviceId: tx.serviceId,
        ministryId,
        details: given,
        amountCents: delivery.amountCents,
      });
      if (result.outcome === 'committed') {
        // Recorded with the committed state, in the same SQLite transaction: one disk flush fewer per commit.
        done.push({ ministryId, reference: result.reference });
        lines.push(...result.lines);
        if (result.document) documents.push(result.document);
        return 'done';
      }
      await this.journal.setDelivery(tx.txId, ministryId, { status: 'refused', code: result.code }, this.now());
      return 'refused';
    } catch (error) {
      this.logUnavailable(tx.txId, ministryId, 'commit', error);
      // Connection refused on the only send: the ministry certainly never received this transaction. Any other
      // failure (timeout, unreadable answer), or an earlier send still in doubt, may yet land at the ministry.
      if (fresh && isGuichetError(error) && error.details?.reason === 'down')
        this.neverReceived.add(`${tx.txId}:${ministryId}`);
      return this.notTakenOrUnknown(tx, this.journal.delivery(tx.txId, ministryId) ?? delivery, adapter);
    }
  }

  /**
   * After a failed commit: the ministry has it (done), cannot say (unknown), or lacks it — not taken only when the
   * request certainly never reached it, or its grace period has passed; until then it may still be applied.
   */
  private async notTakenOrUnknown(tx: HubTx, delivery: HubDelivery, adapter: MinistryAdapter): Promise<Settled> {
    const { txId } = tx;
    const { ministryId } = delivery;
    const found = await this.lookup(adapter, txId, ministryId);
    if (found === 'unavailable') return 'unknown';
    if (found === 'not-found') return this.inDoubt(tx, delivery) ? 'unknown' : 'not-taken';
    await this.journal.setDelivery(txId, ministryId, { status: 'done', reference: found.reference }, this.now());
    return 'done';
  }

  /**
   * Whether a commit of this delivery sent earlier (first at committingAt, again at the delivery's last re-send)
   * may still be applied by its ministry: it was not refused at connection, and the lookup grace period has not
   * passed since the latest send.
   */
  private inDoubt(tx: HubTx, delivery: HubDelivery): boolean {
    if (this.neverReceived.has(`${tx.txId}:${delivery.ministryId}`)) return false;
    const sentAt = Math.max(Date.parse(tx.committingAt ?? tx.quotedAt), Date.parse(delivery.updatedAt));
    return this.now().getTime() < sentAt + (this.options.lookupGraceMs ?? DEFAULT_LOOKUP_GRACE_MS);
  }

  /** The ministry's reference for txId, 'not-found', or 'unavailable' when it cannot answer. */
  private async lookup(
    adapter: MinistryAdapter | undefined,
    txId: string,
    ministryId: MinistryId,
  ): Promise<{ reference: string } | 'not-found' | 'unavailable'> {
    if (!adapter) return 'unavailable';
    try {
      const found = await adapter.lookup(txId);
      return found.outcome === 'committed' ? { reference: found.reference } : 'not-found';
    } catch (error) {
      this.logUnavailable(txId, ministryId, 'lookup', error);
      return 'unavailable';
    }
  }

  private async doCancel(kioskId: string, request: TxCancelRequest): Promise<TxAck> {
    const tx = this.own(kioskId, request.txId);
    if (!tx) {
      // The kiosk gives up on an id whose quote the hub never received (lost, or still on its way): a tombstone
      // makes sure that quote, should it arrive, opens nothing.
      await this.journal.insertTombstone(request.txId, kioskId, this.now(), request.reason);
      this.log.info(
        { component: 'transaction-hub', event: 'hub.tombstoned', kioskId, txId: request.txId, reason: request.reason },
        'cancelled before any quote',
      );
      return { ok: true, cancelled: { txId: request.txId } };
    }
    let state = tx.state;
    if (state === 'committing') {
      const settled = await this.settle(tx, undefined);
      if (settled.ok === false && settled.error.code === 'HUB_UNAVAILABLE') return settled;
      state = this.journal.get(tx.txId)!.state;
    }
    if (state === 'committed') throw new TxRefusal('TX_ALREADY_COMMITTED', `transaction ${tx.txId} is committed`);
    if (state === 'quoted') {
      if (await this.journal.markCancelled(tx.txId, this.now(), request.reason)) this.options.onOutcome?.('cancelled');
      this.log.info(
        { component: 'transaction-hub', event: 'hub.cancelled', kioskId, txId: tx.txId, reason: request.reason },
        'cancelled',
      );
    }
    return { ok: true, cancelled: { txId: tx.txId } };
  }

  private async doStatus(kioskId: string, txId: string): Promise<TxAck> {
    const tx = this.own(kioskId, txId);
    if (!tx) return { ok: true, status: { txId, state: this.tombstoned(txId) ? 'cancelled' : 'unknown' } };
    if (tx.state === 'committing') {
      const settled = await this.settle(tx, undefined);
      if (settled.ok === false && settled.error.code === 'HUB_UNAVAILABLE') return settled;
    }
    return { ok: true, status: this.statusOf(this.journal.get(txId)!) };
  }

  /**
   * Asks the ministry again for the document of a committed transaction (the kiosk lost the commit's answer, or
   * reprints): passed through, never stored. Nothing to give → TX_NO_DOCUMENT; ministry down → retryable.
   */
  private async doDocument(kioskId: string, txId: string): Promise<TxAck> {
    const tx = this.own(kioskId, txId);
    if (!tx) throw new TxRefusal('TX_UNKNOWN', `transaction ${txId} is unknown`);
    if (tx.state !== 'committed') throw new TxRefusal('TX_NO_DOCUMENT', `transaction ${txId} is not committed`);
    for (const delivery of this.journal.deliveries(txId)) {
      if (delivery.status !== 'done') continue;
      const adapter = this.options.ministries.get(delivery.ministryId);
      if (!adapter?.document) continue;
      let document: TxDocument | undefined;
      try {
        document = await adapter.document(txId, tx.serviceId);
      } catch (error) {
        this.logUnavailable(txId, delivery.ministryId, 'document', error);
        throw new TxRefusal('MINISTRY_UNAVAILABLE', `the ${delivery.ministryId} system is unavailable`, true);
      }
      if (document) return { ok: true, document: { txId, document } };
    }
    throw new TxRefusal('TX_NO_DOCUMENT', `transaction ${txId} has no document`);
  }

  /** The stored answer for a transaction past its first request: the same answer every time it is asked. */
  private replay(tx: HubTx, op: 'quote' | 'commit'): TxAck {
    switch (tx.state) {
      case 'quoted':
        if (op === 'quote') return { ok: true, quote: this.quoteOf(tx) };
        throw new GuichetError('HUB_STATE', 'a quoted transaction has no commit answer');
      case 'committed':
        if (op === 'commit') return { ok: true, committed: this.committedOf(tx) };
        throw new TxRefusal('TX_ALREADY_COMMITTED', `transaction ${tx.txId} is committed`);
      case 'committing':
        throw new TxRefusal('TX_ALREADY_COMMITTED', `transaction ${tx.txId} is being committed`);
      case 'cancelled':
        throw new TxRefusal('TX_CANCELLED', `transaction ${tx.txId} was cancelled`);
      case 'refused': {
        const refusal = tx.refusal ?? { code: 'MINISTRY_REFUSED', message: 'refused' };
        throw new TxRefusal(refusal.code as TxRefusal['code'], refusal.message, false);
      }
    }
  }

  private quoteOf(tx: HubTx): TxQuote {
    return {
      txId: tx.txId,
      serviceId: tx.serviceId,
      serviceCents: tx.serviceCents,
      feeCents: tx.feeCents,
      totalCents: tx.totalCents,
      expiresAt: tx.expiresAt,
      lines: tx.quoteLines,
    };
  }

  private committedOf(tx: HubTx): TxCommitted {
    const deliveries = this.journal
      .deliveries(tx.txId)
      .filter((d) => d.status === 'done' || d.status === 'queued')
      .map((d) => ({
        ministryId: d.ministryId,
        status: d.status as 'done' | 'queued',
        ...(d.reference === null ? {} : { reference: d.reference }),
      }));
    return {
      txId: tx.txId,
      state: 'committed',
      committedAt: tx.finishedAt!,
      deliveries,
      lines: tx.commitLines ?? tx.quoteLines,
    };
  }

  private statusOf(tx: HubTx): TxStatus {
    switch (tx.state) {
      case 'quoted':
        return { txId: tx.txId, state: 'quoted', quote: this.quoteOf(tx) };
      case 'committed':
        return this.committedOf(tx);
      case 'cancelled':
        return { txId: tx.txId, state: 'cancelled' };
      case 'refused':
        return {
          txId: tx.txId,
          state: 'refused',
          code: tx.refusal?.code ?? 'MINISTRY_REFUSED',
          message: tx.refusal?.message ?? '',
        };
      case 'committing':
        throw new TxRefusal('HUB_UNAVAILABLE', 'the transaction is still being committed; retry', true);
    }
  }

  private logUnavailable(txId: string, ministryId: MinistryId, op: string, error: unknown): void {
    this.log.warn(
      {
        component: 'transaction-hub',
        event: 'hub.ministry-unavailable',
        txId,
        ministryId,
        op,
        code: isGuichetError(error) ? error.code : 'ADAPTER_FAILED',
        reason: isGuichetError(error) ? error.details?.reason : undefined,
      },
      'ministry unavailable',
    );
  }
}

/** The commit's answer with the document the ministry gave in it (never a replayed or refused answer's). */
function withDocument(ack: TxAck, document: TxDocument | undefined): TxAck {
  if (!document || !ack.ok || !('committed' in ack)) return ack;
  return { ok: true, committed: { ...ack.committed, document } };
}
