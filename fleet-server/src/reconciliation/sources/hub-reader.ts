// Hub source: the fleet database's transaction hub and ledger (fleet-server/src/storage/hub-ledger-schema.ts:
// hub_transactions, hub_deliveries, ledger_lines), fleet.db. Ledger lines of an unknown transaction are bad input.
import { HubTransaction } from '../reconciliation-input';
import { badInput, parseRow, withSqlite } from './sqlite-source';

const SCHEMA = {
  hub_transactions: ['tx_id', 'kiosk_id', 'state', 'total_cents'],
  hub_deliveries: ['tx_id', 'ministry_id', 'status'],
  ledger_lines: ['seq', 'tx_id', 'kind', 'account', 'debit_cents', 'credit_cents'],
} as const;

interface Draft {
  kioskId: string;
  txId: string;
  state: string;
  totalCents: number;
  deliveries: { ministryId: string; status: string }[];
  ledger: { account: string; debitCents: number; creditCents: number; kind: string }[];
}

export function readHub(file: string): HubTransaction[] {
  return withSqlite(file, SCHEMA, (db) => {
    const byTx = new Map<string, Draft>();
    for (const row of db
      .prepare('SELECT tx_id, kiosk_id, state, total_cents FROM hub_transactions ORDER BY tx_id')
      .all() as { tx_id: string; kiosk_id: string; state: string; total_cents: number }[]) {
      byTx.set(row.tx_id, {
        kioskId: row.kiosk_id,
        txId: row.tx_id,
        state: row.state,
        totalCents: row.total_cents,
        deliveries: [],
        ledger: [],
      });
    }
    const owner = (txId: string, what: string): Draft => {
      const draft = byTx.get(txId);
      if (!draft) throw badInput(`${file}: ${what} of transaction ${txId}, which the hub does not hold`, { file });
      return draft;
    };
    for (const row of db
      .prepare('SELECT tx_id, ministry_id, status FROM hub_deliveries ORDER BY tx_id, ministry_id')
      .all() as { tx_id: string; ministry_id: string; status: string }[]) {
      owner(row.tx_id, 'a delivery').deliveries.push({ ministryId: row.ministry_id, status: row.status });
    }
    for (const row of db
      .prepare('SELECT tx_id, kind, account, debit_cents, credit_cents FROM ledger_lines ORDER BY seq')
      .all() as { tx_id: string; kind: string; account: string; debit_cents: number; credit_cents: number }[]) {
      owner(row.tx_id, 'a ledger line').ledger.push({
        account: row.account,
        debitCents: row.debit_cents,
        creditCents: row.credit_cents,
        kind: row.kind,
      });
    }
    return [...byTx.values()].map((draft) => parseRow(HubTransaction, draft, file, `transaction ${draft.txId}`));
  });
}
