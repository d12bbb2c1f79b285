// The mainframe record codec: column-exact layouts, round trips, and garbage in → a typed error, never a crash.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isGuichetError } from '@guichet/shared';
import {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  frame,
  FrameReader,
  RECORD_LENGTH,
  type VehiclesRequest,
  type VehiclesResponse,
} from './records';

const request: VehiclesRequest = {
  tranCode: 'VSTK',
  function: 'C',
  clientRef: '01KB0000000000000001',
  origin: 'GUICHET',
  licenceNo: 'T42187305690318',
  plate: 'CBKR 482',
  amountCents: 12100,
  street: '',
  unit: '',
  city: '',
  province: '',
  postalCode: '',
};

describe('vehicles records', () => {
  it('puts each field in its columns (RECORDS.md)', () => {
    const text = encodeRequest(request).toString('ascii');
    expect(text).toHaveLength(RECORD_LENGTH);
    expect(text.slice(0, 4)).toBe('VSTK');
    expect(text.slice(4, 5)).toBe('C');
    expect(text.slice(5, 25)).toBe('01KB0000000000000001');
    expect(text.slice(25, 33)).toBe('GUICHET ');
    expect(text.slice(33, 48)).toBe('T42187305690318');
    expect(text.slice(48, 56)).toBe('CBKR 482');
    expect(text.slice(56, 65)).toBe('000012100');
    expect(text.slice(65)).toBe(' '.repeat(135));
  });

  it('round-trips requests and responses', () => {
    expect(decodeRequest(encodeRequest(request))).toEqual(request);
    const response: VehiclesResponse = {
      tranCode: 'VSTK',
      returnCode: '00',
      reason: '',
      clientRef: request.clientRef,
      mtoRef: 'MTO000000042',
      amountCents: 12100,
      region: 'N',
      expiry: '20271214',
      licenceStatus: 'VALID',
      demerits: 3,
      convictions: 1,
      message: 'TRANSACTION ACCEPTED',
    };
    expect(decodeResponse(encodeResponse(response))).toEqual(response);
  });

  it('refuses a field that does not fit its columns', () => {
    expect(() => encodeRequest({ ...request, plate: 'TOOLONGPLATE' })).toThrow(/at most 8/);
  });

  it('any bytes decode to a record or a typed error, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 260 }), (bytes) => {
        for (const decode of [decodeRequest, decodeResponse]) {
          try {
            decode(Buffer.from(bytes));
          } catch (error) {
            expect(isGuichetError(error)).toBe(true);
          }
        }
      }),
    );
  });

  it('a valid record with any one column corrupted decodes or fails typed', () => {
    const good = encodeRequest(request);
    fc.assert(
      fc.property(fc.nat(RECORD_LENGTH - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const bad = Buffer.from(good);
        bad[at] = byte;
        try {
          decodeRequest(bad);
        } catch (error) {
          expect(isGuichetError(error)).toBe(true);
        }
      }),
    );
  });

  it('reassembles frames split anywhere and rejects absurd lengths', () => {
    const stream = Buffer.concat([frame(encodeRequest(request)), frame(encodeRequest({ ...request, function: 'V' }))]);
    fc.assert(
      fc.property(fc.nat(stream.length), (cut) => {
        const reader = new FrameReader();
        const frames = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))];
        expect(frames.map((f) => decodeRequest(f).function)).toEqual(['C', 'V']);
      }),
    );
    expect(() => new FrameReader().push(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toThrow(/beyond/);
  });
});
