// Kiosk journal source: each kiosk's transaction journal (kiosk/src/transaction/transaction-journal.ts, table
// `transactions`), kiosks/<kioskId>.transactions.db — the kiosks' data directory, where each kiosk also keeps
// its <kioskId>.outbox.db and <kioskId>.target.db, which are not read. Only the txId, state and total are read:
// the journal has nothing personal.
import path from 'node:path';
import { KioskJournalEntry } from '../reconciliation-input';
import { listFiles, parseRow, withSqlite } from './sqlite-source';

const SCHEMA = { transactions: ['tx_id', 'state', 'total_cents'] } as const;

/** The suffix of a kiosk's transaction journal (kiosk/src/transaction/kiosk-transactions.ts names it). */
export const JOURNAL_SUFFIX = '.transactions.db';

export function readKioskJournals(dir: string): KioskJournalEntry[] {
  return listFiles(dir, [JOURNAL_SUFFIX]).flatMap((file) => {
    const kioskId = path.basename(file).slice(0, -JOURNAL_SUFFIX.length);
    return withSqlite(file, SCHEMA, (db) =>
      (
        db.prepare('SELECT tx_id, state, total_cents FROM transactions ORDER BY tx_id').all() as {
          tx_id: string;
          state: string;
          total_cents: number | null;
        }[]
      ).map((row) =>
        parseRow(
          KioskJournalEntry,
          { kioskId, txId: row.tx_id, state: row.state, totalCents: row.total_cents },
          file,
          `transaction ${row.tx_id}`,
        ),
      ),
    );
  });
}
