// The one interface between the transaction hub and a ministry's system. Each ministry keeps its own legacy
// system, reached unmodified; an adapter per system translates (fixed-width records over TCP, SOAP/XML, JSON
// REST, file drop + lookup) and maps that system's answers and failures onto these results.
//
// Contract every adapter keeps:
// - `validate` checks the request against the ministry's records and says what it costs when the ministry sets
//   the amount (a ticket's amount due); it changes nothing at the ministry.
// - `commit` is idempotent per `txId` (the hub's idempotency key, sent to the ministry as its client
//   reference): a second commit of the same id returns the first one's result, never a second record.
// - `lookup` answers whether the ministry already has `txId` — the hub's way to resolve a commit it crashed in.
// - `document` (optional: only a ministry that gives the citizen a document) re-inquires the document a commit
//   returned (the driver record abstract), for a kiosk that lost it; the hub passes it through, never stores it.
// - A refusal is a result (`refused`); a system that is down, slow past its timeout, or answers something
//   unreadable throws MinistryUnavailableError — the outcome is then unknown and the hub must `lookup` later.
//   Its reason is `down` only when the request certainly never reached the system (connection refused, host
//   unreachable, the system answering that it is unavailable): the hub takes a commit that failed `down` as not
//   received at once, any other reason as possibly still applied by the ministry (see lookupGraceMs).
import type { Cents, MinistryId, PostalAddress, ServiceId, TxDetails, TxDocument } from '@guichet/shared';
import { GuichetError } from '@guichet/shared';

/**
 * One ministry's part of a change of address: the new address and only that ministry's own record number
 * (transportation: licenceNumber; health: healthCardNumber; natural-resources: outdoorsCardNumber).
 */
export interface ChangeOfAddressPart {
  serviceId: 'change-of-address';
  newAddress: PostalAddress;
  licenceNumber?: string;
  healthCardNumber?: string;
  outdoorsCardNumber?: string;
}

/** The details a ministry receives: the citizen's whole input, except a change of address, which is split. */
export type MinistryDetails = Exclude<TxDetails, { serviceId: 'change-of-address' }> | ChangeOfAddressPart;

export interface MinistryRequest {
  txId: string;
  serviceId: ServiceId;
  ministryId: MinistryId;
  /** Only this ministry's part of the citizen's details (the change-of-address fan-out splits them). */
  details: MinistryDetails;
}

export type Validation =
  | {
      outcome: 'valid';
      /** Set when the ministry decides the amount (amount due on a ticket); otherwise the hub's price list does. */
      amountDueCents?: Cents;
      /** The price-list variant that applies (e.g. northern-ontario sticker), when the ministry's records decide it. */
      priceVariant?: string;
      /** Non-personal lines for the screen and receipt (e.g. new expiry date), label = catalog key. */
      lines: { label: string; value: string }[];
    }
  | { outcome: 'refused'; code: string; message: string };

export type CommitOutcome =
  | {
      outcome: 'committed';
      reference: string;
      lines: { label: string; value: string }[];
      /** The citizen's document (personal): passed through to the kiosk's receipt, never stored or logged. */
      document?: TxDocument;
    }
  | { outcome: 'refused'; code: string; message: string };

export type LookupOutcome = { outcome: 'committed'; reference: string } | { outcome: 'not-found' };

export interface MinistryAdapter {
  readonly ministryId: MinistryId;
  validate(request: MinistryRequest): Promise<Validation>;
  commit(request: MinistryRequest & { amountCents: Cents }): Promise<CommitOutcome>;
  lookup(txId: string): Promise<LookupOutcome>;
  /** The document committed under txId for this service, or undefined when there is none (not found, none given). */
  document?(txId: string, serviceId: ServiceId): Promise<TxDocument | undefined>;
  close(): Promise<void>;
}

/**
 * Why a ministry could not answer: `down` — the request certainly never reached it; `timeout`, `malformed-answer`,
 * `connection-lost` (the connection failed after the request was sent) — it may have been received and applied.
 */
export type UnavailableReason = 'down' | 'timeout' | 'malformed-answer' | 'connection-lost';

/** The ministry's system is down, timed out, or answered something unreadable: outcome unknown, retry later. */
export class MinistryUnavailableError extends GuichetError {
  constructor(ministryId: MinistryId, reason: UnavailableReason, cause?: unknown) {
    super('MINISTRY_UNAVAILABLE', `the ${ministryId} system is unavailable (${reason})`, {
      details: { ministryId, reason },
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
