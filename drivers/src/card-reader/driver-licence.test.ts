// Ontario licence tracks per the AAMVA magnetic-stripe annex (see aamva-layout.ts for the number assumption).
import { describe, expect, it } from 'vitest';
import { parseDriverLicence } from './driver-licence';

const T1 = 'ONTORONTO^DOE$JANE$Q^123 MAIN ST W^';
const T3 = `01${'M5V3L9'.padEnd(11)}G ${''.padEnd(14)}2`;

describe('parseDriverLicence', () => {
  it('reads licence number, name, address, postal code, expiry on the birthday and birth date', () => {
    expect(parseDriverLicence(T1, '6360120461014070660=289919700905905', T3)).toEqual({
      kind: 'driver-licence',
      jurisdiction: 'ON',
      licenceNumber: 'D6101-40706-60905',
      familyName: 'DOE',
      givenNames: 'JANE Q',
      city: 'TORONTO',
      address: '123 MAIN ST W',
      postalCode: 'M5V 3L9',
      licenceClass: 'G',
      sex: 'F',
      expiry: '2028-09-05',
      birthDate: '1970-09-05',
    });
  });

  it('honours the AAMVA expiry codes: a plain month, 77 never, 88 end of birth month', () => {
    expect(parseDriverLicence(T1, '6360120461014070660=270219700905905', undefined).expiry).toBe('2027-02-28');
    expect(parseDriverLicence(T1, '6360120461014070660=297719700905905', undefined).expiry).toBe('none');
    expect(parseDriverLicence(T1, '6360120461014070660=298819700905905', undefined).expiry).toBe('2029-09-30');
  });

  it('reads full-width track 1 fields that have no separator', () => {
    const t1 = `ON${'MISSISSAUGA13'}${'SMITH$JOHN'}^1 KING ST^`;
    const out = parseDriverLicence(t1, '6360121961014070660=289919700905905', undefined);
    expect(out).toMatchObject({
      city: 'MISSISSAUGA13',
      familyName: 'SMITH',
      givenNames: 'JOHN',
      licenceNumber: 'S6101-40706-60905',
    });
  });

  it('reads an unused overflow written as a field separator as empty (too short for an Ontario number)', () => {
    // 13 digits only cannot hold an Ontario number, so the separator-only overflow must be refused as too short,
    // while the same track with its 3 overflow digits reads.
    expect(() => parseDriverLicence(T1, '6360120461014070660=289919700905=', undefined)).toThrow(
      expect.objectContaining({
        code: 'CARD_LAYOUT_MISMATCH',
        message: expect.stringContaining('wrong length') as unknown,
      }),
    );
    expect(parseDriverLicence(T1, '6360120461014070660=289919700905905', undefined).licenceNumber).toBe(
      'D6101-40706-60905',
    );
  });

  it('refuses other issuers, a jurisdiction mismatch, bad dates and a bad number letter', () => {
    const bad: Array<[string, string]> = [
      [T1, '6360140461014070660=289919700905905'], // another IIN
      ['QCMONTREAL^DOE$JANE^1 RUE^', '6360120461014070660=289919700905905'],
      [T1, '6360120461014070660=289919701305905'], // month 13
      [T1, '6360122761014070660=289919700905905'], // letter 27
      [T1, '636012046101407066=289919700905905'], // one digit short
    ];
    for (const [t1, t2] of bad)
      expect(() => parseDriverLicence(t1, t2, undefined)).toThrow(
        expect.objectContaining({ code: 'CARD_LAYOUT_MISMATCH' }),
      );
  });
});
