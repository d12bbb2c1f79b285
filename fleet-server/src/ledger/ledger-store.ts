// The ledger's SQLite table (ledger_lines): append-only — triggers refuse UPDATE and DELETE, a correction is a
// reversal — with the queries reconciliation needs: lines of a transaction, balance per account, and every
// posting whose debits and credits differ (which the posting rules make impossible; the check proves it).
import type { Statement } from 'better-sqlite3';
import { GuichetError, cents, type Cents } from '@guichet/shared';
import type { Db } from '../storage/database';
import type { Account } from './accounts';
import { isBalanced, reversalOf, type LedgerLine, type PostingKind } from './posting-rules';

export interface StoredLedgerLine extends LedgerLine {
  seq: number;
  txId: string;
  kind: PostingKind;
  postedAt: string;
}

export interface AccountBalance {
  account: string;
  debitCents: Cents;
  creditCents: Cents;
  /** Debits minus credits. */
  netCents: Cents;
}

export interface UnbalancedPosting {
  txId: string;
  kind: PostingKind;
  debitCents: Cents;
  creditCents: Cents;
}

interface LineRow {
  seq: number;
  tx_id: string;
  kind: PostingKind;
  account: string;
  debit_cents: number;
  credit_cents: number;
  posted_at: string;
}

export class LedgerStore {
  private readonly insert: Statement;
  private readonly byTx: Statement;
  private readonly hasKind: Statement;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO ledger_lines (tx_id, kind, account, debit_cents, credit_cents, posted_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.byTx = db.prepare(`SELECT * FROM ledger_lines WHERE tx_id = ? ORDER BY seq`);
    this.hasKind = db.prepare(`SELECT 1 FROM ledger_lines WHERE tx_id = ? AND kind = ? LIMIT 1`);
  }

  /**
   * Appends one posting. Call it inside the SQLite transaction that records what the posting is for (the hub's
   * committed state), so both are durable together or neither is. A posting is refused unless it balances.
   */
  append(txId: string, kind: PostingKind, lines: readonly LedgerLine[], at: Date): void {
    if (!isBalanced(lines))
      throw new GuichetError('LEDGER_UNBALANCED', `posting ${kind} of ${txId} does not balance`, { details: { txId } });
    const postedAt = at.toISOString();
    this.db.transaction(() => {
      for (const l of lines) this.insert.run(txId, kind, l.account, l.debitCents, l.creditCents, postedAt);
    })();
  }

  hasPosting(txId: string, kind: PostingKind): boolean {
    return this.hasKind.get(txId, kind) !== undefined;
  }

  /** Posts the mirror of a transaction's capture, once; LEDGER_NOTHING_TO_REVERSE when there is no capture. */
  reverse(txId: string, at: Date): LedgerLine[] {
    const capture = this.linesFor(txId).filter((l) => l.kind === 'capture');
    if (capture.length === 0)
      throw new GuichetError('LEDGER_NOTHING_TO_REVERSE', `transaction ${txId} has no capture to reverse`);
    if (this.hasPosting(txId, 'reversal'))
      throw new GuichetError('LEDGER_ALREADY_REVERSED', `transaction ${txId} is already reversed`);
    const lines = reversalOf(capture);
    this.append(txId, 'reversal', lines, at);
    return lines;
  }

  linesFor(txId: string): StoredLedgerLine[] {
    return (this.byTx.all(txId) as LineRow[]).map((r) => ({
      seq: r.seq,
      txId: r.tx_id,
      kind: r.kind,
      account: r.account as Account,
      debitCents: cents(r.debit_cents),
      creditCents: cents(r.credit_cents),
      postedAt: r.posted_at,
    }));
  }

  /** Every account's totals, optionally over lines posted in [from, to). */
  balances(range: { from?: Date; to?: Date } = {}): AccountBalance[] {
    const rows = this.db
      .prepare(
        `SELECT account, SUM(debit_cents) AS debit, SUM(credit_cents) AS credit FROM ledger_lines
         WHERE posted_at >= ? AND posted_at < ? GROUP BY account ORDER BY account`,
      )
      .all(range.from?.toISOString() ?? '', range.to?.toISOString() ?? '\uffff') as {
      account: string;
      debit: number;
      credit: number;
    }[];
    return rows.map((r) => ({
      account: r.account,
      debitCents: cents(r.debit),
      creditCents: cents(r.credit),
      netCents: cents(r.debit - r.credit),
    }));
  }

  balanceOf(account: Account): AccountBalance {
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(debit_cents), 0) AS debit, COALESCE(SUM(credit_cents), 0) AS credit
         FROM ledger_lines WHERE account = ?`,
      )
      .get(account) as { debit: number; credit: number };
    return {
      account,
      debitCents: cents(row.debit),
      creditCents: cents(row.credit),
      netCents: cents(row.debit - row.credit),
    };
  }

  /** Postings whose debits and credits differ: always empty unless the table was written around this class. */
  unbalanced(): UnbalancedPosting[] {
    const rows = this.db
      .prepare(
        `SELECT tx_id, kind, SUM(debit_cents) AS debit, SUM(credit_cents) AS credit FROM ledger_lines
         GROUP BY tx_id, kind HAVING SUM(debit_cents) <> SUM(credit_cents) ORDER BY tx_id, kind`,
      )
      .all() as { tx_id: string; kind: PostingKind; debit: number; credit: number }[];
    return rows.map((r) => ({ txId: r.tx_id, kind: r.kind, debitCents: cents(r.debit), creditCents: cents(r.credit) }));
  }
}
