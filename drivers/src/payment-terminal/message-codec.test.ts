// POSLink messages against the public examples byte for byte (encode and decode), field validation (last 4
// only, nothing echoed), tolerance of short and long answers, and a fuzz of the message decoder.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GuichetError, isGuichetError } from '@guichet/shared';
import { encodeFrame, FrameDecoder } from './frame-codec';
import { decodeMessage, encodeMessage, invalidMessageError, readMessage } from './message-codec';
import { resultMeaning } from './message-table';
import { POSLINK_FIXTURES, payloadOf } from './poslink-fixtures';

describe('POSLink frames from the public examples', () => {
  it('A00 Initialize is encoded byte for byte, LRC K', () => {
    const frame = encodeFrame(encodeMessage('initializeRequest', {}));
    expect(frame).toEqual(POSLINK_FIXTURES.initialize.frame);
    expect(frame.toString('base64')).toBe(POSLINK_FIXTURES.initialize.base64);
    expect(decodeMessage(payloadOf(POSLINK_FIXTURES.initialize.frame))).toEqual({
      name: 'initializeRequest',
      fields: {},
    });
  });

  it('T00 SALE of 100 with ECR reference 1 is encoded byte for byte, LRC C, and decodes back', () => {
    const frame = encodeFrame(
      encodeMessage('creditRequest', {
        transType: '01',
        amountCents: '100',
        reference: '1',
        origTransactionNumber: '',
      }),
    );
    expect(frame).toEqual(POSLINK_FIXTURES.sale.frame);
    expect(frame.toString('base64')).toBe(POSLINK_FIXTURES.sale.base64);
    expect(decodeMessage(payloadOf(POSLINK_FIXTURES.sale.frame))).toEqual({
      name: 'creditRequest',
      fields: { transType: '01', amountCents: '100', reference: '1', origTransactionNumber: '' },
    });
  });

  it('every example frame passes the frame decoder with its published LRC', () => {
    const { hpsSale: _unframed, ...withLrc } = POSLINK_FIXTURES;
    for (const fixture of Object.values(withLrc)) {
      const events = new FrameDecoder().push(fixture.frame);
      expect(events).toEqual([{ kind: 'frame', payload: payloadOf(fixture.frame) }]);
    }
  });

  it('decodes the HPS SDK sale (version 1.35, account group of empty sub-fields) to the same fields', () => {
    const payload = POSLINK_FIXTURES.hpsSale.frame.subarray(1, -1);
    expect(decodeMessage(payload)).toEqual({
      name: 'creditRequest',
      fields: { transType: '01', amountCents: '1000', reference: '1', origTransactionNumber: '' },
    });
  });

  it('decodes the published T01 approval field by field', () => {
    expect(decodeMessage(payloadOf(POSLINK_FIXTURES.approvedSaleResponse.frame))).toEqual({
      name: 'creditResponse',
      fields: {
        resultCode: '000000',
        resultMessage: 'OK',
        hostCode: '0',
        hostMessage: 'APPROVED',
        authCode: '000000',
        hostReference: '88888888',
        transType: '01',
        approvedCents: '522',
        account: '1111',
        cardType: '01',
        transactionNumber: '1',
        reference: '1',
      },
    });
  });
});

