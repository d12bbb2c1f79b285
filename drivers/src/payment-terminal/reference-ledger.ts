// What this driver did with each sale reference: the amount it was used for, when its sale was last sent, its
// final result, and whether a reversal was asked. One reference is one sale of one amount: a retry may repeat it
// (idempotent), never change or revive it. Bounded: the oldest references are forgotten past `capacity`.
import { GuichetError } from '@guichet/shared';
import type { SaleResult } from './payment-results';

export interface ReferenceRecord {
  amountCents?: number;
  /** When the sale request was last sent (ms since the epoch): the start of its authorisation window. */
  saleSentAtMs?: number;
  result?: SaleResult;
  reversalRequested?: boolean;
}

/** References remembered for idempotency and reuse checks (weeks of sales). */
export const REMEMBERED_REFERENCES = 10_000;

export class ReferenceLedger {
  private readonly records = new Map<string, ReferenceRecord>();

  constructor(private readonly capacity = REMEMBERED_REFERENCES) {}

  get(reference: string): ReferenceRecord | undefined {
    return this.records.get(reference);
  }

  /** Merges `update` into the reference's record (an `undefined` field clears it). */
  remember(reference: string, update: ReferenceRecord): void {
    this.records.set(reference, { ...this.records.get(reference), ...update });
    if (this.records.size > this.capacity) this.records.delete(this.records.keys().next().value as string);
  }

  /**
   * Checks a sale of `amountCents` for `reference` against what was done with it: throws
   * PAYMENT_REFERENCE_REUSED for a reversed reference or another amount, returns the final result of a sale
   * already finished (answer it again, do not charge twice), or undefined for a sale to send.
   */
  saleToRepeat(reference: string, amountCents: number): SaleResult | undefined {
    const known = this.records.get(reference);
    if (known?.reversalRequested)
      throw new GuichetError(
        'PAYMENT_REFERENCE_REUSED',
        'this reference was reversed; a new sale needs a new reference',
        { details: { reference } },
      );
    if (known?.amountCents !== undefined && known.amountCents !== amountCents)
      throw new GuichetError(
        'PAYMENT_REFERENCE_REUSED',
        'this reference was already used for a sale of another amount',
        { details: { reference, amountCents: known.amountCents } },
      );
    return known?.result;
  }
}
