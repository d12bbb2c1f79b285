// What the payment terminal driver returns to the kiosk: typed results, brand and last 4 only, and an
// explicit `unknown` outcome whenever the terminal may have authorised without us hearing the answer.
import type { CardBrand, ResultMeaning } from './message-table';

export interface CardSummary {
  brand?: CardBrand;
  /** Last 4 digits of the PAN; the driver never receives more. */
  last4?: string;
}

export type SaleOutcome = 'approved' | 'declined' | 'unknown';

/**
 * Why an outcome is unknown (besides a result code the table does not know): no ACK after every attempt, no
 * answer in time, the port failed or closed once the terminal may have had the request, or the answer had a
 * field outside the message table (PAYMENT_MESSAGE_INVALID).
 */
export type UnknownReason = 'no-ack' | 'response-timeout' | 'link-lost' | 'invalid-answer';

/** Why a sale's outcome is unknown although the terminal answered: its approval was for another amount. */
export type SaleUnknownReason = UnknownReason | 'amount-mismatch';

export interface SaleResult extends CardSummary {
  outcome: SaleOutcome;
  reference: string;
  amountCents: number;
  authCode?: string;
  terminalReference?: string;
  /** Why it was declined, or why the outcome is unknown. */
  reason?: ResultMeaning | SaleUnknownReason;
  /** With reason `amount-mismatch`: the amount the terminal says it approved (the sale must be reversed). */
  terminalAmountCents?: number;
}

/**
 * What the terminal says of a reference. `approved`, `declined` and `reversed` are facts; `not-found` and `busy`
 * are **not**: a terminal still authorising a sale (card holder at the PIN pad, host not yet answered) may
 * answer either, and record an approval a moment later. After an `unknown` sale they mean "query again later,
 * then reverse anyway" (a reversal is idempotent) — which is what cancelUnknownSale() does.
 */
export type TransactionState = 'approved' | 'declined' | 'reversed' | 'not-found' | 'busy';

export interface TransactionStatus extends CardSummary {
  reference: string;
  state: TransactionState;
  amountCents?: number;
  authCode?: string;
  terminalReference?: string;
}

export type ReversalOutcome = 'reversed' | 'not-found' | 'refused' | 'unknown';

export interface ReversalResult {
  outcome: ReversalOutcome;
  reference: string;
  reason?: ResultMeaning | UnknownReason;
}

export interface BatchTotals {
  batchNumber: number;
  count: number;
  totalCents: number;
}

/**
 * Where the cancellation of an `unknown` sale stands (cancelUnknownSale). `not-charged` is final: the terminal
 * says it declined the sale, or it was reversed (before, or by this call), or — only once the terminal's
 * authorisation window has passed — a reversal found nothing to reverse. `retry-later` is not an answer about
 * the money: call again after `retryAfterMs`, until `not-charged`.
 */
export type SaleResolution =
  | {
      outcome: 'not-charged';
      reference: string;
      finding: 'declined' | 'already-reversed' | 'reversed' | 'not-found-after-window';
    }
  | {
      outcome: 'retry-later';
      reference: string;
      reason: 'busy' | 'not-found' | 'no-answer' | 'reversal-unknown' | 'reversal-refused';
      retryAfterMs: number;
    };
