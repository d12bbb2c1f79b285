// The PAX POSLink messages this driver uses, as a typed table: command, and for each named field its position
// (FS-separated field, US-separated sub-field) and its zod schema. Requests start `command FS version`,
// responses `status FS command FS version FS responseCode FS responseMessage` (PROTOCOL.md names the sources).
import { z } from 'zod';

/** The POSLink protocol version sent in every request (the version of the public examples replayed in tests). */
export const PROTOCOL_VERSION = '1.28';

const digits = (max: number): z.ZodType<string> => z.string().regex(new RegExp(`^\\d{0,${max}}$`));
const text = (max: number): z.ZodType<string> =>
  z.string().regex(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`), `printable ASCII, at most ${max} characters`);
/** Guichet's sale reference, sent as POSLink's ECR reference number. */
const reference = z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'reference: 1–20 of A-Z a-z 0-9 -');
const optionalReference = z.string().regex(/^[A-Za-z0-9-]{0,20}$/);
const resultCode = z.string().regex(/^\d{6}$/);
/**
 * The account number a terminal answers: POSLink terminals send the last 4 digits (`1111`) or a masked number
 * (`************1111`). More than 4 digits (a full PAN, or a BIN shown) is refused: the driver holds last 4 only.
 */
const account = z.string().regex(/^([*X]{0,15}\d{4})?$/, 'account: at most the last 4 digits');
const transType = z.string().regex(/^\d{2}$/);
/** POSLink totals per EDC type joined by `=` (credit=debit=EBT=…), or one number. */
const totals = z.string().regex(/^\d{1,12}(=\d{0,12}){0,9}$/);

/** POSLink transaction types used here (the T00 "Transaction Type" field). */
export const TRANS_TYPE = { sale: '01', return: '02', void: '16' } as const;
/** POSLink EDC type "all" for report criteria. */
export const EDC_ALL = '00';

/** A field of a message: where it sits (FS field index, US sub-field index) and what it may hold. */
export interface FieldSpec {
  at: readonly [number, number];
  schema: z.ZodType<string>;
}

const f = (field: number, sub: number, schema: z.ZodType<string>): FieldSpec => ({ at: [field, sub], schema });

/**
 * `kind` says how the payload starts: a request with its command, a response with the status then its command.
 * `width` is the number of FS fields written (empty trailing groups are sent, as in the public examples); a
 * response may carry fewer (a terminal answering an error may stop after the response message) or more (later
 * versions append groups): missing fields read as empty, extra ones are ignored.
 */
export const MESSAGES = {
  // A00 Initialize / A01: the terminal answers with its serial number (and more in later versions).
  initializeRequest: { kind: 'request', command: 'A00', width: 2, fields: {} },
  initializeResponse: {
    kind: 'response',
    command: 'A01',
    width: 6,
    fields: { resultCode: f(3, 0, resultCode), resultMessage: f(4, 0, text(40)), serialNumber: f(5, 0, text(32)) },
  },
  // T00 DoCredit: transType, amount information, account information, trace information, AVS, cashier,
  // commercial, MOTO/e-commerce, additional information.
  creditRequest: {
    kind: 'request',
    command: 'T00',
    width: 11,
    fields: {
      transType: f(2, 0, transType),
      amountCents: f(3, 0, digits(9)),
      reference: f(5, 0, reference),
      origTransactionNumber: f(5, 3, digits(10)),
    },
  },
  // T01: host information, transaction type, amount, account, trace, AVS, commercial, MOTO, additional.
  creditResponse: {
    kind: 'response',
    command: 'T01',
    width: 14,
    fields: {
      resultCode: f(3, 0, resultCode),
      resultMessage: f(4, 0, text(40)),
      hostCode: f(5, 0, text(8)),
      hostMessage: f(5, 1, text(40)),
      authCode: f(5, 2, text(12)),
      hostReference: f(5, 3, text(40)),
      // Empty in an answer that stops after the response message (an error): see readMessage().
      transType: f(6, 0, z.string().regex(/^(\d{2})?$/)),
      approvedCents: f(7, 0, digits(12)),
      account: f(8, 0, account),
      cardType: f(8, 6, digits(2)),
      transactionNumber: f(9, 0, digits(10)),
      reference: f(9, 1, optionalReference),
    },
  },
  // R02 Local Detail Report: EDC type, transaction type, card type, record number, terminal reference number,
  // auth code, ECR reference number, additional information — the lookup of a transaction by ECR reference.
  reportRequest: {
    kind: 'request',
    command: 'R02',
    width: 10,
    fields: {
      edcType: f(2, 0, digits(2)),
      transType: f(3, 0, z.string().regex(/^(\d{2})?$/)),
      reference: f(8, 0, reference),
    },
  },
  // R03: total records, record number, host information, card type, transaction type, original transaction
  // type, amount, account, trace, cashier, commercial, check, additional information.
  reportResponse: {
    kind: 'response',
    command: 'R03',
    width: 18,
    fields: {
      resultCode: f(3, 0, resultCode),
      resultMessage: f(4, 0, text(40)),
      totalRecords: f(5, 0, digits(6)),
      hostCode: f(7, 0, text(8)),
      authCode: f(7, 2, text(12)),
      hostReference: f(7, 3, text(40)),
      cardType: f(8, 0, digits(2)),
      transType: f(9, 0, z.string().regex(/^(\d{2})?$/)),
      origTransType: f(10, 0, z.string().regex(/^(\d{2})?$/)),
      approvedCents: f(11, 0, digits(12)),
      account: f(12, 0, account),
      transactionNumber: f(13, 0, digits(10)),
      reference: f(13, 1, optionalReference),
    },
  },
  // B00 Batch Close: time stamp YYYYMMDDhhmmss. B01: host information (its batch number), total count, total
  // amount, time stamp, TID, MID.
  batchRequest: { kind: 'request', command: 'B00', width: 3, fields: { timestamp: f(2, 0, digits(14)) } },
  batchResponse: {
    kind: 'response',
    command: 'B01',
    width: 11,
    fields: {
      resultCode: f(3, 0, resultCode),
      resultMessage: f(4, 0, text(40)),
      hostCode: f(5, 0, text(8)),
      batchNumber: f(5, 5, digits(9)),
      totalCount: f(6, 0, z.union([totals, z.literal('')])),
      totalAmount: f(7, 0, z.union([totals, z.literal('')])),
    },
  },
} as const satisfies Record<
  string,
  { kind: 'request' | 'response'; command: string; width: number; fields: Record<string, FieldSpec> }
>;

export type MessageName = keyof typeof MESSAGES;
export type MessageFields<N extends MessageName> = { [K in keyof (typeof MESSAGES)[N]['fields']]: string };
export type RequestName = {
  [N in MessageName]: (typeof MESSAGES)[N]['kind'] extends 'request' ? N : never;
}[MessageName];

/** Status field of every response: 0 = the terminal processed the command (its outcome is the result code). */
export const RESPONSE_STATUS_OK = '0';

/**
 * POSLink response codes, what each means to the kiosk, and what it makes of a sale's answer. Only a decline
 * or a card holder who gave up may make a sale `declined`; anything else — a partial approval, an error, a code
 * not listed — makes it `unknown`, so that it is resolved (query, then reverse).
 */
export const RESULT_CODES = {
  '000000': { meaning: 'approved', sale: 'approved' },
  '000002': { meaning: 'partially-approved', sale: 'unknown' },
  '000100': { meaning: 'declined', sale: 'declined' },
  '100001': { meaning: 'pin-timeout', sale: 'declined' },
  '100002': { meaning: 'card-removed', sale: 'declined' },
  '100011': { meaning: 'refused', sale: 'unknown' },
  '100023': { meaning: 'not-found', sale: 'unknown' },
} as const satisfies Record<string, { meaning: string; sale: 'approved' | 'declined' | 'unknown' }>;

/**
 * Host (issuer) response codes that refine a POSLink decline (`000100`): ISO 8583 action code 51 is
 * "insufficient funds". The host code travels in the host information of T01.
 */
export const HOST_DECLINE_REASONS = { '51': 'insufficient-funds' } as const;

export type ResultMeaning =
  | (typeof RESULT_CODES)[keyof typeof RESULT_CODES]['meaning']
  | (typeof HOST_DECLINE_REASONS)[keyof typeof HOST_DECLINE_REASONS]
  | 'unknown-code';

export function resultMeaning(code: string, hostCode?: string): ResultMeaning {
  if (!(code in RESULT_CODES)) return 'unknown-code';
  const meaning = RESULT_CODES[code as keyof typeof RESULT_CODES].meaning;
  if (meaning === 'declined' && hostCode !== undefined && hostCode in HOST_DECLINE_REASONS)
    return HOST_DECLINE_REASONS[hostCode as keyof typeof HOST_DECLINE_REASONS];
  return meaning;
}

/** What a sale answered with `code` is, before the amount is checked: approved, declined or unknown. */
export function saleOutcomeOf(code: string): 'approved' | 'declined' | 'unknown' {
  return code in RESULT_CODES ? RESULT_CODES[code as keyof typeof RESULT_CODES].sale : 'unknown';
}

/** POSLink card types (account information, sub-field 7) the kiosk names; any other is left unnamed. */
export const CARD_TYPES = { '01': 'visa', '02': 'mastercard', '03': 'amex' } as const;
/** The brands the kiosk knows; `interac` has no POSLink card type in the public documents (PROTOCOL.md). */
export type CardBrand = (typeof CARD_TYPES)[keyof typeof CARD_TYPES] | 'interac';
