// Fines and parking tickets: one adapter per issuer, each speaking that issuer's JSON dialect
// (ministries/src/fines/PROTOCOL.md) — Attorney General (REST, cents, Idempotency-Key), City of Toronto (decimal
// string balances parsed exactly, client_reference), City of Ottawa (RPC POSTs, errors as HTTP 200 + E-code).
// validate gives the amount due; commit pays exactly that with our transaction id as the issuer's reference.
import { z } from 'zod';
import { parseDollars, type Cents, type MinistryId } from '@guichet/shared';
import {
  MinistryUnavailableError,
  type CommitOutcome,
  type LookupOutcome,
  type MinistryAdapter,
  type MinistryRequest,
  type Validation,
} from '../ministry-adapter';
import {
  missingField,
  resolveAdapterOptions,
  unsupported,
  type AdapterOptions,
  type ResolvedAdapterOptions,
} from './adapter-options';
import { TimeoutSignal, withDeadline } from './deadline';
import { mask } from './lines';
import { fetchFailureReason, serverErrorReason } from './http-failure';

export const FINES_ISSUER_IDS = ['attorney-general', 'city-toronto', 'city-ottawa'] as const;
export type FinesIssuerId = (typeof FINES_ISSUER_IDS)[number];

export interface FinesEndpoint {
  /** Base URL of the issuer's API, e.g. http://127.0.0.1:8082. */
  url: string;
}

type Refused = { outcome: 'refused'; code: string; message: string };
type Due = { kind: 'due'; amountCents: Cents; description: string };
type Paid = { kind: 'paid'; reference: string };
interface HttpAnswer {
  status: number;
  json: unknown;
}
type Http = (
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<HttpAnswer>;

/** What differs per issuer: how to ask for a ticket, pay it, and find a payment by our reference. */
interface Dialect {
  inquire(http: Http, ticket: string): Promise<Due | Refused>;
  pay(http: Http, ticket: string, amountCents: Cents, txId: string): Promise<Paid | Refused>;
  find(http: Http, txId: string): Promise<string | undefined>;
}

class Unreadable extends Error {}

function read<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Unreadable('unexpected answer');
  return parsed.data;
}

const refused = (code: string, message: string): Refused => ({ outcome: 'refused', code, message });

const AG_ERROR = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const AG_OFFENCE = z.object({
  offenceNumber: z.string(),
  status: z.string(),
  amountDueCents: z.int().nonnegative(),
  offenceDescription: z.string(),
});
const AG_PAYMENT = z.object({ paymentId: z.string().min(1), amountCents: z.int() });
const AG_REFUSALS: Record<string, string> = {
  OFFENCE_NOT_FOUND: 'TICKET_NOT_FOUND',
  INVALID_OFFENCE_NUMBER: 'TICKET_NUMBER_INVALID',
  ALREADY_PAID: 'TICKET_ALREADY_PAID',
  IN_COLLECTIONS: 'TICKET_IN_COLLECTIONS',
  AMOUNT_MISMATCH: 'AMOUNT_MISMATCH',
};

const attorneyGeneral: Dialect = {
  async inquire(http, ticket) {
    const answer = await http('GET', `/poa/v2/offences/${encodeURIComponent(ticket)}`);
    if (answer.status !== 200) {
      const { error } = read(AG_ERROR, answer.json);
      return refused(AG_REFUSALS[error.code] ?? `AG_${error.code}`, error.message);
    }
    const offence = read(AG_OFFENCE, answer.json);
    if (offence.status === 'PAID' || offence.amountDueCents === 0)
      return refused('TICKET_ALREADY_PAID', 'nothing is due');
    if (offence.status === 'IN_COLLECTIONS')
      return refused('TICKET_IN_COLLECTIONS', 'the fine is with a collection agency');
    return { kind: 'due', amountCents: offence.amountDueCents as Cents, description: offence.offenceDescription };
  },
  async pay(http, ticket, amountCents, txId) {
    const answer = await http(
      'POST',
      `/poa/v2/offences/${encodeURIComponent(ticket)}/payments`,
      { amountCents, channel: 'KIOSK' },
      { 'idempotency-key': txId },
    );
    if (answer.status === 200 || answer.status === 201)
      return { kind: 'paid', reference: read(AG_PAYMENT, answer.json).paymentId };
    const { error } = read(AG_ERROR, answer.json);
    return refused(AG_REFUSALS[error.code] ?? `AG_${error.code}`, error.message);
  },
  async find(http, txId) {
    const answer = await http('GET', `/poa/v2/payments?idempotencyKey=${encodeURIComponent(txId)}`);
    if (answer.status !== 200) throw new Unreadable('payment search failed');
    return read(z.object({ payments: z.array(AG_PAYMENT).max(1) }), answer.json).payments[0]?.paymentId;
  },
};

