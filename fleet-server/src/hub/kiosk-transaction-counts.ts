// A kiosk's transactions at the hub by state, for its page in the console (counts only: no amounts, no details).
import type { Db } from '../storage/database';
import { TRANSACTION_DAYS, type TransactionCounts } from '../telemetry/kiosk-activity';

export function kioskTransactionCounts(db: Db, kioskId: string, now: Date): TransactionCounts {
  const since = new Date(now.getTime() - TRANSACTION_DAYS * 86_400_000).toISOString();
  const rows = db
    .prepare('SELECT state, COUNT(*) AS n FROM hub_transactions WHERE kiosk_id = ? AND quoted_at >= ? GROUP BY state')
    .all(kioskId, since) as Array<{ state: string; n: number }>;
  const count = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
  return {
    days: TRANSACTION_DAYS,
    committed: count('committed'),
    cancelled: count('cancelled'),
    refused: count('refused'),
    inProgress: count('quoted') + count('committing'),
  };
}
