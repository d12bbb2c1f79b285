// What the fleet has heard of citizen transactions, for the demo's console: the kiosks' transaction.* telemetry
// (anonymous: outcome, amounts, reason codes) tallied per outcome, from the fleet's own database, read-only.
import { cents, formatCents, sumCents, type Cents } from '@guichet/shared';

export const TX_OUTCOMES = ['completed', 'declined', 'cancelled', 'voided'] as const;
export type TxOutcome = (typeof TX_OUTCOMES)[number];

export interface TransactionTally {
  counts: Record<TxOutcome, number>;
  /** Money the citizens of the completed transactions were charged. */
  chargedCents: Cents;
  /** Transactions a kiosk finished only after restarting (settled by its start-up recovery). */
  recovered: number;
}

/** Tallies telemetry records; kinds other than transaction.<outcome> are ignored. */
export function tallyTransactions(records: ReadonlyArray<{ kind: string; data: Record<string, unknown> }>) {
  const counts = Object.fromEntries(TX_OUTCOMES.map((o) => [o, 0])) as Record<TxOutcome, number>;
  const charged: Cents[] = [];
  let recovered = 0;
  for (const { kind, data } of records) {
    const outcome = kind.slice('transaction.'.length) as TxOutcome;
    if (!kind.startsWith('transaction.') || !TX_OUTCOMES.includes(outcome)) continue;
    counts[outcome]++;
    if (data.recovered === true) recovered++;
    if (outcome === 'completed' && data.charged === true && Number.isInteger(data.totalCents))
      charged.push(cents(data.totalCents as number));
  }
  return { counts, chargedCents: sumCents(charged), recovered } satisfies TransactionTally;
}

/** One console line, e.g. "12 completed ($1,234.56 charged), 2 declined, 1 cancelled, 0 voided". */
export function formatTally(tally: TransactionTally): string {
  const { counts } = tally;
  const total = TX_OUTCOMES.reduce((sum, o) => sum + counts[o], 0);
  if (total === 0) return 'none';
  return (
    `${counts.completed} completed (${formatCents(tally.chargedCents, 'en-CA')} charged), ` +
    `${counts.declined} declined, ${counts.cancelled} cancelled, ${counts.voided} voided` +
    (tally.recovered > 0 ? ` (${tally.recovered} settled after a kiosk restart)` : '')
  );
}

/** The part of the fleet database the summary reads (fleet-server/src/storage/database.ts, table telemetry). */
export interface TelemetryDb {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
}

/** The transaction telemetry the fleet received in [from, to). */
export function receivedTransactions(
  db: TelemetryDb,
  from: Date,
  to: Date,
): Array<{ kind: string; data: Record<string, unknown> }> {
  const rows = db
    .prepare(
      `SELECT kind, data FROM telemetry WHERE kind LIKE 'transaction.%' AND received_at >= ? AND received_at < ?`,
    )
    .all(from.toISOString(), to.toISOString()) as Array<{ kind: string; data: string }>;
  return rows.map((row) => ({ kind: row.kind, data: JSON.parse(row.data) as Record<string, unknown> }));
}