const TOR_PROBLEM = z.object({ message: z.string(), reason: z.string() });
const TOR_TAG = z.object({
  tag_number: z.string(),
  state: z.enum(['open', 'closed']),
  balance: z.string(),
  infraction: z.string(),
});
const TOR_RECEIPT = z.object({ receipt_no: z.string().min(1), paid: z.string() });
const TOR_REFUSALS: Record<string, string> = {
  not_found: 'TICKET_NOT_FOUND',
  tag_number: 'TICKET_NUMBER_INVALID',
  closed: 'TICKET_ALREADY_PAID',
  amount: 'AMOUNT_MISMATCH',
};
const torontoRefusal = (json: unknown) => {
  const problem = read(TOR_PROBLEM, json);
  return refused(TOR_REFUSALS[problem.reason] ?? `TORONTO_${problem.reason}`, problem.message);
};

/** Cents → "45.00" for Toronto, by integer arithmetic. */
function torontoAmount(amountCents: number): string {
  return `${Math.trunc(amountCents / 100)}.${String(amountCents % 100).padStart(2, '0')}`;
}

const cityToronto: Dialect = {
  async inquire(http, ticket) {
    const answer = await http('GET', `/api/parking/tags/${encodeURIComponent(ticket)}`);
    if (answer.status !== 200) return torontoRefusal(answer.json);
    const tag = read(TOR_TAG, answer.json);
    let balance: Cents;
    try {
      balance = parseDollars(tag.balance);
    } catch {
      throw new Unreadable('balance is not a decimal amount');
    }
    if (tag.state === 'closed' || balance === 0) return refused('TICKET_ALREADY_PAID', 'nothing is due');
    if (balance < 0) throw new Unreadable('negative balance');
    return { kind: 'due', amountCents: balance, description: tag.infraction };
  },
  async pay(http, ticket, amountCents, txId) {
    const answer = await http('POST', `/api/parking/tags/${encodeURIComponent(ticket)}/pay`, {
      client_reference: txId,
      amount: torontoAmount(amountCents),
    });
    if (answer.status === 200) return { kind: 'paid', reference: read(TOR_RECEIPT, answer.json).receipt_no };
    return torontoRefusal(answer.json);
  },
  async find(http, txId) {
    const answer = await http('GET', `/api/parking/payments/by-reference/${encodeURIComponent(txId)}`);
    if (answer.status === 404) {
      read(TOR_PROBLEM, answer.json);
      return undefined;
    }
    if (answer.status !== 200) throw new Unreadable('payment search failed');
    return read(TOR_RECEIPT, answer.json).receipt_no;
  },
};

const OTT_ERROR = z.object({ Result: z.literal('ERROR'), ErrorCode: z.string(), ErrorText: z.string() });
const OTT_TICKET = z.object({
  Result: z.literal('OK'),
  Ticket: z.object({
    TicketNo: z.string(),
    Status: z.enum(['PAID', 'UNPAID']),
    AmountOwingCents: z.int().nonnegative(),
    Description: z.string(),
  }),
});
const OTT_CONFIRMATION = z.object({ Result: z.literal('OK'), ConfirmationNo: z.string().min(1) });
const OTT_REFUSALS: Record<string, string> = {
  E101: 'TICKET_NUMBER_INVALID',
  E102: 'TICKET_NOT_FOUND',
  E201: 'TICKET_ALREADY_PAID',
  E202: 'AMOUNT_MISMATCH',
};
const BASE = '/ottawa/ParkingService/v1';

/** Ottawa answers 200 for everything it understood; the body says OK or ERROR. */
async function ottawa(http: Http, operation: string, body: unknown): Promise<unknown> {
  const answer = await http('POST', `${BASE}/${operation}`, body);
  if (answer.status !== 200) throw new Unreadable(`status ${answer.status}`);
  return answer.json;
}
const ottawaRefusal = (json: unknown) => {
  const error = read(OTT_ERROR, json);
  return refused(OTT_REFUSALS[error.ErrorCode] ?? `OTTAWA_${error.ErrorCode}`, error.ErrorText);
};
const isOk = (json: unknown) =>
  typeof json === 'object' && json !== null && (json as { Result?: unknown }).Result === 'OK';

