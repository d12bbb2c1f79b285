// Test data of the hub's tests: transaction ids, citizen details per service, and ministry scripts that
// decide validation the way the real systems would (northern plates pay the northern sticker price; a ticket
// has an amount due).
import type { TxCommitRequest, TxDetails, TxPayment } from '@guichet/shared';
import { TxDetails as TxDetailsSchema, cents } from '@guichet/shared';
import type { ScriptedMinistryOptions } from './scripted-ministry';

export const txId = (n: number): string => `01JDKQ${String(n).padStart(14, '0')}`;

export const sticker = (plate = 'CBXR 123'): TxDetails =>
  TxDetailsSchema.parse({ serviceId: 'vehicle-sticker-renewal', plate, licenceNumber: 'D6101-40706-60905' });

export const ticket = (ticketNumber = 'OTT-4471902'): TxDetails =>
  TxDetailsSchema.parse({ serviceId: 'fines-and-parking-tickets', issuer: 'city-ottawa', ticketNumber });

export const changeOfAddress = (withOutdoorsCard = true): TxDetails =>
  TxDetailsSchema.parse({
    serviceId: 'change-of-address',
    licenceNumber: 'D6101-40706-60905',
    healthCardNumber: '9876543210 AB',
    ...(withOutdoorsCard ? { outdoorsCardNumber: '708158 123456789' } : {}),
    newAddress: { street: '12 Rideau Street', city: 'Ottawa', province: 'ON', postalCode: 'k1n 5y3' },
  });

export const PERSONAL_STRINGS = ['D61014070660905', '9876543210', '708158123456789', 'Rideau', 'K1N5Y3', 'CBXR'];

export const payment: TxPayment = { brand: 'visa', last4: '4242', authCode: 'A1B2C3', terminalReference: 'T-0042' };

export const commitOf = (id: string, totalCents: number, details: TxDetails): TxCommitRequest => ({
  txId: id,
  totalCents: cents(totalCents),
  ...(totalCents > 0 ? { payment } : {}),
  details,
});

export const MINISTRY_SCRIPTS: Record<'transportation' | 'city-ottawa', ScriptedMinistryOptions> = {
  transportation: {
    validate: (request) =>
      request.details.serviceId === 'vehicle-sticker-renewal'
        ? {
            outcome: 'valid',
            priceVariant: request.details.plate.startsWith('N') ? 'northern-ontario' : 'southern-ontario',
            lines: [{ label: 'tx.new-expiry', value: '2027-11-30' }],
          }
        : { outcome: 'valid', lines: [] },
    commitLines: () => [{ label: 'tx.sticker-number', value: 'S-7781234' }],
  },
  'city-ottawa': {
    validate: (request) =>
      request.details.serviceId === 'fines-and-parking-tickets' && request.details.ticketNumber === 'OTT-4471902'
        ? { outcome: 'valid', amountDueCents: cents(5000), lines: [{ label: 'tx.ticket-date', value: '2026-10-02' }] }
        : { outcome: 'refused', code: 'TICKET_NOT_FOUND', message: 'no such ticket' },
  },
};
