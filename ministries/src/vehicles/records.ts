// Transportation's mainframe records (RECORDS.md): 200-byte ASCII requests and responses, framed on the TCP
// socket by a 4-byte big-endian length prefix as the ministry's socket gateway expects. Pure encode/decode.
import { z } from 'zod';
import { GuichetError } from '@guichet/shared';
import { checkLayout, decodeRecord, encodeRecord, FixedWidthError, type Layout } from '../common/fixed-width';

export const RECORD_LENGTH = 200;

export const TRAN_CODES = ['VSTK', 'ABST', 'PLTQ', 'PLTO', 'ADDR', 'LKUP'] as const;
export const TranCode = z.enum(TRAN_CODES);
export type TranCode = z.infer<typeof TranCode>;

export const REQUEST_LAYOUT: Layout = [
  { name: 'tranCode', start: 1, length: 4, kind: 'alpha' },
  { name: 'function', start: 5, length: 1, kind: 'alpha' },
  { name: 'clientRef', start: 6, length: 20, kind: 'alpha' },
  { name: 'origin', start: 26, length: 8, kind: 'alpha' },
  { name: 'licenceNo', start: 34, length: 15, kind: 'alpha' },
  { name: 'plate', start: 49, length: 8, kind: 'alpha' },
  { name: 'amount', start: 57, length: 9, kind: 'numeric' },
  { name: 'street', start: 66, length: 60, kind: 'alpha' },
  { name: 'unit', start: 126, length: 10, kind: 'alpha' },
  { name: 'city', start: 136, length: 40, kind: 'alpha' },
  { name: 'province', start: 176, length: 2, kind: 'alpha' },
  { name: 'postalCode', start: 178, length: 6, kind: 'alpha' },
  { name: 'filler', start: 184, length: 17, kind: 'alpha' },
];

export const RESPONSE_LAYOUT: Layout = [
  { name: 'tranCode', start: 1, length: 4, kind: 'alpha' },
  { name: 'returnCode', start: 5, length: 2, kind: 'numeric' },
  { name: 'reason', start: 7, length: 4, kind: 'alpha' },
  { name: 'clientRef', start: 11, length: 20, kind: 'alpha' },
  { name: 'mtoRef', start: 31, length: 12, kind: 'alpha' },
  { name: 'amount', start: 43, length: 9, kind: 'numeric' },
  { name: 'region', start: 52, length: 1, kind: 'alpha' },
  { name: 'expiry', start: 53, length: 8, kind: 'alpha' },
  { name: 'licenceStatus', start: 61, length: 10, kind: 'alpha' },
  { name: 'demerits', start: 71, length: 2, kind: 'numeric' },
  { name: 'convictions', start: 73, length: 2, kind: 'numeric' },
  { name: 'message', start: 75, length: 60, kind: 'alpha' },
  { name: 'filler', start: 135, length: 66, kind: 'alpha' },
];

checkLayout(REQUEST_LAYOUT, RECORD_LENGTH);
checkLayout(RESPONSE_LAYOUT, RECORD_LENGTH);

/** Return codes (RC), as the mainframe's condition codes go: 0 fine, higher is worse. */
export const RC = {
  ok: '00',
  refused: '08',
  notFound: '12',
  badRequest: '16',
  systemUnavailable: '20',
} as const;

export interface VehiclesRequest {
  tranCode: TranCode;
  function: 'V' | 'C' | 'I';
  clientRef: string;
  origin: string;
  licenceNo: string;
  plate: string;
  amountCents: number;
  street: string;
  unit: string;
  city: string;
  province: string;
  postalCode: string;
}

export interface VehiclesResponse {
  tranCode: string;
  returnCode: string;
  reason: string;
  clientRef: string;
  mtoRef: string;
  amountCents: number;
  region: string;
  /** YYYYMMDD or blank. */
  expiry: string;
  licenceStatus: string;
  demerits: number;
  convictions: number;
  message: string;
}

export class VehiclesRecordError extends GuichetError<'VEHICLES_BAD_RECORD'> {
  constructor(message: string, cause?: unknown) {
    super('VEHICLES_BAD_RECORD', message, cause === undefined ? undefined : { cause });
  }
}

function decode(layout: Layout, bytes: Buffer): Record<string, string> {
  try {
    return decodeRecord(layout, RECORD_LENGTH, bytes);
  } catch (error) {
    if (error instanceof FixedWidthError) throw new VehiclesRecordError(error.message, error);
    throw error;
  }
}

export function encodeRequest(request: VehiclesRequest): Buffer {
  return encodeRecord(REQUEST_LAYOUT, RECORD_LENGTH, { ...request, amount: request.amountCents });
}

export function decodeRequest(bytes: Buffer): VehiclesRequest {
  const v = decode(REQUEST_LAYOUT, bytes);
  const tranCode = TranCode.safeParse(v.tranCode);
  if (!tranCode.success) throw new VehiclesRecordError('unknown transaction code');
  const fn = v.function;
  if (fn !== 'V' && fn !== 'C' && fn !== 'I') throw new VehiclesRecordError('unknown function code');
  return {
    tranCode: tranCode.data,
    function: fn,
    clientRef: v.clientRef ?? '',
    origin: v.origin ?? '',
    licenceNo: v.licenceNo ?? '',
    plate: v.plate ?? '',
    amountCents: Number(v.amount),
    street: v.street ?? '',
    unit: v.unit ?? '',
    city: v.city ?? '',
    province: v.province ?? '',
    postalCode: v.postalCode ?? '',
  };
}

export function encodeResponse(response: VehiclesResponse): Buffer {
  return encodeRecord(RESPONSE_LAYOUT, RECORD_LENGTH, {
    ...response,
    amount: response.amountCents,
    demerits: response.demerits,
    convictions: response.convictions,
  });
}

export function decodeResponse(bytes: Buffer): VehiclesResponse {
  const v = decode(RESPONSE_LAYOUT, bytes);
  const expiry = v.expiry ?? '';
  if (expiry !== '' && !/^\d{8}$/.test(expiry)) throw new VehiclesRecordError('expiry is not YYYYMMDD');
  return {
    tranCode: v.tranCode ?? '',
    returnCode: v.returnCode ?? '',
    reason: v.reason ?? '',
    clientRef: v.clientRef ?? '',
    mtoRef: v.mtoRef ?? '',
    amountCents: Number(v.amount),
    region: v.region ?? '',
    expiry,
    licenceStatus: v.licenceStatus ?? '',
    demerits: Number(v.demerits),
    convictions: Number(v.convictions),
    message: v.message ?? '',
  };
}

/** Prefixes a record with its length (4 bytes, big-endian), the gateway's framing. */
export function frame(record: Buffer): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(record.length, 0);
  return Buffer.concat([prefix, record]);
}

/** Largest frame either side accepts: anything longer is garbage, not a record to buffer. */
export const MAX_FRAME = 4096;

/**
 * Splits a byte stream into length-prefixed frames. `push` returns the complete frames so far; a length
 * prefix beyond MAX_FRAME is a typed error (the stream is unreadable from there on).
 */
export class FrameReader {
  private buffered = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      if (this.buffered.length < 4) return frames;
      const length = this.buffered.readUInt32BE(0);
      if (length > MAX_FRAME) throw new VehiclesRecordError(`frame of ${length} bytes is beyond ${MAX_FRAME}`);
      if (this.buffered.length < 4 + length) return frames;
      frames.push(this.buffered.subarray(4, 4 + length));
      this.buffered = this.buffered.subarray(4 + length);
    }
  }
}
