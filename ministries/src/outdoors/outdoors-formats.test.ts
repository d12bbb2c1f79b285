// The lookup-service lines and the batch file format: round trips, and any text → a value or a typed error.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isGuichetError } from '@guichet/shared';
import { detailLine, headerLine, parseBatch, readDetails, trailerLine, type BatchDetail } from './batch-file';
import { formatAnswer, LineReader, parseAnswer, parseRequest, type LookupAnswer } from './lookup-protocol';

const detail: BatchDetail = {
  sequence: 1,
  kind: 'ADR',
  clientReference: '01KB0000000000000001',
  cardNumber: '708158004417293',
  amountCents: 0,
  street: '12 Pipe|Line Rd',
  unit: '',
  city: 'Sudbury',
  province: 'ON',
  postalCode: 'P3A1B2',
};

describe('outdoors formats', () => {
  it('round-trips every kind of answer line', () => {
    const answers: LookupAnswer[] = [
      {
        kind: 'card',
        seq: '7',
        cardNumber: '708158004417293',
        status: 'ACTIVE',
        expiry: '20261231',
        eligibility: 'Y',
        renewedExpiry: '20291231',
      },
      { kind: 'ref', seq: '8', clientReference: 'X', reference: 'NR-1', ingestedOn: '20261130' },
      { kind: 'not-found', seq: '9' },
      { kind: 'error', seq: '10', code: 'E01', text: 'NO' },
    ];
    for (const answer of answers) expect(parseAnswer(formatAnswer(answer).slice(0, -2))).toEqual(answer);
    expect(parseRequest('CARD|1|708158004417293')).toEqual({ verb: 'CARD', seq: '1', cardNumber: '708158004417293' });
  });

  it('writes a batch whose fields cannot break the delimiter, and reads it back', () => {
    const text = headerLine('20261129150000-AB12', '20261129150000') + detailLine(detail) + trailerLine(1);
    expect(parseBatch(text).details).toEqual([{ ...detail, street: '12 Pipe Line Rd' }]);
    expect(() => parseBatch(text.replace('T|000001', 'T|000002'))).toThrow(/trailer count/);
  });

  it('any line, any file, any chunking: a value or a typed error, never a crash', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const parse of [parseAnswer, parseRequest, parseBatch]) {
          try {
            parse(text);
          } catch (error) {
            expect(isGuichetError(error)).toBe(true);
          }
        }
        expect(() => readDetails(text)).not.toThrow();
        try {
          new LineReader().push(Buffer.from(text));
        } catch (error) {
          expect(isGuichetError(error)).toBe(true);
        }
      }),
    );
  });
});