describe('message codec', () => {
  it('a VOID names the original transaction number in the trace group (4th sub-field)', () => {
    const bytes = encodeMessage('creditRequest', {
      transType: '16',
      amountCents: '',
      reference: 'K17-000042',
      origTransactionNumber: '57',
    });
    expect(bytes.toString('latin1')).toBe('T00\x1c1.28\x1c16\x1c\x1c\x1cK17-000042\x1f\x1f\x1f57\x1c\x1c\x1c\x1c\x1c');
  });

  it('R02 looks a transaction up by ECR reference number and type; B00 carries a time stamp', () => {
    expect(
      encodeMessage('reportRequest', { edcType: '00', transType: '01', reference: 'R-1' }).toString('latin1'),
    ).toBe('R02\x1c1.28\x1c00\x1c01\x1c\x1c\x1c\x1c\x1cR-1\x1c');
    expect(encodeMessage('batchRequest', { timestamp: '20261129211500' }).toString('latin1')).toBe(
      'B00\x1c1.28\x1c20261129211500',
    );
  });

  it('reads an answer that stops after the response message: its missing fields are empty', () => {
    const read = readMessage(Buffer.from('0\x1cR03\x1c1.28\x1c100023\x1cNOT FOUND', 'latin1'));
    expect(read.name).toBe('reportResponse');
    expect(read.invalidFields).toEqual([]);
    expect(read.fields).toMatchObject({ resultCode: '100023', reference: '', transactionNumber: '' });
  });

  it('ignores groups a later POSLink version appends', () => {
    const payload = Buffer.concat([
      payloadOf(POSLINK_FIXTURES.approvedSaleResponse.frame),
      Buffer.from('\x1cX=1\x1cY'),
    ]);
    expect(decodeMessage(payload)).toMatchObject({ name: 'creditResponse', fields: { reference: '1' } });
  });

  it('refuses a full card number in the account field, without echoing it', () => {
    const payload = Buffer.from(
      payloadOf(POSLINK_FIXTURES.approvedSaleResponse.frame).toString('latin1').replace('1111', '4242424242424242'),
      'latin1',
    );
    let caught: unknown;
    try {
      decodeMessage(payload);
    } catch (error) {
      caught = error;
    }
    expect(isGuichetError(caught, 'PAYMENT_MESSAGE_INVALID')).toBe(true);
    expect(JSON.stringify((caught as GuichetError).toJSON())).not.toContain('4242424242424242');
    // A masked number with the last 4 digits is accepted.
    const masked = Buffer.from(
      payloadOf(POSLINK_FIXTURES.approvedSaleResponse.frame).toString('latin1').replace('1111', '************4242'),
      'latin1',
    );
    expect(decodeMessage(masked)).toMatchObject({ fields: { account: '************4242' } });
  });

  it('reads a message with a bad field field by field: the valid fields kept, the bad ones named, no value echoed', () => {
    const text = payloadOf(POSLINK_FIXTURES.approvedSaleResponse.frame)
      .toString('latin1')
      .replace('\x1c01\x1c522', '\x1cX1\x1c522')
      .replace('1111\x1f', '4111111111111111\x1f');
    const read = readMessage(Buffer.from(text, 'latin1'));
    expect(read.name).toBe('creditResponse');
    expect(read.fields).toMatchObject({ resultCode: '000000', reference: '1', transactionNumber: '1' });
    expect(read.invalidFields).toEqual(['transType', 'account']);
    const error = invalidMessageError(read);
    expect(error.toJSON()).toEqual({
      code: 'PAYMENT_MESSAGE_INVALID',
      message: 'field transType, account of T01 is invalid',
      details: { command: 'T01', fields: ['transType', 'account'] },
    });
    expect(JSON.stringify(error.toJSON())).not.toContain('4111111111111111');
  });

  it('rejects unknown commands, a missing version and a non-zero status with typed errors', () => {
    expect(() => decodeMessage(Buffer.from('Z99\x1c1.28'))).toThrow(
      expect.objectContaining({ code: 'PAYMENT_MESSAGE_UNKNOWN' }),
    );
    expect(() => decodeMessage(Buffer.from('A00'))).toThrow(
      expect.objectContaining({ code: 'PAYMENT_MESSAGE_INVALID' }),
    );
    expect(() => decodeMessage(Buffer.from('1\x1cA01\x1c1.28\x1c000000\x1cOK'))).toThrow(
      expect.objectContaining({ code: 'PAYMENT_MESSAGE_INVALID' }),
    );
  });

  it('maps result codes to meanings, a decline refined by its host code, unknown codes to unknown-code', () => {
    expect(resultMeaning('000000')).toBe('approved');
    expect(resultMeaning('000100', '05')).toBe('declined');
    expect(resultMeaning('000100', '51')).toBe('insufficient-funds');
    expect(resultMeaning('100001')).toBe('pin-timeout');
    expect(resultMeaning('999999')).toBe('unknown-code');
  });

  it('fuzz: random payloads decode or throw a GuichetError, nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc
            .array(fc.constantFrom('0', 'T01', 'R03', '1.28', '01', '000000', '1', '', '1111', '\x1c', '\x1f'), {
              maxLength: 24,
            })
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
