// The hub's durable journal in the fleet's SQLite (WAL, synchronous=FULL): one row per transaction and its
// state (quoted → committing → committed | refused; quoted → cancelled), one row per ministry delivery, and the
// outbox of deliveries still owed to a ministry — the only table that holds citizen details, each row deleted
// in the same SQLite transaction that records its delivery.
import type { Statement } from 'better-sqlite3';
import type { Cents, MinistryId, ServiceId, SplitPart, TxCancelRequest, TxPayment } from '@guichet/shared';
import { cents } from '@guichet/shared';
import type { Db } from '../storage/database';
import { LedgerStore } from '../ledger/ledger-store';
import type { LedgerLine } from '../ledger/posting-rules';
import type { MinistryDetails } from './ministry-adapter';
import type { DisplayLine } from './quote-pricing';

export type HubTxState = 'quoted' | 'committing' | 'committed' | 'cancelled' | 'refused';
export type DeliveryStatus = 'pending' | 'done' | 'queued' | 'refused';

export interface HubTx {
  txId: string;
  kioskId: string;
  serviceId: ServiceId;
  state: HubTxState;
  serviceCents: Cents;
  feeCents: Cents;
  totalCents: Cents;
  feeSplit: SplitPart[];
  detailsDigest: string;
  quoteLines: DisplayLine[];
  quotedAt: string;
  expiresAt: string;
  committingAt: string | null;
  finishedAt: string | null;
  commitLines: DisplayLine[] | null;
  refusal: { code: string; message: string } | null;
}

export interface HubDelivery {
  txId: string;
  ministryId: MinistryId;
  amountCents: Cents;
  status: DeliveryStatus;
  reference: string | null;
  /** The ministry's refusal code of a refused delivery. */
  refusalCode: string | null;
  /** Last change; for a pending delivery, when the hub last re-sent its commit (else its quote time). */
  updatedAt: string;
}

/** A delivery a ministry refused after the citizen's transaction was committed: for an operator to follow up. */
export interface RefusedDelivery {
  txId: string;
  kioskId: string;
  serviceId: ServiceId;
  ministryId: MinistryId;
  code: string;
  refusedAt: string;
}

export interface OutboxItem {
  txId: string;
  ministryId: MinistryId;
  serviceId: ServiceId;
  amountCents: Cents;
  details: MinistryDetails;
  attempts: number;
  nextAttemptAt: string;
}

interface TxRow {
  tx_id: string;
  kiosk_id: string;
  service_id: string;
  state: HubTxState;
  service_cents: number;
  fee_cents: number;
  total_cents: number;
  fee_split: string;
  details_digest: string;
  quote_lines: string;
  quoted_at: string;
  expires_at: string;
  committing_at: string | null;
  finished_at: string | null;
  commit_lines: string | null;
  refusal_code: string | null;
  refusal_message: string | null;
}

interface DeliveryRow {
  tx_id: string;
  ministry_id: string;
  amount_cents: number;
  status: DeliveryStatus;
  reference: string | null;
  refusal_code: string | null;
  updated_at: string;
}

interface OutboxRow {
  tx_id: string;
  ministry_id: string;
  service_id: string;
  amount_cents: number;
  details: string;
  attempts: number;
  next_attempt_at: string;
}

const toTx = (r: TxRow): HubTx => ({
  txId: r.tx_id,
  kioskId: r.kiosk_id,
  serviceId: r.service_id as ServiceId,
  state: r.state,
  serviceCents: cents(r.service_cents),
  feeCents: cents(r.fee_cents),
  totalCents: cents(r.total_cents),
  feeSplit: JSON.parse(r.fee_split) as SplitPart[],
  detailsDigest: r.details_digest,
  quoteLines: JSON.parse(r.quote_lines) as DisplayLine[],
  quotedAt: r.quoted_at,
  expiresAt: r.expires_at,
  committingAt: r.committing_at,
  finishedAt: r.finished_at,
  commitLines: r.commit_lines === null ? null : (JSON.parse(r.commit_lines) as DisplayLine[]),
  refusal: r.refusal_code === null ? null : { code: r.refusal_code, message: r.refusal_message ?? '' },
});

const toDelivery = (r: DeliveryRow): HubDelivery => ({
  txId: r.tx_id,
  ministryId: r.ministry_id as MinistryId,
  amountCents: cents(r.amount_cents),
  status: r.status,
  reference: r.reference,
  refusalCode: r.refusal_code,
  updatedAt: r.updated_at,
});

const toOutbox = (r: OutboxRow): OutboxItem => ({
  txId: r.tx_id,
  ministryId: r.ministry_id as MinistryId,
  serviceId: r.service_id as ServiceId,
  amountCents: cents(r.amount_cents),
  details: JSON.parse(r.details) as MinistryDetails,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
});

