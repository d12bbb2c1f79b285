// Pure double-entry posting rules for a captured transaction: debit card-clearing with the total, credit each
// ministry with its service amount and each fee party with its share. A reversal is the mirror image. Every
// set of lines balances, or the rules refuse to produce it (LEDGER_UNBALANCED).
import type { Cents, MinistryId, SplitPart } from '@guichet/shared';
import { GuichetError, cents } from '@guichet/shared';
import { CARD_CLEARING, feeAccount, ministryPayable, type Account } from './accounts';

export type PostingKind = 'capture' | 'reversal';

export interface LedgerLine {
  account: Account;
  debitCents: Cents;
  creditCents: Cents;
}

/** What the rules need of a committed transaction: its total and where each cent of it goes. */
export interface CapturedTransaction {
  txId: string;
  totalCents: Cents;
  ministryAmounts: readonly { ministryId: MinistryId; cents: Cents }[];
  feeSplit: readonly SplitPart[];
}

const line = (account: Account, debit: number, credit: number): LedgerLine => ({
  account,
  debitCents: cents(debit),
  creditCents: cents(credit),
});

/** The capture lines of a committed transaction; zero amounts post no line (a free service posts nothing). */
export function postingsFor(tx: CapturedTransaction): LedgerLine[] {
  const parts = [
    ...tx.ministryAmounts.map((m) => ({ account: ministryPayable(m.ministryId), cents: m.cents })),
    ...tx.feeSplit.map((p) => ({ account: feeAccount(p.party), cents: p.cents })),
  ];
  const negative = parts.find((p) => p.cents < 0);
  if (tx.totalCents < 0 || negative) {
    throw new GuichetError('LEDGER_NEGATIVE_AMOUNT', `transaction ${tx.txId} has a negative amount to post`, {
      details: { txId: tx.txId },
    });
  }
  const credited = parts.reduce((sum, p) => sum + p.cents, 0);
  if (credited !== tx.totalCents) {
    throw new GuichetError(
      'LEDGER_UNBALANCED',
      `transaction ${tx.txId}: the parts add up to ${credited} cents, not the total of ${tx.totalCents}`,
      { details: { txId: tx.txId, totalCents: tx.totalCents, credited } },
    );
  }
  // One line per account: two parts for one account (never expected) are summed rather than refused.
  const byAccount = new Map<Account, number>();
  for (const p of parts) byAccount.set(p.account, (byAccount.get(p.account) ?? 0) + p.cents);
  const lines: LedgerLine[] = [];
  if (tx.totalCents > 0) lines.push(line(CARD_CLEARING, tx.totalCents, 0));
  for (const [account, amount] of byAccount) if (amount > 0) lines.push(line(account, 0, amount));
  return lines;
}

/** The lines that undo a posting: every debit becomes a credit and every credit a debit. */
export function reversalOf(lines: readonly LedgerLine[]): LedgerLine[] {
  return lines.map((l) => line(l.account, l.creditCents, l.debitCents));
}

export function isBalanced(lines: readonly LedgerLine[]): boolean {
  const debit = lines.reduce((sum, l) => sum + l.debitCents, 0);
  const credit = lines.reduce((sum, l) => sum + l.creditCents, 0);
  return debit === credit;
}
