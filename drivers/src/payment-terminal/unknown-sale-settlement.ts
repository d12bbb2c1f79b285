// How a sale whose outcome is unknown is settled so that the card holder is not charged (pure policy over the
// terminal's query and reversal): declined or already reversed settle it; an approval is reversed; a `not-found`
// or `busy` answer — the terminal may still be authorising — settles nothing until the authorisation window has
// passed, when the sale is reversed anyway (idempotent) and a reversal that finds nothing is final.
import type { ReversalResult, SaleResolution, TransactionStatus } from './payment-results';

export interface SettlementStep {
  reference: string;
  /** Time left of the authorisation window since the sale was sent (≤ 0: it has passed). */
  windowLeftMs: number;
  /** How long to ask the caller to wait before trying again. */
  retryMs: number;
  /** The transaction's state at the terminal, or `no-answer` when the query failed. */
  query: () => Promise<TransactionStatus['state'] | 'no-answer'>;
  /** Voids the reference; a failure counts as `unknown`. */
  reverse: () => Promise<ReversalResult['outcome']>;
  /** Called once when the sale is settled as not charged (for the log). */
  onSettled?: (finding: NotChargedFinding) => void;
}

type NotChargedFinding = Extract<SaleResolution, { outcome: 'not-charged' }>['finding'];
type RetryReason = Extract<SaleResolution, { outcome: 'retry-later' }>['reason'];

/** One settlement attempt: query, then reverse when the policy says so. */
export async function settleUnknownSale(step: SettlementStep): Promise<SaleResolution> {
  const { reference, windowLeftMs, retryMs } = step;
  const retryLater = (reason: RetryReason): SaleResolution => ({
    outcome: 'retry-later',
    reference,
    reason,
    retryAfterMs: windowLeftMs > 0 ? Math.min(retryMs, windowLeftMs) : retryMs,
  });
  const settled = (finding: NotChargedFinding): SaleResolution => {
    step.onSettled?.(finding);
    return { outcome: 'not-charged', reference, finding };
  };
  const state = await step.query();
  if (state === 'declined') return settled('declined');
  if (state === 'reversed') return settled('already-reversed');
  if (state !== 'approved' && windowLeftMs > 0) return retryLater(state);
  // Approved, or nothing conclusive and the window has passed: reverse anyway.
  switch (await step.reverse()) {
    case 'reversed':
      return settled('reversed');
    case 'not-found':
      return windowLeftMs > 0 ? retryLater('not-found') : settled('not-found-after-window');
    case 'refused':
      // A void refused for a sale the query called approved needs a person; otherwise it was declined.
      return state === 'approved' ? retryLater('reversal-refused') : settled('declined');
    case 'unknown':
      return retryLater('reversal-unknown');
  }
}
