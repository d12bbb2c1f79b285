// A clean day of the four sources, for the reconciliation tests: a paid sticker renewal, a free change of
// address fanned out to three ministries, a declined card, a sale voided after the ministry refused, and an
// abandoned quote. Tests break one thing at a time and expect exactly the finding it causes.
import type { ReconciliationInput } from './reconciliation-input';

const txId = (n: number): string => `01JDX${String(n).padStart(15, '0')}`;

export const TX = {
  sticker: txId(1),
  address: txId(2),
  declined: txId(3),
  refused: txId(4),
  abandoned: txId(5),
  stray: txId(6),
} as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function cleanDay(): Mutable<ReconciliationInput> {
  return {
    terminals: [
      { kioskId: 'K-OTTAWA-01', txId: TX.sticker, state: 'approved', amountCents: 13000 },
      { kioskId: 'K-OTTAWA-01', txId: TX.declined, state: 'declined', amountCents: 4600 },
      { kioskId: 'K-OTTAWA-01', txId: TX.refused, state: 'reversed', amountCents: 2600 },
    ],
    journals: [
      { kioskId: 'K-OTTAWA-01', txId: TX.sticker, state: 'completed', totalCents: 13000 },
      { kioskId: 'K-TORONTO-03', txId: TX.address, state: 'completed', totalCents: 0 },
      { kioskId: 'K-OTTAWA-01', txId: TX.declined, state: 'declined', totalCents: 4600 },
      { kioskId: 'K-OTTAWA-01', txId: TX.refused, state: 'voided', totalCents: 2600 },
      { kioskId: 'K-TORONTO-03', txId: TX.abandoned, state: 'cancelled', totalCents: 4600 },
    ],
    hub: [
      {
        kioskId: 'K-OTTAWA-01',
        txId: TX.sticker,
        state: 'committed',
        totalCents: 13000,
        deliveries: [{ ministryId: 'transportation', status: 'done' }],
        ledger: [
          { account: 'card-clearing', debitCents: 13000, creditCents: 0, kind: 'capture' },
          { account: 'ministry-payable:transportation', debitCents: 0, creditCents: 12900, kind: 'capture' },
          { account: 'fee:province', debitCents: 0, creditCents: 50, kind: 'capture' },
          { account: 'fee:contractor', debitCents: 0, creditCents: 50, kind: 'capture' },
        ],
      },
      {
        kioskId: 'K-TORONTO-03',
        txId: TX.address,
        state: 'committed',
        totalCents: 0,
        deliveries: [
          { ministryId: 'transportation', status: 'done' },
          { ministryId: 'health', status: 'done' },
          { ministryId: 'natural-resources', status: 'done' },
        ],
        ledger: [],
      },
      { kioskId: 'K-OTTAWA-01', txId: TX.declined, state: 'cancelled', totalCents: 4600, ledger: [] },
      { kioskId: 'K-OTTAWA-01', txId: TX.refused, state: 'refused', totalCents: 2600, ledger: [] },
      { kioskId: 'K-TORONTO-03', txId: TX.abandoned, state: 'quoted', totalCents: 4600, ledger: [] },
    ],
    ministries: [
      { ministryId: 'transportation', txId: TX.sticker, amountCents: 12900, reference: 'MTO-000001' },
      { ministryId: 'transportation', txId: TX.address, amountCents: 0, reference: 'MTO-000002' },
      { ministryId: 'health', txId: TX.address, amountCents: 0, reference: 'MOH-CA-1' },
      { ministryId: 'natural-resources', txId: TX.address, amountCents: 0, reference: 'MNR-1' },
    ],
  };
}