/**
 * Fault-injection observer of the journal's writes, off unless given (the crash test, tests/crash/, kills the
 * process in it): called with the write's name just before its SQLite transaction ('writing': nothing of it is
 * on disk yet) and just after that transaction committed ('written').
 */
export type DurableStepObserver = (step: string, phase: 'writing' | 'written') => void;

export interface HubJournalOptions {
  onDurableStep?: DurableStepObserver;
}

interface PendingWrite {
  step: string;
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A delivery's outcome; a done or refused delivery leaves the outbox in the same SQLite transaction. */
export type DeliveryUpdate =
  | { status: 'done'; reference: string }
  | { status: 'refused'; code: string }
  | { status: 'queued'; nextAttemptAt: Date; error: string };

export class HubJournal {
  readonly ledger: LedgerStore;
  private readonly s: Record<string, Statement>;
  private pending: PendingWrite[] = [];
  private flushScheduled = false;
  /** An outbox row (citizen details) was deleted since the last flush: its bytes must leave the files too. */
  private scrubPending = false;

  constructor(
    private readonly db: Db,
    private readonly options: HubJournalOptions = {},
  ) {
    this.ledger = new LedgerStore(db);
    // A delivered outbox row's details must not survive in free pages of fleet.db (nor, see flush, in its WAL).
    db.pragma('secure_delete = ON');
    this.s = {
      getTx: db.prepare(`SELECT * FROM hub_transactions WHERE tx_id = ?`),
      insertTx: db.prepare(
        `INSERT INTO hub_transactions (tx_id, kiosk_id, service_id, state, service_cents, fee_cents, total_cents,
           fee_split, details_digest, quote_lines, quoted_at, expires_at)
         VALUES (?, ?, ?, 'quoted', ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertDelivery: db.prepare(
        `INSERT INTO hub_deliveries (tx_id, ministry_id, position, amount_cents, status, updated_at)
         VALUES (?, ?, ?, ?, 'pending', ?)`,
      ),
      deliveries: db.prepare(`SELECT * FROM hub_deliveries WHERE tx_id = ? ORDER BY position`),
      setDelivery: db.prepare(
        `UPDATE hub_deliveries SET status = ?, reference = ?, refusal_code = ?, updated_at = ?
         WHERE tx_id = ? AND ministry_id = ?`,
      ),
      resending: db.prepare(
        `UPDATE hub_deliveries SET updated_at = ? WHERE tx_id = ? AND ministry_id = ? AND status = 'pending'`,
      ),
      refusedDeliveries: db.prepare(
        `SELECT d.tx_id, t.kiosk_id, t.service_id, d.ministry_id, d.refusal_code, d.updated_at
         FROM hub_deliveries d JOIN hub_transactions t ON t.tx_id = d.tx_id
         WHERE d.status = 'refused' AND t.state = 'committed' AND d.updated_at >= ? ORDER BY d.updated_at, d.tx_id`,
      ),
      committing: db.prepare(
        `UPDATE hub_transactions SET state = 'committing', committing_at = ?, payment_brand = ?, payment_last4 = ?,
           auth_code = ?, terminal_ref = ? WHERE tx_id = ? AND state = 'quoted'`,
      ),
      committed: db.prepare(
        `UPDATE hub_transactions SET state = 'committed', finished_at = ?, commit_lines = ?
         WHERE tx_id = ? AND state = 'committing'`,
      ),
      refused: db.prepare(
        `UPDATE hub_transactions SET state = 'refused', finished_at = ?, refusal_code = ?, refusal_message = ?
         WHERE tx_id = ? AND state = 'committing'`,
      ),
      cancelled: db.prepare(
        `UPDATE hub_transactions SET state = 'cancelled', finished_at = ?, cancel_reason = ?
         WHERE tx_id = ? AND state = 'quoted'`,
      ),
      inFlight: db.prepare(`SELECT tx_id FROM hub_transactions WHERE state = 'committing' ORDER BY committing_at`),
      enqueue: db.prepare(
        `INSERT INTO hub_outbox (tx_id, ministry_id, service_id, amount_cents, details, attempts, next_attempt_at,
           created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
      ),
      outboxItem: db.prepare(`SELECT * FROM hub_outbox WHERE tx_id = ? AND ministry_id = ?`),
      due: db.prepare(
        `SELECT o.* FROM hub_outbox o JOIN hub_transactions t ON t.tx_id = o.tx_id
         WHERE o.next_attempt_at <= ? AND t.state = 'committed' ORDER BY o.next_attempt_at LIMIT ?`,
      ),
      nextDue: db.prepare(
        `SELECT MIN(o.next_attempt_at) AS at FROM hub_outbox o JOIN hub_transactions t ON t.tx_id = o.tx_id
         WHERE t.state = 'committed'`,
      ),
      attempt: db.prepare(
        `UPDATE hub_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
         WHERE tx_id = ? AND ministry_id = ?`,
      ),
      dequeue: db.prepare(`DELETE FROM hub_outbox WHERE tx_id = ? AND ministry_id = ?`),
      tombstone: db.prepare(`SELECT kiosk_id FROM hub_tombstones WHERE tx_id = ?`),
      insertTombstone: db.prepare(
        `INSERT OR IGNORE INTO hub_tombstones (tx_id, kiosk_id, reason, cancelled_at) VALUES (?, ?, ?, ?)`,
      ),
    };
  }

  /**
   * Group commit: writes asked for in the same turn of the event loop run in one SQLite transaction (one fsync
   * under synchronous=FULL), each in its own savepoint so one failing write fails alone; every promise settles
   * only after that transaction is durable. Concurrent commits from many kiosks then share their disk flushes.
   */
  private durably<T>(step: string, write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ step, write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    for (const item of batch) this.options.onDurableStep?.(item.step, 'writing');
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            results.push({ ok: true, value: this.db.transaction(item.write)() });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    if (this.scrubPending) {
      // The WAL still holds the page images written while the row existed: copy the scrubbed pages back into
      // the database and empty the WAL, so no earlier frame keeps a citizen's details on disk.
      // A checkpoint that fails (storage failing) is tried again after the next write, never thrown from here:
      // the batch is durable already and its promises must settle.
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
        this.scrubPending = false;
      } catch {
        this.scrubPending = true;
      }
    }
    for (const [i, item] of batch.entries()) if (results[i]?.ok) this.options.onDurableStep?.(item.step, 'written');
    batch.forEach((item, i) => {
      const result = results[i]!;
      if (result.ok) item.resolve(result.value);
      else item.reject(result.error);
    });
  }

