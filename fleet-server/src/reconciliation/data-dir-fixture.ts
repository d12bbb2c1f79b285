// Builds a data directory of real SQLite files from normalized records, for the command's tests: each file
// holds the tables and columns the readers expect of the system that owns it (the hub's fleet.db, the kiosk
// journals, the terminal batches, the ministries' record stores), in WAL mode as those systems write them.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ReconciliationInput } from './reconciliation-input';
import { SYSTEM_MINISTRIES } from './sources/ministry-reader';

const systemOf = (ministryId: string): string =>
  Object.entries(SYSTEM_MINISTRIES).find(([, id]) => id === ministryId)?.[0] ?? ministryId;

function create(file: string, schema: string, fill: (db: Database.Database) => void): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(schema);
    db.transaction(() => fill(db))();
  } finally {
    db.close();
  }
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
};

export function writeDataDir(dir: string, input: ReconciliationInput): void {
  create(
    path.join(dir, 'fleet.db'),
    `CREATE TABLE hub_transactions (tx_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, service_id TEXT NOT NULL,
       state TEXT NOT NULL, service_cents INTEGER NOT NULL, fee_cents INTEGER NOT NULL, total_cents INTEGER NOT NULL);
     CREATE TABLE hub_deliveries (tx_id TEXT NOT NULL, ministry_id TEXT NOT NULL, amount_cents INTEGER NOT NULL,
       status TEXT NOT NULL, reference TEXT, PRIMARY KEY (tx_id, ministry_id));
     CREATE TABLE ledger_lines (seq INTEGER PRIMARY KEY AUTOINCREMENT, tx_id TEXT NOT NULL, kind TEXT NOT NULL,
       account TEXT NOT NULL, debit_cents INTEGER NOT NULL, credit_cents INTEGER NOT NULL, posted_at TEXT NOT NULL);`,
    (db) => {
      for (const h of input.hub) {
        db.prepare('INSERT INTO hub_transactions VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          h.txId,
          h.kioskId,
          'vehicle-sticker-renewal',
          h.state,
          h.totalCents,
          0,
          h.totalCents,
        );
        for (const d of h.deliveries ?? []) {
          db.prepare('INSERT INTO hub_deliveries VALUES (?, ?, 0, ?, NULL)').run(h.txId, d.ministryId, d.status);
        }
        for (const l of h.ledger) {
          db.prepare(
            'INSERT INTO ledger_lines (tx_id, kind, account, debit_cents, credit_cents, posted_at) VALUES (?, ?, ?, ?, ?, ?)',
          ).run(h.txId, l.kind, l.account, l.debitCents, l.creditCents, '2026-11-29T15:00:00.000Z');
        }
      }
    },
  );
  for (const [kioskId, entries] of groupBy(input.journals, (j) => j.kioskId)) {
    create(
      path.join(dir, 'kiosks', `${kioskId}.transactions.db`),
      `CREATE TABLE transactions (tx_id TEXT PRIMARY KEY, service_id TEXT NOT NULL, state TEXT NOT NULL,
         total_cents INTEGER, receipt TEXT NOT NULL);`,
      (db) => {
        for (const j of entries) {
          db.prepare('INSERT INTO transactions VALUES (?, ?, ?, ?, ?)').run(
            j.txId,
            'vehicle-sticker-renewal',
            j.state,
            j.totalCents,
            'none',
          );
        }
      },
    );
  }
  for (const [kioskId, sales] of groupBy(input.terminals, (t) => t.kioskId)) {
    create(
      path.join(dir, 'terminals', `${kioskId}.db`),
      `CREATE TABLE terminal_records (seq INTEGER PRIMARY KEY AUTOINCREMENT, reference TEXT NOT NULL,
         state TEXT NOT NULL, result_code TEXT NOT NULL, amount_cents INTEGER NOT NULL, auth_code TEXT NOT NULL,
         brand TEXT NOT NULL, last4 TEXT NOT NULL, terminal_ref TEXT NOT NULL, batch INTEGER NOT NULL, at TEXT NOT NULL);
       CREATE TABLE terminal_batches (batch INTEGER PRIMARY KEY, count INTEGER NOT NULL, total_cents INTEGER NOT NULL,
         at TEXT NOT NULL);`,
      (db) => {
        const insert = db.prepare(
          `INSERT INTO terminal_records (reference, state, result_code, amount_cents, auth_code, brand, last4,
             terminal_ref, batch, at) VALUES (?, ?, ?, ?, '', 'VISA', '4242', 'T000001', 1, '2026-11-29T15:00:00.000Z')`,
        );
        for (const s of sales) {
          // A reversed sale was approved first: the batch keeps both state changes, the reader the latest.
          if (s.state === 'reversed') insert.run(s.txId, 'APPROVED', '000000', s.amountCents);
          insert.run(s.txId, s.state.toUpperCase(), s.state === 'declined' ? '000100' : '000000', s.amountCents);
        }
      },
    );
  }
  fs.mkdirSync(path.join(dir, 'kiosks'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'terminals'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'ministries'), { recursive: true });
  for (const [ministryId, records] of groupBy(input.ministries, (m) => m.ministryId)) {
    create(
      // As startMinistrySimulators lays them out: ministries/<system>/<system>.sqlite.
      path.join(dir, 'ministries', systemOf(ministryId), `${systemOf(ministryId)}.sqlite`),
      `CREATE TABLE records (client_reference TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
         subject TEXT NOT NULL, amount_cents INTEGER NOT NULL, data TEXT NOT NULL, created_at TEXT NOT NULL);`,
      (db) => {
        for (const m of records) {
          db.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)').run(
            m.txId,
            m.reference,
            'renewal',
            'subject-key',
            m.amountCents,
            '{}',
            '2026-11-29T15:00:00.000Z',
          );
        }
      },
    );
  }
}
