// Ministry of the Attorney General — provincial offences (POA) payment API v2: REST with proper status codes,
// amounts in integer cents, an Idempotency-Key header on payments. Offence numbers: 4 digits, a letter, 8 digits.
import { findTicket, pay, type FinesContext } from '../ledger';
import { field, type Exchange, type Reply } from './http-exchange';

const OFFENCE_NUMBER = /^\d{4}[A-Z]\d{8}$/;
const error = (status: number, code: string, message: string): Reply => ({
  status,
  json: { error: { code, message } },
});

function payment(record: {
  reference: string;
  subject: string;
  amountCents: number;
  createdAt: string;
  clientReference: string;
}) {
  return {
    paymentId: record.reference,
    offenceNumber: record.subject,
    amountCents: record.amountCents,
    idempotencyKey: record.clientReference,
    receivedAt: record.createdAt,
  };
}

export function attorneyGeneralRoutes(ex: Exchange, ctx: FinesContext): Reply {
  const offence = /^\/poa\/v2\/offences\/([^/]+)$/.exec(ex.path);
  if (offence && ex.method === 'GET') {
    const number = decodeURIComponent(offence[1] ?? '');
    if (!OFFENCE_NUMBER.test(number))
      return error(400, 'INVALID_OFFENCE_NUMBER', 'offence number format is 9999A99999999');
    if (ctx.rejects !== undefined) return error(422, ctx.rejects, 'request refused');
    const state = findTicket(ctx, number);
    if (!state) return error(404, 'OFFENCE_NOT_FOUND', 'no offence with that number');
    return {
      status: 200,
      json: {
        offenceNumber: number,
        status: state.status,
        amountDueCents: state.status === 'PAID' ? 0 : state.ticket.amountDueCents,
        offenceDescription: state.ticket.offence,
      },
    };
  }
  const payments = /^\/poa\/v2\/offences\/([^/]+)\/payments$/.exec(ex.path);
  if (payments && ex.method === 'POST') {
    const key = ex.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length < 8 || key.length > 64)
      return error(400, 'IDEMPOTENCY_KEY_REQUIRED', 'an Idempotency-Key header is required');
    const amountCents = field(ex.body, 'amountCents');
    if (typeof amountCents !== 'number' || !Number.isSafeInteger(amountCents) || amountCents <= 0)
      return error(400, 'INVALID_AMOUNT', 'amountCents must be a positive integer');
    const result = pay(
      ctx,
      { ticketNumber: decodeURIComponent(payments[1] ?? ''), amountCents, clientReference: key },
      (n) => `POA-${String(n).padStart(7, '0')}`,
    );
    switch (result.kind) {
      case 'paid':
        return {
          status: result.replayed ? 200 : 201,
          json: payment(result.record),
          headers: result.replayed ? { 'idempotent-replayed': 'true' } : {},
        };
      case 'not-found':
        return error(404, 'OFFENCE_NOT_FOUND', 'no offence with that number');
      case 'already-paid':
        return error(409, 'ALREADY_PAID', 'the offence has no amount due');
      case 'in-collections':
        return error(409, 'IN_COLLECTIONS', 'the fine is in default and with a collection agency');
      case 'amount-mismatch':
        return error(422, 'AMOUNT_MISMATCH', 'amountCents differs from the amount due');
      case 'rejected':
        return error(422, result.code, 'payment refused');
    }
  }
  if (ex.path === '/poa/v2/payments' && ex.method === 'GET') {
    const key = ex.query.get('idempotencyKey');
    if (!key) return error(400, 'IDEMPOTENCY_KEY_REQUIRED', 'idempotencyKey query parameter is required');
    const found = ctx.store.byClientReference(key);
    return { status: 200, json: { payments: found ? [payment(found)] : [] } };
  }
  return error(404, 'NOT_FOUND', 'no such resource');
}
