// The payment-terminal simulator's durable batch (SQLite, WAL, synchronous=FULL), as a real PIN pad keeps its
// transactions across a power cut: every state change is appended BEFORE the terminal answers, so what the
// terminal said is always on disk, a restarted simulator still answers queries and voids of old references,
// and the operator's reconciliation reads the file. Brand and last 4 only: the card number never reaches it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { GuichetError } from '@guichet/shared';

export const TerminalRecordState = z.enum(['APPROVED', 'DECLINED', 'REVERSED']);
export type TerminalRecordState = z.infer<typeof TerminalRecordState>;

/** One state change of one sale, as the terminal stores it (no card number: brand and last 4 only). */
export const TerminalRecord = z.object({
  reference: z.string().regex(/^[A-Za-z0-9-]{1,20}$/),
  state: TerminalRecordState,
  /** The result code the sale was answered with (e.g. 000100 for a decline). */
  resultCode: z.string().regex(/^\d{6}$/),
  amountCents: z.int().nonnegative(),
  authCode: z.string().max(20),
  brand: z.enum(['VISA', 'MC', 'AMEX', 'INTERAC']),
  last4: z.string().regex(/^\d{4}$/),
  terminalRef: z.string().max(20),
  batch: z.int().positive(),
  at: z.iso.datetime(),
});
export type TerminalRecord = z.infer<typeof TerminalRecord>;

/** A batch the terminal closed (settlement): approved sales of the batch and their total. */
export const ClosedBatch = z.object({
  batch: z.int().positive(),
  count: z.int().nonnegative(),
  totalCents: z.int().nonnegative(),
  at: z.iso.datetime(),
});
export type ClosedBatch = z.infer<typeof ClosedBatch>;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS terminal_records (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('APPROVED', 'DECLINED', 'REVERSED')),
    result_code TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    auth_code TEXT NOT NULL,
    brand TEXT NOT NULL,
    last4 TEXT NOT NULL CHECK (length(last4) = 4),
    terminal_ref TEXT NOT NULL,
    batch INTEGER NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS terminal_records_reference ON terminal_records(reference, seq);
  CREATE TABLE IF NOT EXISTS terminal_batches (
    batch INTEGER PRIMARY KEY,
    count INTEGER NOT NULL,
    total_cents INTEGER NOT NULL,
    at TEXT NOT NULL
  );
  CREATE TRIGGER IF NOT EXISTS terminal_records_append_only_update BEFORE UPDATE ON terminal_records
    BEGIN SELECT RAISE(ABORT, 'terminal records are append-only'); END;
  CREATE TRIGGER IF NOT EXISTS terminal_records_append_only_delete BEFORE DELETE ON terminal_records
    BEGIN SELECT RAISE(ABORT, 'terminal records are append-only'); END;
`;

interface RecordRow {
  reference: string;
  state: string;
  result_code: string;
  amount_cents: number;
  auth_code: string;
  brand: string;
  last4: string;
  terminal_ref: string;
  batch: number;
  at: string;
}

const COLUMNS = 'reference, state, result_code, amount_cents, auth_code, brand, last4, terminal_ref, batch, at';

function fromRow(row: RecordRow): TerminalRecord {
  return TerminalRecord.parse({
    reference: row.reference,
    state: row.state,
    resultCode: row.result_code,
    amountCents: row.amount_cents,
    authCode: row.auth_code,
    brand: row.brand,
    last4: row.last4,
    terminalRef: row.terminal_ref,
    batch: row.batch,
    at: row.at,
  });
}

export interface TerminalRecordsOptions {
  /** Opens the file read-only (reconciliation); appends then throw. */
  readonly?: boolean;
}

/** The append-only record of a terminal's sales: one row per state change, the latest row is the state. */
export class TerminalRecords {
  private constructor(private readonly db: Database.Database) {}

  /**
   * Opens (and creates, unless read-only) the records file. A file that is not SQLite, or lacks the tables
   * when opened read-only, throws TERMINAL_RECORDS_UNREADABLE.
   */
  static open(file: string, options: TerminalRecordsOptions = {}): TerminalRecords {
    let db: Database.Database | undefined;
    try {
      if (options.readonly) {
        db = new Database(file, { readonly: true, fileMustExist: true });
        db.prepare(`SELECT ${COLUMNS} FROM terminal_records LIMIT 0`).all();
        db.prepare('SELECT batch, count, total_cents, at FROM terminal_batches LIMIT 0').all();
      } else {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        db = new Database(file);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.exec(SCHEMA);
      }
      return new TerminalRecords(db);
    } catch (error) {
      db?.close();
      throw new GuichetError(
        'TERMINAL_RECORDS_UNREADABLE',
        `${file}: not a payment terminal records file (${(error as Error).message})`,
        { cause: error, details: { file } },
      );
    }
  }

  /** Appends one state change, durably (synchronous=FULL) before returning. */
  append(record: TerminalRecord): void {
    const r = TerminalRecord.parse(record);
    this.db
      .prepare(`INSERT INTO terminal_records (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        r.reference,
        r.state,
        r.resultCode,
        r.amountCents,
        r.authCode,
        r.brand,
        r.last4,
        r.terminalRef,
        r.batch,
        r.at,
      );
  }

  /** Records a closed batch (settlement), durably before returning. */
  closeBatch(closed: ClosedBatch): void {
    const b = ClosedBatch.parse(closed);
    this.db
      .prepare('INSERT INTO terminal_batches (batch, count, total_cents, at) VALUES (?, ?, ?, ?)')
      .run(b.batch, b.count, b.totalCents, b.at);
  }

  /** Every state change in the order it happened. */
  history(): TerminalRecord[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM terminal_records ORDER BY seq`).all() as RecordRow[]).map(fromRow);
  }

  /** The current state of each reference (its latest change), in the order the sales were first made. */
  current(): TerminalRecord[] {
    const latest = new Map<string, TerminalRecord>();
    for (const record of this.history()) latest.set(record.reference, record);
    return [...latest.values()];
  }

  closedBatches(): ClosedBatch[] {
    return (
      this.db.prepare('SELECT batch, count, total_cents, at FROM terminal_batches ORDER BY batch').all() as {
        batch: number;
        count: number;
        total_cents: number;
        at: string;
      }[]
    ).map((row) => ClosedBatch.parse({ batch: row.batch, count: row.count, totalCents: row.total_cents, at: row.at }));
  }

  close(): void {
    this.db.close();
  }
}
