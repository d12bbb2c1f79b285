// The AAMVA parser by value: the three sample jurisdictions, the layouts issuers really print (zero offsets,
// letters in offsets, version 01 headers, the older "AAMVA" file type), and one test per malformed shape, each
// asserting the error code, the part it names, and that no personal data is in the message.
import { isGuichetError } from '@guichet/shared';
import { describe, expect, it } from 'vitest';
import { encodeAamva, type AamvaFileSpec } from '../sim/id-scanner/aamva-encoder';
import {
  SAMPLE_DOCUMENTS,
  SAMPLE_LICENCES,
  SAMPLE_SPECS,
  sampleLicencePayload,
} from '../sim/id-scanner/sample-licences';
import { AAMVA_ISSUERS, issuerOf } from './aamva-issuers';
import { IdDocument } from './id-document';
import { parseLicenceBarcode } from './licence-barcode';

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

/** The error `fn` throws, asserted to be a GuichetError. */
function thrown(fn: () => unknown): { code: string; message: string; part: unknown } {
  try {
    fn();
  } catch (error) {
    if (!isGuichetError(error)) throw error;
    return { code: error.code, message: error.message, part: error.details?.part };
  }
  throw new Error('expected a GuichetError, nothing was thrown');
}

const PERSONAL = ['SAMPLE', 'JANE', 'QUINN', 'QUEEN', 'TORONTO', 'M5V', 'S1234', '1985', '0915'];
const expectNoPersonalData = (message: string): void => {
  for (const secret of PERSONAL) expect(message).not.toContain(secret);
};

const ontario = (): AamvaFileSpec => structuredClone(SAMPLE_SPECS.ontario);
const withElements = (
  spec: AamvaFileSpec,
  change: (elements: Array<[string, string]>) => Array<[string, string]>,
): AamvaFileSpec => ({
  ...spec,
  subfiles: spec.subfiles.map((s, i) => (i === 0 ? { ...s, elements: change(s.elements.map(([a, b]) => [a, b])) } : s)),
});

