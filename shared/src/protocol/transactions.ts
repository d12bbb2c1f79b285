// The citizen-transaction messages between a kiosk and the fleet's transaction hub (socket.io events on the
// authenticated kiosk link, each answered through its acknowledgement callback with a `TxAck`).
//
// Rules every message obeys (docs/protocol.md "Transactions"):
// - The transaction id is minted by the kiosk, journaled before anything else, used as the payment terminal's
//   sale reference and as the hub's idempotency key. A retry of quote, commit, cancel or status with the same
//   id returns the same answer and never commits twice.
// - Amounts are integer cents. A commit whose amount differs from the quote's total is refused.
// - Citizen details (`TxDetails`) travel kiosk → hub → ministry only; the hub keeps a keyed digest of them to
//   check that a commit is for what was quoted, never the details themselves.
import { z } from 'zod';
import { NonNegativeCentsSchema } from '../money/cents';
import { ServiceId } from '../catalog/services';
import { MinistryId } from '../catalog/ministries';

/**
 * 20 characters of Crockford base32: 10 of milliseconds since the epoch (sortable) and 10 random. Fits the
 * payment terminal's sale reference (1–20 of A-Z a-z 0-9 -) and is unique across kiosks.
 */
export const TxId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{20}$/, 'transaction ids are 20 Crockford base32 characters');
export type TxId = z.infer<typeof TxId>;

const upperTrim = (s: string) => s.trim().toUpperCase();
/** Ontario plates: 2–8 letters, digits and spaces as printed; compared without spaces. */
export const PlateNumber = z
  .string()
  .transform(upperTrim)
  .pipe(z.string().regex(/^[A-Z0-9 ]{2,8}$/, 'a plate is 2–8 letters, digits or spaces'));
/** A driver's licence number as encoded on the card (Ontario: 1 letter + 14 digits; others vary). */
export const LicenceNumber = z
  .string()
  .transform((s) => upperTrim(s).replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z0-9]{5,20}$/, 'a licence number is 5–20 letters or digits'));
/** Ontario health card: 10 digits (a 2-letter version code may follow). */
export const HealthCardNumber = z
  .string()
  .transform((s) => upperTrim(s).replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{10}([A-Z]{2})?$/, 'a health card number is 10 digits and an optional 2-letter version'));
/** Outdoors Card: 15 digits, the first six 708158. */
export const OutdoorsCardNumber = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{15}$/, 'an Outdoors Card number is 15 digits'));
export const TicketNumber = z
  .string()
  .transform((s) => upperTrim(s).replace(/\s/g, ''))
  .pipe(z.string().regex(/^[A-Z0-9-]{6,20}$/, 'a ticket number is 6–20 letters, digits or dashes'));

export const PostalAddress = z.object({
  street: z.string().trim().min(3).max(60),
  unit: z.string().trim().max(10).optional(),
  city: z.string().trim().min(2).max(40),
  province: z.enum(['ON', 'QC', 'MB', 'NB', 'NS', 'PE', 'NL', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU']),
  postalCode: z
    .string()
    .transform((s) => upperTrim(s).replace(/\s/g, ''))
    .pipe(z.string().regex(/^[ABCEGHJ-NPRSTVXY]\d[A-Z]\d[A-Z]\d$/, 'a Canadian postal code is A1A 1A1')),
});
export type PostalAddress = z.infer<typeof PostalAddress>;

/** What the citizen entered or swiped, per service. Personal data: never journaled, logged or stored by the hub. */
export const TxDetails = z.discriminatedUnion('serviceId', [
  z.object({ serviceId: z.literal('vehicle-sticker-renewal'), plate: PlateNumber, licenceNumber: LicenceNumber }),
  z.object({ serviceId: z.literal('driver-record-abstract'), licenceNumber: LicenceNumber }),
  z.object({ serviceId: z.literal('personalized-plates'), licenceNumber: LicenceNumber, plateText: PlateNumber }),
  z.object({
    serviceId: z.literal('change-of-address'),
    licenceNumber: LicenceNumber,
    healthCardNumber: HealthCardNumber,
    outdoorsCardNumber: OutdoorsCardNumber.optional(),
    newAddress: PostalAddress,
  }),
  z.object({
    serviceId: z.literal('fines-and-parking-tickets'),
    issuer: z.enum(['attorney-general', 'city-ottawa', 'city-toronto']),
    ticketNumber: TicketNumber,
  }),
  z.object({ serviceId: z.literal('outdoors-card-renewal'), outdoorsCardNumber: OutdoorsCardNumber }),
]);
export type TxDetails = z.infer<typeof TxDetails>;

/**
 * A line the kiosk may show and print (no personal data beyond what the citizen needs to recognise the
 * purchase, e.g. a masked plate or the new sticker's expiry). `label` is a catalog key, resolved per language.
 */
export const TxDisplayLine = z.object({ label: z.string().min(1).max(64), value: z.string().max(120) });

export const TxQuoteRequest = z.object({ txId: TxId, lang: z.enum(['en', 'fr']), details: TxDetails });
export type TxQuoteRequest = z.infer<typeof TxQuoteRequest>;

export const TxQuote = z.object({
  txId: TxId,
  serviceId: ServiceId,
  serviceCents: NonNegativeCentsSchema,
  feeCents: NonNegativeCentsSchema,
  totalCents: NonNegativeCentsSchema,
  /** The quote is refused at commit after this instant (the ministry's hold lapses). */
  expiresAt: z.iso.datetime(),
  lines: z.array(TxDisplayLine).max(12),
});
export type TxQuote = z.infer<typeof TxQuote>;

/** What the payment terminal said of the sale: brand and last 4 only, never a card number. */
export const TxPayment = z.object({
  brand: z.enum(['visa', 'mastercard', 'amex', 'interac', 'other']),
  last4: z.string().regex(/^\d{4}$/),
  authCode: z.string().max(12).optional(),
  terminalReference: z.string().max(32).optional(),
});
export type TxPayment = z.infer<typeof TxPayment>;

export const TxCommitRequest = z.object({
  txId: TxId,
  totalCents: NonNegativeCentsSchema,
  /** Absent only for a free service (total 0). */
  payment: TxPayment.optional(),
  /** Sent again: the hub forwards them to the ministry and does not keep them. Must match the quote's. */
  details: TxDetails,
});
export type TxCommitRequest = z.infer<typeof TxCommitRequest>;

/** One ministry's part of a transaction: done, or queued in the hub's outbox while that ministry is down. */
export const TxDelivery = z.object({
  ministryId: MinistryId,
  status: z.enum(['done', 'queued']),
  reference: z.string().max(40).optional(),
});

/**
 * A document the ministry gives the citizen with a commit (the driver record abstract: licence status, demerit
 * points, number of convictions, as the ministry's record gives them). The citizen's personal record: the hub
 * passes it through to the kiosk and keeps nothing of it; the kiosk prints it and keeps it in memory only until
 * then — never journaled, stored or logged. A kiosk that lacks it (a retried commit, a reprint) asks tx.document.
 */
export const TxDocument = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('driver-record-abstract'),
    licenceStatus: z.enum(['VALID', 'SUSPENDED', 'EXPIRED']),
    demeritPoints: z.number().int().min(0).max(99),
    convictions: z.number().int().min(0).max(99),
  }),
]);
export type TxDocument = z.infer<typeof TxDocument>;
/** The services whose commit gives the citizen a document (its `kind` is the service's id). */
export const DOCUMENT_SERVICES: readonly ServiceId[] = ['driver-record-abstract'];

