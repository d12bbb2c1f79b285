// City of Toronto parking tag API: snake_case JSON, balances as decimal strings ("45.00"), client_reference in
// the body for idempotency, 400 for most refusals. Tag numbers: PT + 8 digits.
import { parseDollars } from '@guichet/shared';
import { decimalFromCents, findTicket, pay, type FinesContext } from '../ledger';
import { field, type Exchange, type Reply } from './http-exchange';

const TAG_NUMBER = /^PT\d{8}$/;
const problem = (status: number, reason: string, message: string): Reply => ({ status, json: { message, reason } });

function receipt(record: {
  reference: string;
  subject: string;
  amountCents: number;
  createdAt: string;
  clientReference: string;
}) {
  return {
    receipt_no: record.reference,
    tag_number: record.subject,
    paid: decimalFromCents(record.amountCents),
    client_reference: record.clientReference,
    paid_at: record.createdAt,
  };
}

export function cityTorontoRoutes(ex: Exchange, ctx: FinesContext): Reply {
  const tag = /^\/api\/parking\/tags\/([^/]+)$/.exec(ex.path);
  if (tag && ex.method === 'GET') {
    const number = decodeURIComponent(tag[1] ?? '');
    if (!TAG_NUMBER.test(number)) return problem(400, 'tag_number', 'Invalid tag number');
    if (ctx.rejects !== undefined) return problem(400, ctx.rejects, 'Request rejected');
    const state = findTicket(ctx, number);
    if (!state) return problem(404, 'not_found', 'Tag not found');
    return {
      status: 200,
      json: {
        tag_number: number,
        state: state.status === 'PAID' ? 'closed' : 'open',
        balance: decimalFromCents(state.status === 'PAID' ? 0 : state.ticket.amountDueCents),
        infraction: state.ticket.offence,
      },
    };
  }
  const payTag = /^\/api\/parking\/tags\/([^/]+)\/pay$/.exec(ex.path);
  if (payTag && ex.method === 'POST') {
    const reference = field(ex.body, 'client_reference');
    const amount = field(ex.body, 'amount');
    if (typeof reference !== 'string' || reference === '')
      return problem(400, 'client_reference', 'client_reference is required');
    let amountCents: number;
    try {
      amountCents = parseDollars(typeof amount === 'string' ? amount : '');
    } catch {
      return problem(400, 'amount', 'amount must be a decimal string like "45.00"');
    }
    const result = pay(
      ctx,
      { ticketNumber: decodeURIComponent(payTag[1] ?? ''), amountCents, clientReference: reference },
      (n) => `TOR${String(n).padStart(8, '0')}`,
    );
    switch (result.kind) {
      case 'paid':
        return { status: 200, json: receipt(result.record) };
      case 'not-found':
        return problem(404, 'not_found', 'Tag not found');
      case 'already-paid':
      case 'in-collections':
        return problem(409, 'closed', 'Tag already paid or closed');
      case 'amount-mismatch':
        return problem(400, 'amount', 'amount does not match balance');
      case 'rejected':
        return problem(400, result.code, 'Payment rejected');
    }
  }
  const byReference = /^\/api\/parking\/payments\/by-reference\/([^/]+)$/.exec(ex.path);
  if (byReference && ex.method === 'GET') {
    const found = ctx.store.byClientReference(decodeURIComponent(byReference[1] ?? ''));
    return found ? { status: 200, json: receipt(found) } : problem(404, 'not_found', 'No payment for that reference');
  }
  return problem(404, 'not_found', 'Not Found');
}