describe('parseLicenceBarcode: sample jurisdictions', () => {
  for (const sample of SAMPLE_LICENCES) {
    it(`decodes the ${sample} sample to its expected document`, () => {
      const document = parseLicenceBarcode(sampleLicencePayload(sample));
      expect(document).toEqual(SAMPLE_DOCUMENTS[sample]);
      expect(IdDocument.parse(document)).toEqual(document);
    });
  }

  it('reads Ontario dates as CCYYMMDD and Michigan dates as MMDDCCYY (the same digits mean different days)', () => {
    const on = withElements(ontario(), (els) => els.map(([id, v]) => [id, id === 'DBB' ? '01022000' : v]));
    // 0102-20-00 is no date in CCYYMMDD: read as MMDDCCYY by fallback and flagged.
    expect(parseLicenceBarcode(encodeAamva(on))).toMatchObject({ birthDate: '2000-01-02', unverified: ['DBB'] });
    const mi = withElements(SAMPLE_SPECS.michigan, (els) => els.map(([id, v]) => [id, id === 'DBB' ? '10112000' : v]));
    expect(parseLicenceBarcode(encodeAamva(mi))).toMatchObject({ birthDate: '2000-10-11', unverified: [] });
    const on2 = withElements(ontario(), (els) => els.map(([id, v]) => [id, id === 'DBB' ? '20001011' : v]));
    expect(parseLicenceBarcode(encodeAamva(on2))).toMatchObject({ birthDate: '2000-10-11', unverified: [] });
  });

  it('finds the subfile at its declared offset, one byte off, after the designators when 0000, or with letters there', () => {
    const good = sampleLicencePayload('british-columbia');
    const expected = SAMPLE_DOCUMENTS['british-columbia'];
    expect(parseLicenceBarcode(good)).toEqual(expected);
    const dlDesignator = good.indexOf('DL0', 21);
    const patched = (offset: string): Buffer => {
      const copy = Buffer.from(good);
      copy.write(offset, dlDesignator + 2, 'latin1');
      return copy;
    };
    const declared = Number(good.toString('latin1', dlDesignator + 2, dlDesignator + 6));
    expect(parseLicenceBarcode(patched(String(declared + 1).padStart(4, '0')))).toEqual(expected);
    expect(parseLicenceBarcode(patched('0000'))).toEqual(expected);
    expect(parseLicenceBarcode(patched('abac'))).toEqual(expected);
  });

  it('reads a version 01 file (19-byte header, DAB/DAC names, CCYYMMDD even in the US) and the older AAMVA file type', () => {
    const v1: AamvaFileSpec = {
      iin: '636000',
      aamvaVersion: 1,
      jurisdictionVersion: 0,
      subfiles: [
        {
          type: 'DL',
          elements: [
            ['DAQ', 'A12345678'],
            ['DAA', 'PUBLIC,JOHN,Q'],
            ['DBB', '19700131'],
            ['DBA', '20300131'],
            ['DAK', '23269'],
          ],
        },
      ],
    };
    const expected = {
      jurisdiction: 'VA',
      country: 'USA',
      aamvaVersion: 1,
      jurisdictionVersion: 0,
      familyName: 'PUBLIC',
      givenNames: 'JOHN Q',
      birthDate: '1970-01-31',
      expiry: '2030-01-31',
      postalCode: '23269',
      unverified: [],
    };
    expect(parseLicenceBarcode(encodeAamva(v1))).toMatchObject(expected);
    expect(parseLicenceBarcode(encodeAamva({ ...v1, fileType: 'AAMVA' }))).toMatchObject(expected);
  });

  it('an ID subfile is an id-card; names from DAC/DAD win over DCT; Latin-1 accents are kept', () => {
    const spec: AamvaFileSpec = {
      iin: '604428',
      aamvaVersion: 10,
      jurisdictionVersion: 0,
      subfiles: [
        {
          type: 'ID',
          elements: [
            ['DAQ', 'Q0000-000000-00'],
            ['DCS', 'GAGNÉ'],
            ['DAC', 'HÉLÈNE'],
            ['DAD', 'MARIE,JOSÉE'],
            ['DCT', 'IGNORED'],
            ['DBB', '19800101'],
            ['DBA', '20310101'],
            ['DAK', 'H2X 1Y4'],
            ['DCG', 'CAN'],
          ],
        },
      ],
    };
    expect(parseLicenceBarcode(encodeAamva(spec))).toMatchObject({
      kind: 'id-card',
      jurisdiction: 'QC',
      familyName: 'GAGNÉ',
      givenNames: 'HÉLÈNE MARIE JOSÉE',
      postalCode: 'H2X 1Y4',
    });
  });

  it('a postal code in no known shape is kept as encoded and flagged unverified', () => {
    const spec = withElements(ontario(), (els) => els.map(([id, v]) => [id, id === 'DAK' ? 'K1A-0B1X' : v]));
    expect(parseLicenceBarcode(encodeAamva(spec))).toMatchObject({ postalCode: 'K1A-0B1X', unverified: ['DAK'] });
  });
});

