// Terminal source: each kiosk's payment terminal batch (the simulator's TerminalRecords file,
// drivers/src/sim/payment-terminal/terminal-records.ts), terminals/<kioskId>.db, latest state per sale.
import { TerminalSale } from '../reconciliation-input';
import { listFiles, parseRow, stem, withSqlite } from './sqlite-source';

const SCHEMA = { terminal_records: ['seq', 'reference', 'state', 'amount_cents'] } as const;

interface Row {
  reference: string;
  state: string;
  amount_cents: number;
}

export function readTerminals(dir: string): TerminalSale[] {
  return listFiles(dir, ['.db']).flatMap((file) => {
    const kioskId = stem(file);
    return withSqlite(file, SCHEMA, (db) => {
      const latest = new Map<string, Row>();
      for (const row of db
        .prepare('SELECT reference, state, amount_cents FROM terminal_records ORDER BY seq')
        .all() as Row[]) {
        latest.set(row.reference, row);
      }
      return [...latest.values()].map((row) =>
        parseRow(
          TerminalSale,
          { kioskId, txId: row.reference, state: String(row.state).toLowerCase(), amountCents: row.amount_cents },
          file,
          `sale ${row.reference}`,
        ),
      );
    });
  });
}
