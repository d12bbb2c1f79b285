// An issuer's tickets as its system sees them: the seeded ones, paid once a payment is recorded against them.
// Payments are recorded once per caller reference (Idempotency-Key, client_reference, ExternalRef).
import type { MinistryRecord, SimStore } from '../common/sim-store';
import type { SeedTicket } from '../test-data';

export interface FinesContext {
  tickets: readonly SeedTicket[];
  store: SimStore;
  today: Date;
  rejects: string | undefined;
}

export type TicketState = { ticket: SeedTicket; status: SeedTicket['status'] };

export function findTicket(ctx: FinesContext, number: string): TicketState | undefined {
  const ticket = ctx.tickets.find((t) => t.number === number);
  if (!ticket) return undefined;
  const paid = ctx.store.bySubject('PAYMENT', number).length > 0;
  return { ticket, status: paid ? 'PAID' : ticket.status };
}

export type PaymentResult =
  | { kind: 'paid'; record: MinistryRecord; replayed: boolean }
  | { kind: 'not-found' }
  | { kind: 'already-paid' }
  | { kind: 'in-collections' }
  | { kind: 'amount-mismatch'; amountDueCents: number }
  | { kind: 'rejected'; code: string };

/** One payment against a ticket, idempotent per caller reference (a replay answers with the first payment). */
export function pay(
  ctx: FinesContext,
  input: { ticketNumber: string; amountCents: number; clientReference: string },
  makeReference: (sequence: number) => string,
): PaymentResult {
  const existing = ctx.store.byClientReference(input.clientReference);
  if (existing) return { kind: 'paid', record: existing, replayed: true };
  if (ctx.rejects !== undefined) return { kind: 'rejected', code: ctx.rejects };
  const state = findTicket(ctx, input.ticketNumber);
  if (!state) return { kind: 'not-found' };
  if (state.status === 'PAID') return { kind: 'already-paid' };
  if (state.status === 'IN_COLLECTIONS') return { kind: 'in-collections' };
  if (input.amountCents !== state.ticket.amountDueCents)
    return { kind: 'amount-mismatch', amountDueCents: state.ticket.amountDueCents };
  const { record, created } = ctx.store.recordOnce(
    {
      clientReference: input.clientReference,
      kind: 'PAYMENT',
      subject: input.ticketNumber,
      amountCents: input.amountCents,
      data: {},
      createdAt: ctx.today.toISOString(),
    },
    makeReference,
  );
  return { kind: 'paid', record, replayed: !created };
}

/** Integer cents → "45.00" (Toronto's decimal strings), by integer arithmetic. */
export function decimalFromCents(amountCents: number): string {
  return `${Math.trunc(amountCents / 100)}.${String(amountCents % 100).padStart(2, '0')}`;
}