describe('parseLicenceBarcode: malformed input is a typed error naming the part, never the data', () => {
  const good = sampleLicencePayload('ontario');
  const header = good.subarray(0, 21).toString('latin1');
  const rest = good.subarray(21).toString('latin1');
  const cases: Array<[string, Buffer, string, unknown]> = [
    ['empty', Buffer.alloc(0), 'IDSCAN_EMPTY', undefined],
    ['longer than any PDF417 symbol', Buffer.concat([good, Buffer.alloc(3000, 0x41)]), 'IDSCAN_TOO_LONG', undefined],
    ['a QR code URL', latin1('https://example.org/x'), 'IDSCAN_NOT_AAMVA', 'compliance indicator'],
    ['@ then another file type', latin1('@\n\x1e\rHELLO WORLD 123456789'), 'IDSCAN_NOT_AAMVA', 'file type'],
    ['header cut before the file type', latin1('@\n\x1e\rAN'), 'IDSCAN_TRUNCATED', 'header'],
    ['CR in place of LF', latin1(`@\r\x1e\r${header.slice(4)}${rest}`), 'IDSCAN_BAD_HEADER', 'data element separator'],
    ['no record separator', latin1(`@\n\n\r${header.slice(4)}${rest}`), 'IDSCAN_BAD_HEADER', 'record separator'],
    ['no segment terminator', latin1(`@\n\x1e\n${header.slice(4)}${rest}`), 'IDSCAN_BAD_HEADER', 'segment terminator'],
    ['letters in the IIN', latin1(`${header.slice(0, 9)}63601X${header.slice(15)}${rest}`), 'IDSCAN_BAD_HEADER', 'IIN'],
    [
      'letters in the version',
      latin1(`${header.slice(0, 15)}0A${header.slice(17)}${rest}`),
      'IDSCAN_BAD_HEADER',
      'AAMVA version',
    ],
    ['header cut in the version fields', good.subarray(0, 18), 'IDSCAN_TRUNCATED', 'header'],
    [
      'letters in the jurisdiction version',
      latin1(`${header.slice(0, 17)}X0${header.slice(19)}${rest}`),
      'IDSCAN_BAD_HEADER',
      'jurisdiction version',
    ],
    ['zero entries', latin1(`${header.slice(0, 19)}00${rest}`), 'IDSCAN_BAD_HEADER', 'number of entries'],
    [
      'an IIN outside the AAMVA table',
      latin1(`${header.slice(0, 9)}999999${header.slice(15)}${rest}`),
      'IDSCAN_UNKNOWN_ISSUER',
      'IIN',
    ],
    ['cut inside the designator', good.subarray(0, 26), 'IDSCAN_TRUNCATED', 'subfile designator 1'],
    [
      'a designator without a type',
      latin1(`${header}1200000367${rest.slice(10)}`),
      'IDSCAN_BAD_DESIGNATOR',
      'subfile designator 1',
    ],
    [
      'only a vehicle registration subfile',
      latin1(`${header}VH00000367${rest.slice(10)}`),
      'IDSCAN_NO_LICENCE_SUBFILE',
      'subfile designators',
    ],
    ['the subfile nowhere', latin1(`${header}${rest.slice(0, 10)}XXDCA`), 'IDSCAN_SUBFILE_NOT_FOUND', 'DL subfile'],
    ['a partial read (no segment terminator)', good.subarray(0, 120), 'IDSCAN_TRUNCATED', 'DL subfile'],
    [
      'an element without an id',
      latin1(`${header}${rest.replace('\nDCB', '\n12B')}`),
      'IDSCAN_BAD_ELEMENT',
      'DL element 2',
    ],
  ];
  for (const [name, bytes, code, part] of cases) {
    it(`${name} → ${code}`, () => {
      const error = thrown(() => parseLicenceBarcode(bytes));
      expect(error.code).toBe(code);
      expect(error.part).toBe(part);
      expectNoPersonalData(error.message);
    });
  }

  const without = (id: string) => encodeAamva(withElements(ontario(), (els) => els.filter(([e]) => e !== id)));
  const replaced = (id: string, value: string) =>
    encodeAamva(withElements(ontario(), (els) => els.map(([e, v]) => [e, e === id ? value : v])));
  const elementCases: Array<[string, Buffer, string, string]> = [
    ['no licence number', without('DAQ'), 'IDSCAN_MISSING_ELEMENT', 'DAQ'],
    ['a blank licence number', replaced('DAQ', '   '), 'IDSCAN_MISSING_ELEMENT', 'DAQ'],
    ['no family name', without('DCS'), 'IDSCAN_MISSING_ELEMENT', 'DCS'],
    ['no birth date', without('DBB'), 'IDSCAN_MISSING_ELEMENT', 'DBB'],
    ['no expiry', without('DBA'), 'IDSCAN_MISSING_ELEMENT', 'DBA'],
    ['a birth date that is no date in either order', replaced('DBB', '19851399'), 'IDSCAN_BAD_DATE', 'DBB'],
    ['an expiry with letters', replaced('DBA', '2030O915'), 'IDSCAN_BAD_DATE', 'DBA'],
  ];
  for (const [name, bytes, code, part] of elementCases) {
    it(`${name} → ${code} naming ${part}`, () => {
      const error = thrown(() => parseLicenceBarcode(bytes));
      expect({ code: error.code, part: error.part }).toEqual({ code, part });
      expectNoPersonalData(error.message);
    });
  }
});

describe('the issuer table', () => {
  it('holds every Canadian province and territory and every US state plus DC, Ontario at 636012', () => {
    const issuers = Object.values(AAMVA_ISSUERS);
    expect(
      issuers
        .filter((i) => i.country === 'CAN')
        .map((i) => i.code)
        .sort(),
    ).toEqual(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
    const territories = ['AS', 'GU', 'MP', 'PR', 'VI'];
    expect(issuers.filter((i) => i.country === 'USA' && !territories.includes(i.code))).toHaveLength(51);
    expect(new Set(issuers.map((i) => i.code)).size).toBe(issuers.length);
    expect(issuerOf('636012')).toEqual({ code: 'ON', name: 'Ontario', country: 'CAN' });
    expect(issuerOf('toString')).toBeUndefined();
  });
});
