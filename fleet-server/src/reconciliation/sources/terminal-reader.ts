// Terminal source: each kiosk's payment terminal batch (the simulator's TerminalRecords file,
// drivers/src/sim/payment-terminal/terminal-records.ts), terminals/<kioskId>.db, one sale per charge: every
// APPROVED row is a charge of its own (a reference approved twice, or again after a reversal, was charged twice),
// a REVERSED row reverses the latest charge still standing, a DECLINED row is a declined attempt.
import { TerminalSale } from '../reconciliation-input';
import { listFiles, parseRow, stem, withSqlite } from './sqlite-source';

const SCHEMA = { terminal_records: ['seq', 'reference', 'state', 'amount_cents'] } as const;

interface Row {
  reference: string;
  state: string;
  amount_cents: number;
}

interface Sale {
  reference: string;
  state: string;
  amountCents: number;
}

/** The terminal's state changes, in order, as sales: one per approval or decline, reversals applied. */
function salesFromRows(rows: readonly Row[]): Sale[] {
  const sales: Sale[] = [];
  for (const row of rows) {
    const state = String(row.state).toLowerCase();
    if (state === 'reversed') {
      const standing = sales.findLast((s) => s.reference === row.reference && s.state === 'approved');
      if (standing) {
        standing.state = 'reversed';
        continue;
      }
    }
    sales.push({ reference: row.reference, state, amountCents: row.amount_cents });
  }
  return sales;
}

export function readTerminals(dir: string): TerminalSale[] {
  return listFiles(dir, ['.db']).flatMap((file) => {
    const kioskId = stem(file);
    return withSqlite(file, SCHEMA, (db) => {
      const rows = db
        .prepare('SELECT reference, state, amount_cents FROM terminal_records ORDER BY seq')
        .all() as Row[];
      return salesFromRows(rows).map((sale) =>
        parseRow(
          TerminalSale,
          { kioskId, txId: sale.reference, state: sale.state, amountCents: sale.amountCents },
          file,
          `sale ${sale.reference}`,
        ),
      );
    });
  });
}