const cityOttawa: Dialect = {
  async inquire(http, ticket) {
    const json = await ottawa(http, 'TicketInquiry', { TicketNo: ticket });
    if (!isOk(json)) return ottawaRefusal(json);
    const { Ticket } = read(OTT_TICKET, json);
    if (Ticket.Status === 'PAID' || Ticket.AmountOwingCents === 0)
      return refused('TICKET_ALREADY_PAID', 'nothing is due');
    return { kind: 'due', amountCents: Ticket.AmountOwingCents as Cents, description: Ticket.Description };
  },
  async pay(http, ticket, amountCents, txId) {
    const json = await ottawa(http, 'Payment', { TicketNo: ticket, AmountPaidCents: amountCents, ExternalRef: txId });
    if (!isOk(json)) return ottawaRefusal(json);
    return { kind: 'paid', reference: read(OTT_CONFIRMATION, json).ConfirmationNo };
  },
  async find(http, txId) {
    const json = await ottawa(http, 'PaymentInquiry', { ExternalRef: txId });
    if (isOk(json)) return read(OTT_CONFIRMATION, json).ConfirmationNo;
    const error = read(OTT_ERROR, json);
    if (error.ErrorCode === 'E301') return undefined;
    throw new Unreadable(`payment inquiry failed ${error.ErrorCode}`);
  },
};

const DIALECTS: Record<FinesIssuerId, Dialect> = {
  'attorney-general': attorneyGeneral,
  'city-toronto': cityToronto,
  'city-ottawa': cityOttawa,
};

export class FinesAdapter implements MinistryAdapter {
  readonly ministryId: MinistryId;
  private readonly options: ResolvedAdapterOptions;
  private readonly dialect: Dialect;
  private readonly http: Http;

  constructor(
    readonly issuer: FinesIssuerId,
    private readonly endpoint: FinesEndpoint,
    options?: AdapterOptions,
  ) {
    this.ministryId = issuer;
    this.options = resolveAdapterOptions(options);
    this.dialect = DIALECTS[issuer];
    this.http = (method, path, body, headers) => this.request(method, path, body, headers);
  }

  private ticket(request: MinistryRequest): string {
    const { details } = request;
    if (details.serviceId !== 'fines-and-parking-tickets') throw unsupported(this.issuer, details);
    if (details.issuer !== this.issuer) throw unsupported(this.issuer, details);
    if (!details.ticketNumber) throw missingField(this.issuer, 'ticketNumber');
    return details.ticketNumber;
  }

  async validate(request: MinistryRequest): Promise<Validation> {
    const ticket = this.ticket(request);
    const answer = await this.guard(() => this.dialect.inquire(this.http, ticket));
    if ('outcome' in answer) return answer;
    return {
      outcome: 'valid',
      amountDueCents: answer.amountCents,
      lines: [
        { label: 'fines.ticket', value: mask(ticket, 4) },
        { label: 'fines.offence', value: answer.description.slice(0, 120) },
      ],
    };
  }

  async commit(request: MinistryRequest & { amountCents: Cents }): Promise<CommitOutcome> {
    const ticket = this.ticket(request);
    const answer = await this.guard(() => this.dialect.pay(this.http, ticket, request.amountCents, request.txId));
    if ('outcome' in answer) return answer;
    this.options.logger?.info(
      { component: 'ministry-adapter', ministryId: this.issuer, txId: request.txId },
      'committed',
    );
    return {
      outcome: 'committed',
      reference: answer.reference,
      lines: [
        { label: 'fines.ticket', value: mask(ticket, 4) },
        { label: 'ministry.reference', value: answer.reference },
      ],
    };
  }

  async lookup(txId: string): Promise<LookupOutcome> {
    const reference = await this.guard(() => this.dialect.find(this.http, txId));
    return reference === undefined ? { outcome: 'not-found' } : { outcome: 'committed', reference };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Maps an unreadable answer to MinistryUnavailableError(malformed-answer). */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Unreadable) throw new MinistryUnavailableError(this.issuer, 'malformed-answer', error);
      throw error;
    }
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer> {
    let status: number;
    let text: string;
    try {
      ({ status, text } = await withDeadline(this.options.startTimer, this.options.timeoutMs, async (signal) => {
        const response = await fetch(new URL(path, this.endpoint.url), {
          method,
          headers: {
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal,
        });
        return { status: response.status, text: await response.text() };
      }));
    } catch (error) {
      if (error instanceof TimeoutSignal) throw new MinistryUnavailableError(this.issuer, 'timeout');
      if (error instanceof Error && error.name === 'AbortError')
        throw new MinistryUnavailableError(this.issuer, 'timeout');
      throw new MinistryUnavailableError(this.issuer, fetchFailureReason(error), error);
    }
    if (status >= 500) throw new MinistryUnavailableError(this.issuer, serverErrorReason(status));
    try {
      return { status, json: JSON.parse(text) as unknown };
    } catch (error) {
      throw new MinistryUnavailableError(this.issuer, 'malformed-answer', error);
    }
  }
}
