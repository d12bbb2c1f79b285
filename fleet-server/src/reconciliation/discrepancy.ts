// What the reconciliation reports: one discrepancy per problem (a stable kind, a stable reason, the txId and
// the amounts that disagree, never personal data), the transactions still in flight, and per-source totals.
import { z } from 'zod';
import { CentsSchema, MinistryId, TxId } from '@guichet/shared';

export const DiscrepancyKind = z.enum([
  'charged-not-delivered',
  'delivered-not-charged',
  'charged-twice',
  'unbalanced-postings',
  /** A committed transaction, nothing charged (a free service), whose done delivery the ministry has no record of. */
  'delivery-missing',
  /** A committed transaction one of whose ministries refused its part (a fan-out partly delivered). */
  'delivery-refused',
  'in-flight',
]);
export type DiscrepancyKind = z.infer<typeof DiscrepancyKind>;

/** Why, within a kind: stable codes a script or a crash test can match on. */
export const DiscrepancyReason = z.enum([
  // charged-not-delivered
  'hub-not-committed',
  'no-ministry-record',
  // delivered-not-charged
  'no-approved-sale',
  // charged-twice
  'two-approved-sales',
  'amount-mismatch',
  // unbalanced-postings
  'debits-not-credits',
  'clearing-not-terminal',
  'payable-not-ministry',
  // delivery-missing
  'delivered-not-on-file',
  // delivery-refused
  'ministry-refused',
  // in-flight
  'kiosk-in-flight',
  'hub-committing',
  'delivery-queued',
]);
export type DiscrepancyReason = z.infer<typeof DiscrepancyReason>;

export const Discrepancy = z.object({
  kind: DiscrepancyKind,
  reason: DiscrepancyReason,
  txId: TxId,
  /** The kiosk the transaction belongs to (hub, else journal, else terminal), null if no source says. */
  kioskId: z.string().nullable(),
  ministryId: MinistryId.optional(),
  /** The state behind the finding (the hub's, the kiosk's or the ledger posting kind). */
  state: z.string().optional(),
  /** Captured on the card: approved and not reversed. */
  terminalCents: CentsSchema.optional(),
  /** Number of approved sales (charged-twice). */
  sales: z.int().optional(),
  hubCents: CentsSchema.optional(),
  debitCents: CentsSchema.optional(),
  creditCents: CentsSchema.optional(),
  /** Net of the ledger's account in question (card-clearing or a ministry payable). */
  ledgerCents: CentsSchema.optional(),
  ministryCents: CentsSchema.optional(),
});
export type Discrepancy = z.infer<typeof Discrepancy>;

export const ReconciliationSummary = z.object({
  transactions: z.int(),
  terminals: z.object({
    sales: z.int(),
    approved: z.int(),
    declined: z.int(),
    reversed: z.int(),
    capturedCents: CentsSchema,
  }),
  journals: z.object({ transactions: z.int(), completed: z.int(), inFlight: z.int(), completedCents: CentsSchema }),
  hub: z.object({
    transactions: z.int(),
    committed: z.int(),
    committedCents: CentsSchema,
    debitCents: CentsSchema,
    creditCents: CentsSchema,
  }),
  ministries: z.object({ records: z.int(), amountCents: CentsSchema }),
  discrepancies: z.record(DiscrepancyKind, z.int()),
  inFlight: z.int(),
  clean: z.boolean(),
});
export type ReconciliationSummary = z.infer<typeof ReconciliationSummary>;

export interface ReconciliationReport {
  /** Errors: money or postings that do not agree. */
  discrepancies: Discrepancy[];
  /** Transactions not yet resolved (kind in-flight): errors unless in flight is allowed. */
  inFlight: Discrepancy[];
  summary: ReconciliationSummary;
}
