// Kiosk journal source: each kiosk's transaction journal (kiosk/src/transaction/transaction-journal.ts, table
// `transactions`), kiosks/<kioskId>.db. Only the txId, state and total are read: the journal has nothing personal.
import { KioskJournalEntry } from '../reconciliation-input';
import { listFiles, parseRow, stem, withSqlite } from './sqlite-source';

const SCHEMA = { transactions: ['tx_id', 'state', 'total_cents'] } as const;

export function readKioskJournals(dir: string): KioskJournalEntry[] {
  return listFiles(dir, ['.db']).flatMap((file) => {
    const kioskId = stem(file);
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
