// The kiosk's durable transaction journal: SQLite (WAL, synchronous=FULL) in its own file. The runner writes
// each step here BEFORE the side effect it enables, so after a power cut the kiosk knows exactly what it may
// have set in motion (a sale sent, a commit sent, a void sent). It holds no personal data: service, amounts,
// state, masked payment, hub deliveries and display lines, receipt status, times — never the citizen's details.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  GuichetError,
  NonNegativeCentsSchema,
  ServiceId,
  TxDelivery,
  TxDisplayLine,
  TxId,
  TxPayment,
} from '@guichet/shared';
import { FINAL_STATES, TX_STATES, type TxRecord, type TxState } from './transaction-machine';
import { openDurableDatabase } from '../storage/durable-database';

const Lines = z.array(TxDisplayLine);
const Deliveries = z.array(TxDelivery);

const Row = z.object({
  tx_id: TxId,
  service_id: ServiceId,
  lang: z.enum(['en', 'fr']),
  state: z.enum(TX_STATES),
  started_at: z.string(),
  updated_at: z.string(),
  details_entered: z.number().int(),
  service_cents: NonNegativeCentsSchema.nullable(),
  fee_cents: NonNegativeCentsSchema.nullable(),
  total_cents: NonNegativeCentsSchema.nullable(),
  quote_expires_at: z.string().nullable(),
  quote_lines: z.string().nullable(),
  sale_sent_at: z.string().nullable(),
  payment_brand: TxPayment.shape.brand.nullable(),
  payment_last4: z.string().nullable(),
  auth_code: z.string().nullable(),
  terminal_ref: z.string().nullable(),
  committed_at: z.string().nullable(),
  deliveries: z.string().nullable(),
  committed_lines: z.string().nullable(),
  receipt: z.enum(['none', 'pending', 'printed', 'failed', 'interrupted']),
  reason: z
    .enum(['citizen-cancelled', 'declined', 'timeout', 'device-failure', 'ministry-refused', 'recovery'])
    .nullable(),
  code: z.string().nullable(),
  hub_cancel: z.enum(['pending', 'done']).nullable(),
});
type Row = z.infer<typeof Row>;

/**
 * Fault-injection observer of the journal's writes, off unless given (the crash test, tests/crash/, kills the
 * process in it): called with the step's name (`<event> -> <state>`) just before its SQLite transaction
 * ('writing': nothing of it is on disk yet) and just after it committed ('written').
 */
export type DurableStepObserver = (step: string, phase: 'writing' | 'written') => void;

export interface TransactionJournalOptions {
  onDurableStep?: DurableStepObserver;
}

export interface JournalStep {
  txId: string;
  seq: number;
  at: string;
  fromState: TxState | null;
  event: string;
  toState: TxState;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS transactions (
  tx_id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL,
  lang TEXT NOT NULL,
  state TEXT NOT NULL,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  details_entered INTEGER NOT NULL,
  service_cents INTEGER,
  fee_cents INTEGER,
  total_cents INTEGER,
  quote_expires_at TEXT,
  quote_lines TEXT,
  sale_sent_at TEXT,
  payment_brand TEXT,
  payment_last4 TEXT,
  auth_code TEXT,
  terminal_ref TEXT,
  committed_at TEXT,
  deliveries TEXT,
  committed_lines TEXT,
  receipt TEXT NOT NULL,
  reason TEXT,
  code TEXT,
  hub_cancel TEXT
);
CREATE INDEX IF NOT EXISTS transactions_state ON transactions (state);
CREATE TABLE IF NOT EXISTS transaction_steps (
  tx_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  from_state TEXT,
  event TEXT NOT NULL,
  to_state TEXT NOT NULL,
  PRIMARY KEY (tx_id, seq)
);`;

const COLUMNS = Object.keys(Row.shape);

export class TransactionJournal {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly addStep: Database.Statement;

  private readonly onDurableStep: DurableStepObserver | undefined;

  constructor(
    readonly file: string,
    options: TransactionJournalOptions = {},
  ) {
    this.onDurableStep = options.onDurableStep;
    this.db = openDurableDatabase(file);
    this.db.exec(SCHEMA);
    this.upsert = this.db.prepare(
      `INSERT INTO transactions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT(tx_id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'tx_id')
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    );
    this.addStep = this.db.prepare(
      `INSERT INTO transaction_steps (tx_id, seq, at, from_state, event, to_state)
       VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM transaction_steps WHERE tx_id = ?), ?, ?, ?, ?)`,
    );
  }

  /**
   * Writes the record and the step that led to it in one SQLite transaction, on disk (fsync) when it returns.
   * `sync: false` is for steps that enable no side effect (transaction-machine.ts Step.sync): written the
   * same, atomically, but without their own fsync (synchronous=NORMAL for that one commit); the next synced
   * write makes them durable too, as WAL frames are synced in order.
   */
  save(record: TxRecord, step: { fromState: TxState | null; event: string }, options: { sync?: boolean } = {}): void {
    const lazy = options.sync === false;
    const name = `${step.event} -> ${record.state}`;
    this.onDurableStep?.(name, 'writing');
    if (lazy) this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(() => {
        this.upsert.run(toRow(record));
        this.addStep.run(record.txId, record.txId, record.updatedAt, step.fromState, step.event, record.state);
      })();
    } finally {
      if (lazy) this.db.pragma('synchronous = FULL');
    }
    this.onDurableStep?.(name, 'written');
  }

  get(txId: string): TxRecord | undefined {
    const row = this.db.prepare('SELECT * FROM transactions WHERE tx_id = ?').get(txId);
    return row === undefined ? undefined : fromRow(row);
  }

  /** Transactions not in a final state, oldest first: what recovery must settle before the kiosk serves. */
  inFlight(): TxRecord[] {
    const finals = FINAL_STATES.map(() => '?').join(', ');
    return this.db
      .prepare(`SELECT * FROM transactions WHERE state NOT IN (${finals}) ORDER BY started_at, tx_id`)
      .all(...FINAL_STATES)
      .map(fromRow);
  }

  /** Finished transactions whose tx.cancel the hub has not yet acknowledged. */
  pendingHubCancels(): TxRecord[] {
    const finals = FINAL_STATES.map(() => '?').join(', ');
    return this.db
      .prepare(`SELECT * FROM transactions WHERE state IN (${finals}) AND hub_cancel = 'pending' ORDER BY started_at`)
      .all(...FINAL_STATES)
      .map(fromRow);
  }

  steps(txId: string): JournalStep[] {
    return (
      this.db
        .prepare(
          'SELECT tx_id, seq, at, from_state, event, to_state FROM transaction_steps WHERE tx_id = ? ORDER BY seq',
        )
        .all(txId) as Array<{
        tx_id: string;
        seq: number;
        at: string;
        from_state: TxState | null;
        event: string;
        to_state: TxState;
      }>
    ).map((s) => ({
      txId: s.tx_id,
      seq: s.seq,
      at: s.at,
      fromState: s.from_state,
      event: s.event,
      toState: s.to_state,
    }));
  }

  /** The durability settings in force on this connection (WAL, synchronous=FULL is 2). */
  settings(): { journalMode: string; synchronous: number } {
    return {
      journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
      synchronous: this.db.pragma('synchronous', { simple: true }) as number,
    };
  }

  close(): void {
    this.db.close();
  }
}

