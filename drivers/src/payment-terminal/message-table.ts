// Message types of the implemented ECR subset as a typed table: command code, field order and the zod
// schema of each field. Modelled on PAX POSLink (request "X00" / response "X01", FS-separated ASCII
// fields after a protocol version); the field lists are Guichet's documented subset (PROTOCOL.md).
import { z } from 'zod';

export const PROTOCOL_VERSION = '1.28';

const cents = z.string().regex(/^\d{1,9}$/, 'amount: 1–9 digits of cents');
const reference = z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'reference: 1–20 of A-Z a-z 0-9 -');
const resultCode = z.string().regex(/^\d{6}$/);
/** Only masked PANs may cross the wire: at least 4 masking stars and the last 4 digits. */
const maskedPan = z.string().regex(/^(\*{4,15}\d{4})?$/, 'masked PAN must be stars and the last 4 digits');
const brand = z.enum(['VISA', 'MC', 'AMEX', 'INTERAC', '']);
const optional = z.string().regex(/^[A-Za-z0-9-]{0,20}$/);

export const TRANS_TYPE = { sale: '01', void: '16' } as const;

export const MESSAGES = {
  statusRequest: { command: 'A00', fields: {} },
  statusResponse: { command: 'A01', fields: { resultCode, terminalState: z.enum(['READY', 'BUSY', 'ERROR']) } },
  creditRequest: { command: 'T00', fields: { transType: z.enum(['01', '16']), amountCents: cents, reference } },
  creditResponse: {
    command: 'T01',
    fields: {
      transType: z.enum(['01', '16']),
      resultCode,
      reference,
      amountCents: cents,
      authCode: optional,
      brand,
      maskedPan,
      terminalRef: optional,
    },
  },
  queryRequest: { command: 'Q00', fields: { reference } },
  queryResponse: {
    command: 'Q01',
    fields: {
      resultCode,
      reference,
      state: z.enum(['APPROVED', 'DECLINED', 'REVERSED', 'NOTFOUND']),
      amountCents: z.string().regex(/^\d{0,9}$/),
      authCode: optional,
      brand,
      maskedPan,
      terminalRef: optional,
    },
  },
  batchRequest: { command: 'B00', fields: {} },
  batchResponse: {
    command: 'B01',
    fields: {
      resultCode,
      batchNumber: z.string().regex(/^\d{1,6}$/),
      count: z.string().regex(/^\d{1,6}$/),
      totalCents: z.string().regex(/^\d{1,12}$/),
    },
  },
} as const satisfies Record<string, { command: string; fields: Record<string, z.ZodType<string>> }>;

export type MessageName = keyof typeof MESSAGES;
export type MessageFields<N extends MessageName> = { [K in keyof (typeof MESSAGES)[N]['fields']]: string };

/**
 * Result codes (POSLink-style six digits), what each means to the kiosk, and what it makes of a sale's answer.
 * Only codes that say the issuer or card holder refused may make a sale `declined`; a partial approval, a
 * code that makes no sense for a sale and every code not listed make it `unknown`, so it gets resolved.
 */
export const RESULT_CODES = {
  '000000': { meaning: 'approved', sale: 'approved' },
  '000002': { meaning: 'partially-approved', sale: 'unknown' },
  '000100': { meaning: 'declined', sale: 'declined' },
  '000101': { meaning: 'insufficient-funds', sale: 'declined' },
  '100001': { meaning: 'pin-timeout', sale: 'declined' },
  '100002': { meaning: 'card-removed', sale: 'declined' },
  '100023': { meaning: 'not-found', sale: 'unknown' },
  '100011': { meaning: 'refused', sale: 'unknown' },
  // Guichet's own: the terminal is busy with a transaction (e.g. still authorising the very reference asked).
  '100090': { meaning: 'busy', sale: 'unknown' },
} as const satisfies Record<string, { meaning: string; sale: 'approved' | 'declined' | 'unknown' }>;

/** The result code of a terminal busy with a transaction in progress: nothing was done, ask again later. */
export const RESULT_CODE_BUSY = '100090';

export type ResultMeaning = (typeof RESULT_CODES)[keyof typeof RESULT_CODES]['meaning'] | 'unknown-code';

export function resultMeaning(code: string): ResultMeaning {
  return code in RESULT_CODES ? RESULT_CODES[code as keyof typeof RESULT_CODES].meaning : 'unknown-code';
}

/** What a sale answered with `code` is, before the amount is checked: approved, declined or unknown. */
export function saleOutcomeOf(code: string): 'approved' | 'declined' | 'unknown' {
  return code in RESULT_CODES ? RESULT_CODES[code as keyof typeof RESULT_CODES].sale : 'unknown';
}

export const BRANDS = { VISA: 'visa', MC: 'mastercard', AMEX: 'amex', INTERAC: 'interac' } as const;
export type CardBrand = (typeof BRANDS)[keyof typeof BRANDS];
