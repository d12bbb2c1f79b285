// What a ministry's system has recorded, in its own SQLite file (WAL, synchronous=FULL): one row per committed
// request, keyed by the caller's client reference so a repeated delivery never makes a second record. A
// restarted simulator reopens the same file; reconciliation and crash tests read it through `records()`.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const MinistryRecord = z.object({
  clientReference: z.string(),
  reference: z.string(),
  kind: z.string(),
  /** The ministry's key of what the record is about (plate, ticket, card number): the ministry's own data. */
  subject: z.string(),
  amountCents: z.int(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type MinistryRecord = z.infer<typeof MinistryRecord>;

interface Row {
  client_reference: string;
  reference: string;
  kind: string;
  subject: string;
  amount_cents: number;
  data: string;
  created_at: string;
}

function toRecord(row: Row): MinistryRecord {
  return {
    clientReference: row.client_reference,
    reference: row.reference,
    kind: row.kind,
    subject: row.subject,
    amountCents: row.amount_cents,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

export class SimStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS records (
      client_reference TEXT PRIMARY KEY,
      reference TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      subject TEXT NOT NULL,
      amount_cents INTEGER NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
  }

  byClientReference(clientReference: string): MinistryRecord | undefined {
    const row = this.db.prepare('SELECT * FROM records WHERE client_reference = ?').get(clientReference) as
      Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  bySubject(kind: string, subject: string): MinistryRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM records WHERE kind = ? AND subject = ? ORDER BY rowid')
      .all(kind, subject) as Row[];
    return rows.map(toRecord);
  }

  all(): MinistryRecord[] {
    return (this.db.prepare('SELECT * FROM records ORDER BY rowid').all() as Row[]).map(toRecord);
  }

  /**
   * Records once per client reference: a second call with the same reference returns the first record
   * (`created: false`). `makeReference` gets the next sequence number inside the same transaction.
   */
  recordOnce(
    input: Omit<MinistryRecord, 'reference'>,
    makeReference: (sequence: number) => string,
  ): { record: MinistryRecord; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.byClientReference(input.clientReference);
      if (existing) return { record: existing, created: false };
      const { n } = this.db.prepare('SELECT COUNT(*) + 1 AS n FROM records').get() as { n: number };
      const record: MinistryRecord = { ...input, reference: makeReference(n) };
      this.db
        .prepare(
          'INSERT INTO records (client_reference, reference, kind, subject, amount_cents, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          record.clientReference,
          record.reference,
          record.kind,
          record.subject,
          record.amountCents,
          JSON.stringify(record.data),
          record.createdAt,
        );
      return { record, created: true };
    })();
  }

  /** Runs `work` in one SQLite transaction (nested recordOnce calls join it). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    this.db.close();
  }
}