function toRow(r: TxRecord): Row {
  return {
    tx_id: r.txId,
    service_id: r.serviceId,
    lang: r.lang,
    state: r.state,
    started_at: r.startedAt,
    updated_at: r.updatedAt,
    details_entered: r.detailsEntered ? 1 : 0,
    service_cents: r.quote?.serviceCents ?? null,
    fee_cents: r.quote?.feeCents ?? null,
    total_cents: r.quote?.totalCents ?? null,
    quote_expires_at: r.quote?.expiresAt ?? null,
    quote_lines: r.quote ? JSON.stringify(r.quote.lines) : null,
    sale_sent_at: r.saleSentAt ?? null,
    payment_brand: r.payment?.brand ?? null,
    payment_last4: r.payment?.last4 ?? null,
    auth_code: r.payment?.authCode ?? null,
    terminal_ref: r.payment?.terminalReference ?? null,
    committed_at: r.committed?.committedAt ?? null,
    deliveries: r.committed ? JSON.stringify(r.committed.deliveries) : null,
    committed_lines: r.committed ? JSON.stringify(r.committed.lines) : null,
    receipt: r.receipt,
    reason: r.reason ?? null,
    code: r.code ?? null,
    hub_cancel: r.hubCancel ?? null,
  };
}

function fromRow(raw: unknown): TxRecord {
  const parsed = Row.safeParse(raw);
  if (!parsed.success)
    throw new GuichetError('TX_JOURNAL_CORRUPT', `a journal row does not read back: ${z.prettifyError(parsed.error)}`);
  const row = parsed.data;
  const record: TxRecord = {
    txId: row.tx_id,
    serviceId: row.service_id,
    lang: row.lang,
    state: row.state,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    detailsEntered: row.details_entered === 1,
    receipt: row.receipt,
  };
  if (row.service_cents !== null && row.fee_cents !== null && row.total_cents !== null && row.quote_expires_at)
    record.quote = {
      serviceCents: row.service_cents,
      feeCents: row.fee_cents,
      totalCents: row.total_cents,
      expiresAt: row.quote_expires_at,
      lines: Lines.parse(JSON.parse(row.quote_lines ?? '[]')),
    };
  if (row.sale_sent_at) record.saleSentAt = row.sale_sent_at;
  if (row.payment_brand && row.payment_last4)
    record.payment = TxPayment.parse({
      brand: row.payment_brand,
      last4: row.payment_last4,
      ...(row.auth_code ? { authCode: row.auth_code } : {}),
      ...(row.terminal_ref ? { terminalReference: row.terminal_ref } : {}),
    });
  if (row.committed_at)
    record.committed = {
      committedAt: row.committed_at,
      deliveries: Deliveries.parse(JSON.parse(row.deliveries ?? '[]')),
      lines: Lines.parse(JSON.parse(row.committed_lines ?? '[]')),
    };
  if (row.reason) record.reason = row.reason;
  if (row.code) record.code = row.code;
  if (row.hub_cancel) record.hubCancel = row.hub_cancel;
  return record;
}
