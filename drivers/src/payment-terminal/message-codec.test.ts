// Message table round trips, field validation (masked PAN only) and a fuzz of the message decoder.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GuichetError, isGuichetError } from '@guichet/shared';
import { decodeMessage, encodeMessage, invalidMessageError, readMessage } from './message-codec';
import { resultMeaning } from './message-table';

describe('message codec', () => {
  it('encodes a sale request as POSLink-style FS-separated ASCII', () => {
    const bytes = encodeMessage('creditRequest', { transType: '01', amountCents: '1250', reference: 'K17-000042' });
    expect(bytes.toString('latin1')).toBe('T00\x1c1.28\x1c01\x1c1250\x1cK17-000042');
    expect(decodeMessage(bytes)).toEqual({
      name: 'creditRequest',
      fields: { transType: '01', amountCents: '1250', reference: 'K17-000042' },
    });
  });

  it('round-trips a credit response with a masked PAN', () => {
    const fields = {
      transType: '01',
      resultCode: '000000',
      reference: 'R1',
      amountCents: '500',
      authCode: 'A1B2C3',
      brand: 'VISA',
      maskedPan: '************4242',
      terminalRef: 'T000001',
    } as const;
    expect(decodeMessage(encodeMessage('creditResponse', fields))).toEqual({ name: 'creditResponse', fields });
  });

  it('refuses a full PAN in the masked PAN field, without echoing it', () => {
    const fields = {
      transType: '01',
      resultCode: '000000',
      reference: 'R1',
      amountCents: '500',
      authCode: '',
      brand: 'VISA',
      maskedPan: '************4242',
      terminalRef: '',
    };
    const payload = encodeMessage('creditResponse', fields)
      .toString('latin1')
      .replace('************4242', '4242424242424242');
    let caught: unknown;
    try {
      decodeMessage(Buffer.from(payload, 'latin1'));
    } catch (error) {
      caught = error;
    }
    expect(isGuichetError(caught, 'PAYMENT_MESSAGE_INVALID')).toBe(true);
    expect(JSON.stringify((caught as GuichetError).toJSON())).not.toContain('4242424242424242');
  });

  it('reads a message with a bad field field by field: the valid fields kept, the bad ones named, no value echoed', () => {
    const payload = Buffer.from(
      ['T01', '1.28', '01', '000000', 'R-7', '2500', 'A 1', 'DISCOVER', '************4242', 'T9'].join('\x1c'),
      'latin1',
    );
    const read = readMessage(payload);
    expect(read).toEqual({
      name: 'creditResponse',
      fields: {
        transType: '01',
        resultCode: '000000',
        reference: 'R-7',
        amountCents: '2500',
        maskedPan: '************4242',
        terminalRef: 'T9',
      },
      invalidFields: ['authCode', 'brand'],
    });
    const error = invalidMessageError(read);
    expect(error.toJSON()).toEqual({
      code: 'PAYMENT_MESSAGE_INVALID',
      message: 'field authCode, brand of T01 is invalid',
      details: { command: 'T01', fields: ['authCode', 'brand'] },
    });
    expect(() => decodeMessage(payload)).toThrow(expect.objectContaining({ code: 'PAYMENT_MESSAGE_INVALID' }));
  });

  it('rejects unknown commands and wrong field counts with typed errors', () => {
    expect(() => decodeMessage(Buffer.from('Z99\x1c1.28'))).toThrow(
      expect.objectContaining({ code: 'PAYMENT_MESSAGE_UNKNOWN' }),
    );
    expect(() => decodeMessage(Buffer.from('Q00\x1c1.28'))).toThrow(
      expect.objectContaining({ code: 'PAYMENT_MESSAGE_INVALID' }),
    );
  });

  it('maps result codes to meanings, unknown codes to unknown-code', () => {
    expect(resultMeaning('000000')).toBe('approved');
    expect(resultMeaning('100001')).toBe('pin-timeout');
    expect(resultMeaning('999999')).toBe('unknown-code');
  });

  it('fuzz: random payloads decode or throw a GuichetError, nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc
            .array(fc.constantFrom('T01', '1.28', '01', '000000', 'R1', '', 'VISA', '\x1c', 'Q01'), { maxLength: 14 })
            .map((parts) => Buffer.from(parts.join('\x1c'))),
        ),
        (payload) => {
          try {
            decodeMessage(payload);
          } catch (error) {
            expect(error).toBeInstanceOf(GuichetError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
