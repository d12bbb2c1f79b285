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
      iin: '636012',
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
      verified: { jurisdiction: true, licenceNumber: true, name: true, expiry: true, birthDate: true },
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

  it('reads an unused overflow written as a field separator as empty: 13 digits do not verify as Ontario', () => {
    // 13 digits only cannot hold an Ontario number: returned as encoded and marked unverified, never refused,
    // while the same track with its 3 overflow digits formats.
    expect(parseDriverLicence(T1, '6360120461014070660=289919700905=', undefined)).toMatchObject({
      licenceNumber: '0461014070660',
      verified: { licenceNumber: false, jurisdiction: true },
    });
    expect(parseDriverLicence(T1, '6360120461014070660=289919700905905', undefined).licenceNumber).toBe(
      'D6101-40706-60905',
    );
  });

  it('never refuses a well-formed licence: other issuers, a jurisdiction mismatch, bad dates, a bad letter', () => {
    // California (636014): decoded, number as encoded, jurisdiction from the IIN table.
    expect(parseDriverLicence(T1, '6360140461014070660=289919700905905', undefined)).toMatchObject({
      jurisdiction: 'CA',
      licenceNumber: '0461014070660905',
      verified: { jurisdiction: false, licenceNumber: false },
    });
    // Track 1 says QC, the IIN says Ontario: the IIN wins, the disagreement is marked.
    expect(
      parseDriverLicence('QCMONTREAL^DOE$JANE^1 RUE^', '6360120461014070660=289919700905905', undefined),
    ).toMatchObject({ jurisdiction: 'ON', verified: { jurisdiction: false, licenceNumber: true } });
    // Month 13 birth date: no birth date, and the birthday expiry that depends on it cannot be read either.
    const badBirth = parseDriverLicence(T1, '6360120461014070660=289919701305905', undefined);
    expect(badBirth).toMatchObject({ verified: { birthDate: false, expiry: false }, familyName: 'DOE' });
    expect(badBirth).not.toHaveProperty('birthDate');
    // Letter 27 and one digit short: the Ontario rule does not verify, the number is returned as encoded.
    expect(parseDriverLicence(T1, '6360122761014070660=289919700905905', undefined)).toMatchObject({
      licenceNumber: '2761014070660905',
      verified: { licenceNumber: false },
    });
    expect(parseDriverLicence(T1, '636012046101407066=289919700905905', undefined)).toMatchObject({
      licenceNumber: '046101407066905',
      verified: { licenceNumber: false },
    });
  });

  it('only refuses what is not an AAMVA track 2 (no AAMVA IIN, no separator, letters in the number)', () => {
    for (const t2 of ['4556737586899855=2812101', '636012046101407066', '63601204610A4070660=289919700905905'])
      expect(() => parseDriverLicence(T1, t2, undefined)).toThrow(
        expect.objectContaining({ code: 'CARD_LAYOUT_MISMATCH' }),
      );
  });
});

describe('licences of every AAMVA jurisdiction', () => {
  it('decodes Quebec and a US state by IIN, returning the number as encoded', () => {
    expect(
      parseDriverLicence('QCQUEBEC^TREMBLAY$MARIE^12 RUE SAINT-JEAN^', '604428123456789012=280519850315=', undefined),
    ).toMatchObject({
      jurisdiction: 'QC',
      iin: '604428',
      licenceNumber: '123456789012',
      familyName: 'TREMBLAY',
      givenNames: 'MARIE',
      birthDate: '1985-03-15',
      expiry: '2028-05-31',
      verified: { jurisdiction: true, licenceNumber: false, name: true, expiry: true, birthDate: true },
    });
    expect(
      parseDriverLicence('MIDETROIT^SMITH$JOHN^1 WOODWARD AVE^', '6360329876543210123=2907199001011234', undefined),
    ).toMatchObject({
      jurisdiction: 'MI',
      licenceNumber: '98765432101231234', // 13 digits + a 4-digit overflow, as encoded
      verified: { jurisdiction: true },
    });
  });

  it('reads an address longer than 29 characters whole when a short city or name left room', () => {
    const address = '1234 BOULEVARD DES GRANDES-PRAIRIES'; // 35 characters
    const out = parseDriverLicence(`QCLAVAL^ROY$LEA^${address}^`, '604428123456789012=280519850315=', undefined);
    expect(out.address).toBe(address);
    expect(out.city).toBe('LAVAL');
  });
});