  get(txId: string): HubTx | undefined {
    const row = this.s.getTx!.get(txId) as TxRow | undefined;
    return row && toTx(row);
  }

  deliveries(txId: string): HubDelivery[] {
    return (this.s.deliveries!.all(txId) as DeliveryRow[]).map(toDelivery);
  }

  delivery(txId: string, ministryId: MinistryId): HubDelivery | undefined {
    return this.deliveries(txId).find((d) => d.ministryId === ministryId);
  }

  insertQuote(
    tx: Omit<HubTx, 'state' | 'committingAt' | 'finishedAt' | 'commitLines' | 'refusal'>,
    deliveries: readonly { ministryId: MinistryId; cents: Cents }[],
  ): Promise<void> {
    return this.durably('quote', () => {
      this.s.insertTx!.run(
        tx.txId,
        tx.kioskId,
        tx.serviceId,
        tx.serviceCents,
        tx.feeCents,
        tx.totalCents,
        JSON.stringify(tx.feeSplit),
        tx.detailsDigest,
        JSON.stringify(tx.quoteLines),
        tx.quotedAt,
        tx.expiresAt,
      );
      deliveries.forEach((d, i) => this.s.insertDelivery!.run(tx.txId, d.ministryId, i, d.cents, tx.quotedAt));
    });
  }

  /**
   * quoted → committing, durably, before any ministry is called; with the outbox rows (a fan-out's details, so
   * that a restart can still deliver them) in the same SQLite transaction.
   */
  markCommitting(
    txId: string,
    payment: TxPayment | undefined,
    at: Date,
    outbox: readonly { ministryId: MinistryId; serviceId: ServiceId; amountCents: Cents; details: MinistryDetails }[],
  ): Promise<void> {
    const when = at.toISOString();
    return this.durably('committing', () => {
      const changed = this.s.committing!.run(
        when,
        payment?.brand ?? null,
        payment?.last4 ?? null,
        payment?.authCode ?? null,
        payment?.terminalReference ?? null,
        txId,
      ).changes;
      if (changed !== 1) throw new Error(`transaction ${txId} is not in state quoted`);
      for (const o of outbox)
        this.s.enqueue!.run(txId, o.ministryId, o.serviceId, o.amountCents, JSON.stringify(o.details), when, when);
    });
  }

  /** Records a delivery's outcome; a done or refused delivery leaves the outbox in the same SQLite transaction. */
  setDelivery(txId: string, ministryId: MinistryId, outcome: DeliveryUpdate, at: Date): Promise<void> {
    return this.durably(`delivery:${ministryId}`, () => this.applyDelivery(txId, ministryId, outcome, at));
  }

