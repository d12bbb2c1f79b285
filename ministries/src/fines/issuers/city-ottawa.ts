// City of Ottawa parking service: RPC-style POSTs with PascalCase JSON, and — the legacy quirk — errors as
// HTTP 200 with Result "ERROR" and an E-code. Amounts in integer cents. Ticket numbers: 10 digits.
import { findTicket, pay, type FinesContext } from '../ledger';
import { field, type Exchange, type Reply } from './http-exchange';

const BASE = '/ottawa/ParkingService/v1';
const TICKET_NUMBER = /^\d{10}$/;
const failure = (code: string, text: string): Reply => ({
  status: 200,
  json: { Result: 'ERROR', ErrorCode: code, ErrorText: text },
});

export function cityOttawaRoutes(ex: Exchange, ctx: FinesContext): Reply {
  if (ex.method !== 'POST')
    return { status: 405, json: { Result: 'ERROR', ErrorCode: 'E000', ErrorText: 'METHOD NOT ALLOWED' } };
  switch (ex.path) {
    case `${BASE}/TicketInquiry`: {
      const number = field(ex.body, 'TicketNo');
      if (typeof number !== 'string' || !TICKET_NUMBER.test(number)) return failure('E101', 'INVALID TICKET NUMBER');
      if (ctx.rejects !== undefined) return failure(ctx.rejects, 'REQUEST REJECTED');
      const state = findTicket(ctx, number);
      if (!state) return failure('E102', 'TICKET NOT FOUND');
      return {
        status: 200,
        json: {
          Result: 'OK',
          Ticket: {
            TicketNo: number,
            Status: state.status === 'PAID' ? 'PAID' : 'UNPAID',
            AmountOwingCents: state.status === 'PAID' ? 0 : state.ticket.amountDueCents,
            Description: state.ticket.offence,
          },
        },
      };
    }
    case `${BASE}/Payment`: {
      const number = field(ex.body, 'TicketNo');
      const amount = field(ex.body, 'AmountPaidCents');
      const reference = field(ex.body, 'ExternalRef');
      if (typeof number !== 'string' || !TICKET_NUMBER.test(number)) return failure('E101', 'INVALID TICKET NUMBER');
      if (typeof reference !== 'string' || reference === '') return failure('E103', 'EXTERNAL REFERENCE REQUIRED');
      if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) return failure('E202', 'AMOUNT INVALID');
      const result = pay(
        ctx,
        { ticketNumber: number, amountCents: amount, clientReference: reference },
        (n) => `OTT${ctx.today.getUTCFullYear() % 100}-${String(n).padStart(6, '0')}`,
      );
      switch (result.kind) {
        case 'paid':
          return { status: 200, json: { Result: 'OK', ConfirmationNo: result.record.reference } };
        case 'not-found':
          return failure('E102', 'TICKET NOT FOUND');
        case 'already-paid':
        case 'in-collections':
          return failure('E201', 'TICKET ALREADY PAID');
        case 'amount-mismatch':
          return failure('E202', 'AMOUNT DOES NOT MATCH AMOUNT OWING');
        case 'rejected':
          return failure(result.code, 'PAYMENT REJECTED');
      }
      break;
    }
    case `${BASE}/PaymentInquiry`: {
      const reference = field(ex.body, 'ExternalRef');
      if (typeof reference !== 'string' || reference === '') return failure('E103', 'EXTERNAL REFERENCE REQUIRED');
      const found = ctx.store.byClientReference(reference);
      return found
        ? { status: 200, json: { Result: 'OK', ConfirmationNo: found.reference, TicketNo: found.subject } }
        : failure('E301', 'NO PAYMENT FOR REFERENCE');
    }
  }
  return { status: 404, json: { Result: 'ERROR', ErrorCode: 'E000', ErrorText: 'NOT FOUND' } };
}