export const TxCommitted = z.object({
  txId: TxId,
  state: z.literal('committed'),
  committedAt: z.iso.datetime(),
  deliveries: z.array(TxDelivery).min(1),
  lines: z.array(TxDisplayLine).max(12),
  /** Only on the answer to the commit that produced it; never in a replayed answer or a status. */
  document: TxDocument.optional(),
});
export type TxCommitted = z.infer<typeof TxCommitted>;

export const TxCancelRequest = z.object({
  txId: TxId,
  reason: z.enum(['citizen-cancelled', 'declined', 'timeout', 'device-failure', 'ministry-refused', 'recovery']),
});
export type TxCancelRequest = z.infer<typeof TxCancelRequest>;

export const TxStatusRequest = z.object({ txId: TxId });

/** Asks again for a committed transaction's document (tx.document): only the kiosk that owns it may. */
export const TxDocumentRequest = z.object({ txId: TxId });
export const TxDocumentAnswer = z.object({ txId: TxId, document: TxDocument });
export type TxDocumentAnswer = z.infer<typeof TxDocumentAnswer>;

/** The hub's view of a transaction, for a kiosk recovering after a crash. */
export const TxStatus = z.discriminatedUnion('state', [
  z.object({ txId: TxId, state: z.literal('unknown') }),
  z.object({ txId: TxId, state: z.literal('quoted'), quote: TxQuote }),
  TxCommitted,
  z.object({ txId: TxId, state: z.literal('cancelled') }),
  z.object({ txId: TxId, state: z.literal('refused'), code: z.string(), message: z.string() }),
]);
export type TxStatus = z.infer<typeof TxStatus>;

/**
 * Refusal codes a kiosk acts on. MINISTRY_REFUSED / TX_AMOUNT_MISMATCH / TX_QUOTE_EXPIRED / TX_CANCELLED after
 * authorization mean "void the sale"; HUB_UNAVAILABLE / MINISTRY_UNAVAILABLE mean "not done, may retry".
 */
export const TxErrorCode = z.enum([
  'TX_INVALID',
  'TX_UNKNOWN',
  'TX_NOT_YOURS',
  'TX_AMOUNT_MISMATCH',
  'TX_DETAILS_MISMATCH',
  'TX_QUOTE_EXPIRED',
  'TX_ALREADY_COMMITTED',
  'TX_CANCELLED',
  'TX_NO_DOCUMENT',
  'MINISTRY_REFUSED',
  'MINISTRY_UNAVAILABLE',
  'HUB_UNAVAILABLE',
]);
export type TxErrorCode = z.infer<typeof TxErrorCode>;

const TxError = z.object({ code: z.string(), message: z.string(), retryable: z.boolean() });

export const TxAck = z.union([
  z.object({ ok: z.literal(true), quote: TxQuote }),
  z.object({ ok: z.literal(true), committed: TxCommitted }),
  z.object({ ok: z.literal(true), status: TxStatus }),
  z.object({ ok: z.literal(true), cancelled: z.object({ txId: TxId }) }),
  z.object({ ok: z.literal(true), document: TxDocumentAnswer }),
  z.object({ ok: z.literal(false), error: TxError }),
]);
export type TxAck = z.infer<typeof TxAck>;

/** socket.io event names of the transaction messages (kiosk → fleet, acknowledged with TxAck). */
export const KioskTxEvents = {
  quote: 'tx.quote',
  commit: 'tx.commit',
  cancel: 'tx.cancel',
  status: 'tx.status',
  document: 'tx.document',
} as const;
