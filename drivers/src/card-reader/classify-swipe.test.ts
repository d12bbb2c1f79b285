// Whole-report classification: the four kinds, zeroing of the report, and fuzzing with random reports and tracks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGuichetError } from '@guichet/shared';
import { sampleReport, SAMPLE_TRACKS } from '../sim/card-reader/sample-cards';
import { classifySwipe } from './classify-swipe';
import { buildMagtekReport, parseMagtekReport } from './magtek-report';
import { luhnValidString } from './luhn';
import { SwipeResult } from './swipe-result';
import { ALPHA_TRACK, NUMERIC_TRACK } from './track-formats';
import { withLrc } from './track-reader';

describe('classifySwipe', () => {
  it('classifies the simulator cards', () => {
    expect(classifySwipe(sampleReport('driver-licence'))).toMatchObject({
      kind: 'driver-licence',
      licenceNumber: 'D6101-40706-60905',
      postalCode: 'M5V 3L9',
    });
    expect(classifySwipe(sampleReport('health-card'))).toMatchObject({
      kind: 'health-card',
      healthNumber: '1234-567-897',
      versionCode: 'AB',
    });
    expect(classifySwipe(sampleReport('payment-card'))).toEqual({
      kind: 'payment-card-refused',
      brand: 'visa',
      last4: '9855',
    });
    expect(classifySwipe(sampleReport('garbage'))).toMatchObject({ kind: 'unreadable' });
  });

  it('zeroes every byte of the report, whatever the card', () => {
    for (const kind of ['driver-licence', 'health-card', 'payment-card', 'garbage'] as const) {
      const report = sampleReport(kind);
      classifySwipe(report);
      expect(report.every((byte) => byte === 0)).toBe(true);
    }
    const short = Buffer.from('%B4556737586899855^X/Y^2812?');
    expect(() => classifySwipe(short)).toThrow(expect.objectContaining({ code: 'CARD_REPORT_BAD_LENGTH' }));
    expect(short.every((byte) => byte === 0)).toBe(true);
  });

  it('refuses a payment card given on track 2 only, and one with a valid LRC', () => {
    expect(
      classifySwipe(buildMagtekReport({ encodeType: 0, tracks: [undefined, ';5555555555554444=2812101?', undefined] })),
    ).toEqual({
      kind: 'payment-card-refused',
      brand: 'mastercard',
      last4: '4444',
    });
    const withLrcTracks = buildMagtekReport({
      encodeType: 0,
      tracks: [
        withLrc('%B378282246310005^X/Y^2812101?', ALPHA_TRACK),
        withLrc(';378282246310005=2812101?', NUMERIC_TRACK),
        undefined,
      ],
    });
    expect(classifySwipe(withLrcTracks)).toEqual({ kind: 'payment-card-refused', brand: 'amex', last4: '0005' });
  });

  it('a 610054 card whose health number fails its check digit but whose 16 digits pass Luhn is refused as a payment card', () => {
    // Under the assumed layout the prefix adds 9 to the Luhn sum, so a valid health number is never a valid PAN.
    const tracks: [string, string, undefined] = [
      '%B6100541234567898^DOE/JANE^2711AB19800101?',
      ';6100541234567898=2711?',
      undefined,
    ];
    expect(luhnValidString('6100541234567898')).toBe(true);
    expect(classifySwipe(buildMagtekReport({ encodeType: 0, tracks }))).toEqual({
      kind: 'payment-card-refused',
      brand: 'unknown',
      last4: '7898',
    });
    expect(luhnValidString('6100541234567897')).toBe(false);
  });

  it('tells blank cards, decode errors, bad LRCs, Luhn failures and unknown layouts apart', () => {
    const cases: Array<[Parameters<typeof buildMagtekReport>[0], string]> = [
      [{ encodeType: 3, tracks: [undefined, undefined, undefined] }, 'CARD_BLANK'],
      [{ encodeType: 5, tracks: ['error', 'error', undefined] }, 'CARD_TRACK_DECODE_ERROR'],
      [{ encodeType: 0, tracks: [undefined, ';4556737586899856=2812?', undefined] }, 'CARD_PAN_CHECK_FAILED'],
      [{ encodeType: 4, tracks: ['%HELLO WORLD?', undefined, undefined] }, 'CARD_UNKNOWN_LAYOUT'],
      [
        {
          encodeType: 0,
          tracks: ['%B6100541234567897^DOE/JANE^2711AB19800101?', ';6100541234567897=2711?0', undefined],
        },
        'CARD_TRACK_BAD_LRC',
      ],
      [
        {
          encodeType: 1,
          tracks: [SAMPLE_TRACKS['driver-licence'].tracks[0], ';636012046101407066?', undefined],
        },
        'CARD_LAYOUT_MISMATCH',
      ],
    ];
    for (const [input, reason] of cases)
      expect(classifySwipe(buildMagtekReport(input))).toEqual({ kind: 'unreadable', reason });
  });

  it('property: any Luhn-valid format B card is refused with its last 4, and the result never holds the PAN', () => {
    const pan = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 })
      .map((digits) => digits.join(''))
      .filter((d) => !d.startsWith('610054'))
      .map((d) => d + [...'0123456789'].find((c) => luhnValidString(d + c)));
    fc.assert(
      fc.property(pan, fc.stringMatching(/^[A-Z ]{2,12}\/[A-Z ]{1,12}$/), (number, name) => {
        const report = buildMagtekReport({
          encodeType: 0,
          tracks: [`%B${number}^${name}^2812101?`, `;${number}=2812101?`, undefined],
        });
        const result = classifySwipe(report);
        expect(result).toMatchObject({ kind: 'payment-card-refused', last4: number.slice(-4) });
        expect(JSON.stringify(result)).not.toContain(number.slice(0, -4));
      }),
      { numRuns: 300 },
    );
  });

  it('fuzz: random reports and random track bytes give a valid SwipeResult or a GuichetError, never a hang', () => {
    const track = fc.oneof(
      fc.uint8Array({ maxLength: 110 }).map((b) => Buffer.from(b).toString('latin1')),
      fc
        .constantFrom(
          ...Object.values(SAMPLE_TRACKS).flatMap((t) =>
            t.tracks.filter((x): x is string => typeof x === 'string' && x !== 'error'),
          ),
        )
        .chain((t) => fc.nat(t.length).map((cut) => t.slice(0, cut))),
    );
    fc.assert(
      fc.property(track, track, track, fc.integer({ min: 0, max: 6 }), (a, b, c, encodeType) => {
        const result = classifySwipe(buildMagtekReport({ encodeType: encodeType as 0, tracks: [a, b, c] }));
        expect(SwipeResult.safeParse(result).success).toBe(true);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 337, maxLength: 338 }), (bytes) => {
        try {
          expect(SwipeResult.safeParse(classifySwipe(Buffer.from(bytes))).success).toBe(true);
        } catch (error) {
          expect(isGuichetError(error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('licences of any jurisdiction and MagneSafe reports', () => {
  it('a licence whose IIN + number pass Luhn is a licence, never a refused payment card', () => {
    const [, t2] = SAMPLE_TRACKS['licence-michigan'].tracks;
    expect(luhnValidString(String(t2).slice(1, String(t2).indexOf('=')))).toBe(true); // the trap is real
    expect(classifySwipe(sampleReport('licence-michigan'))).toMatchObject({
      kind: 'driver-licence',
      jurisdiction: 'MI',
      iin: '636032',
      licenceNumber: '98765432101231234',
      familyName: 'SMITH',
      verified: { jurisdiction: true, licenceNumber: false },
    });
    // Even a licence swipe that does not parse stays unreadable rather than becoming a payment card.
    const broken = buildMagtekReport({
      encodeType: 1,
      tracks: ['%MIDETROIT^?', ';6360329876543210123=29?', undefined],
    });
    expect(classifySwipe(broken)).toMatchObject({ kind: 'driver-licence' });
    const noSeparator = buildMagtekReport({ encodeType: 1, tracks: [undefined, ';6360329876543210123?', undefined] });
    expect(classifySwipe(noSeparator)).toEqual({ kind: 'unreadable', reason: 'CARD_LAYOUT_MISMATCH' });
    // An ISO format B track 1 (`%B` + digit) is still a payment card, whatever its IIN.
    expect(
      classifySwipe(
        buildMagtekReport({
          encodeType: 0,
          tracks: ['%B6360329876543210123^X/Y^2812?', ';6360329876543210123=2812?', undefined],
        }),
      ),
    ).toMatchObject({ kind: 'payment-card-refused', last4: '0123' });
  });

  it('decodes the Quebec sample, its 35-character address whole, and a British Columbia track 1 (%BC…)', () => {
    expect(classifySwipe(sampleReport('licence-quebec'))).toMatchObject({
      kind: 'driver-licence',
      jurisdiction: 'QC',
      address: '1234 BOULEVARD DES GRANDES-PRAIRIES',
      city: 'LAVAL',
    });
    const bc = buildMagtekReport({
      encodeType: 1,
      tracks: ['%BCVICTORIA^LEE$ANN^1 GOVERNMENT ST^?', ';6360281234567=2801197001011?', undefined],
    });
    expect(classifySwipe(bc)).toMatchObject({ kind: 'driver-licence', jurisdiction: 'BC', licenceNumber: '12345671' });
  });

  it('a MagneSafe report (887 bytes) is read by its layout: masked payment card refused, licence decoded, zeroed', () => {
    const payment = sampleReport('payment-card', 'magnesafe');
    expect(payment.length).toBe(887);
    expect(parseMagtekReport(payment)).toMatchObject({ layout: 'magnesafe', masked: true, encodeType: 'iso-aba' });
    // Masked digits fail Luhn: the financial shape alone refuses it, with brand and last 4 only.
    expect(classifySwipe(payment)).toEqual({ kind: 'payment-card-refused', brand: 'visa', last4: '9855' });
    expect(payment.every((byte) => byte === 0)).toBe(true);
    expect(classifySwipe(sampleReport('driver-licence', 'magnesafe'))).toMatchObject({
      kind: 'driver-licence',
      licenceNumber: 'D6101-40706-60905',
    });
    const short = Buffer.concat([Buffer.of(0), sampleReport('health-card', 'magnesafe').subarray(0, 856)]);
    expect(parseMagtekReport(short).layout).toBe('magnesafe'); // 856 bytes after a zero report id
    // A plain reader sends clear tracks, so a masked-looking PAN there must still pass Luhn to be refused.
    const clearButFailing = buildMagtekReport({
      encodeType: 0,
      tracks: [undefined, ';4556730000009855=2812?', undefined],
    });
    expect(classifySwipe(clearButFailing)).toEqual({ kind: 'unreadable', reason: 'CARD_PAN_CHECK_FAILED' });
  });
});