  /**
   * Durably notes that the hub is about to send a pending delivery's commit again (a retry, never the first send,
   * whose time is the transaction's committingAt): a commit in flight may land until the lookup grace has passed
   * since the latest send, so that time must survive a crash.
   */
  markResending(txId: string, ministryId: MinistryId, at: Date): Promise<void> {
    return this.durably(`resending:${ministryId}`, () => {
      this.s.resending!.run(at.toISOString(), txId, ministryId);
    });
  }

  /** Deliveries of committed transactions that a ministry refused (since `since`), oldest first. */
  refusedDeliveries(since: Date = new Date(0)): RefusedDelivery[] {
    const rows = this.s.refusedDeliveries!.all(since.toISOString()) as {
      tx_id: string;
      kiosk_id: string;
      service_id: string;
      ministry_id: string;
      refusal_code: string | null;
      updated_at: string;
    }[];
    return rows.map((r) => ({
      txId: r.tx_id,
      kioskId: r.kiosk_id,
      serviceId: r.service_id as ServiceId,
      ministryId: r.ministry_id as MinistryId,
      code: r.refusal_code ?? 'REFUSED',
      refusedAt: r.updated_at,
    }));
  }

  private applyDelivery(txId: string, ministryId: MinistryId, outcome: DeliveryUpdate, at: Date): void {
    const when = at.toISOString();
    if (outcome.status === 'queued') {
      this.s.setDelivery!.run('queued', null, null, when, txId, ministryId);
      this.s.attempt!.run(outcome.nextAttemptAt.toISOString(), outcome.error, txId, ministryId);
      return;
    }
    const reference = outcome.status === 'done' ? outcome.reference : null;
    const code = outcome.status === 'refused' ? outcome.code : null;
    this.s.setDelivery!.run(outcome.status, reference, code, when, txId, ministryId);
    if (this.s.dequeue!.run(txId, ministryId).changes > 0) this.scrubPending = true;
  }

  outboxItem(txId: string, ministryId: MinistryId): OutboxItem | undefined {
    const row = this.s.outboxItem!.get(txId, ministryId) as OutboxRow | undefined;
    return row && toOutbox(row);
  }

  /**
   * committing → committed, with the ledger's capture lines and the deliveries just done in the same SQLite
   * transaction.
   */
  markCommitted(
    txId: string,
    at: Date,
    lines: readonly DisplayLine[],
    postings: readonly LedgerLine[],
    done: readonly { ministryId: MinistryId; reference: string }[] = [],
  ): Promise<void> {
    return this.durably('committed', () => {
      for (const d of done) this.applyDelivery(txId, d.ministryId, { status: 'done', reference: d.reference }, at);
      if (this.s.committed!.run(at.toISOString(), JSON.stringify(lines), txId).changes !== 1)
        throw new Error(`transaction ${txId} is not in state committing`);
      if (postings.length > 0) this.ledger.append(txId, 'capture', postings, at);
    });
  }

  markRefused(txId: string, at: Date, code: string, message: string): Promise<void> {
    return this.durably('refused', () => {
      if (this.s.refused!.run(at.toISOString(), code, message, txId).changes !== 1)
        throw new Error(`transaction ${txId} is not in state committing`);
    });
  }

  markCancelled(txId: string, at: Date, reason: TxCancelRequest['reason']): Promise<boolean> {
    return this.durably('cancelled', () => this.s.cancelled!.run(at.toISOString(), reason, txId).changes === 1);
  }

  /** The kiosk that cancelled `txId` before the hub ever quoted it, if one did. */
  tombstone(txId: string): { kioskId: string } | undefined {
    const row = this.s.tombstone!.get(txId) as { kiosk_id: string } | undefined;
    return row && { kioskId: row.kiosk_id };
  }

  /** Durably records that `kioskId` cancelled `txId`, which the hub never quoted (a repeat changes nothing). */
  insertTombstone(txId: string, kioskId: string, at: Date, reason: TxCancelRequest['reason']): Promise<void> {
    return this.durably('tombstone', () => {
      this.s.insertTombstone!.run(txId, kioskId, reason, at.toISOString());
    });
  }

  inFlight(): string[] {
    return (this.s.inFlight!.all() as { tx_id: string }[]).map((r) => r.tx_id);
  }

  dueOutbox(now: Date, limit: number): OutboxItem[] {
    return (this.s.due!.all(now.toISOString(), limit) as OutboxRow[]).map(toOutbox);
  }

  nextOutboxAttempt(): Date | undefined {
    const row = this.s.nextDue!.get() as { at: string | null };
    return row.at === null ? undefined : new Date(row.at);
  }

  outboxSize(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM hub_outbox`).get() as { n: number }).n;
  }
}
