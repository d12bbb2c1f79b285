// What the daily reconciliation compares: each source's records normalized to one shape, keyed by the
// transaction id (the terminal's sale reference = the hub's idempotency key = the ministry's client reference).
// Readers (sources/) turn each system's files into these; the core (reconcile.ts) never touches a file.
import { z } from 'zod';
import { MinistryId, NonNegativeCentsSchema, TxId } from '@guichet/shared';

export const KioskId = z.string().min(1).max(64);

/** One charge (or declined attempt) as the kiosk's payment terminal recorded it: approved, or reversed since. */
export const TerminalSale = z.object({
  kioskId: KioskId,
  txId: TxId,
  state: z.enum(['approved', 'declined', 'reversed']),
  amountCents: NonNegativeCentsSchema,
});
export type TerminalSale = z.infer<typeof TerminalSale>;

/** States a kiosk transaction ends in; any other journal state is still in flight. */
export const KIOSK_FINAL_STATES = ['completed', 'declined', 'cancelled', 'voided'] as const;

/** One transaction as the kiosk's journal holds it. */
export const KioskJournalEntry = z.object({
  kioskId: KioskId,
  txId: TxId,
  /** The kiosk's state (completed, voided, cancelled, declined, or an in-flight one such as paying, committing). */
  state: z.string().min(1),
  /** Absent before the hub quoted. */
  totalCents: NonNegativeCentsSchema.nullable(),
});
export type KioskJournalEntry = z.infer<typeof KioskJournalEntry>;

export const LedgerLineEntry = z.object({
  account: z.string().min(1),
  debitCents: NonNegativeCentsSchema,
  creditCents: NonNegativeCentsSchema,
  kind: z.enum(['capture', 'reversal']),
});
export type LedgerLineEntry = z.infer<typeof LedgerLineEntry>;

/** One ministry's part of a hub transaction, as the hub tracks its delivery. */
export const HubDelivery = z.object({
  ministryId: MinistryId,
  status: z.enum(['pending', 'done', 'queued', 'refused']),
});
export type HubDelivery = z.infer<typeof HubDelivery>;

/** One transaction as the fleet's transaction hub holds it, with its ledger lines. */
export const HubTransaction = z.object({
  kioskId: KioskId,
  txId: TxId,
  state: z.enum(['quoted', 'committing', 'committed', 'cancelled', 'refused']),
  totalCents: NonNegativeCentsSchema,
  deliveries: z.array(HubDelivery).default([]),
  ledger: z.array(LedgerLineEntry),
});
export type HubTransaction = z.infer<typeof HubTransaction>;

/** What one ministry's system recorded for a transaction (its client reference is the txId). */
export const MinistryEntry = z.object({
  ministryId: MinistryId,
  txId: TxId,
  amountCents: NonNegativeCentsSchema,
  reference: z.string().min(1),
});
export type MinistryEntry = z.infer<typeof MinistryEntry>;

export const ReconciliationInput = z.object({
  terminals: z.array(TerminalSale),
  journals: z.array(KioskJournalEntry),
  hub: z.array(HubTransaction),
  ministries: z.array(MinistryEntry),
});
export type ReconciliationInput = z.input<typeof ReconciliationInput>;
export type ParsedReconciliationInput = z.infer<typeof ReconciliationInput>;
