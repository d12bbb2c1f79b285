// Ontario driver's licence from its AAMVA magnetic tracks (layout tables in aamva-layout.ts): licence number,
// name, address, postal code, expiry and birth date, for prefilling forms.
import {
  AAMVA_EXPIRY_CODES,
  AAMVA_SEX_CODES,
  AAMVA_TRACK1,
  AAMVA_TRACK2,
  AAMVA_TRACK3,
  LICENCE_ISSUERS,
  ONTARIO_NUMBER,
} from './aamva-layout';
import { endOfMonth, isoDate, layoutError, postalCode, readVariable } from './track-fields';

export interface DriverLicence {
  kind: 'driver-licence';
  jurisdiction: string;
  licenceNumber: string;
  familyName: string;
  givenNames: string;
  city: string;
  address: string;
  postalCode?: string;
  licenceClass?: string;
  sex?: 'M' | 'F' | 'X';
  /** CCYY-MM-DD, or 'none' for a non-expiring card. */
  expiry: string;
  birthDate: string;
}

/** Track contents are the characters between the sentinels (see track-reader.ts). */
export function parseDriverLicence(track1: string, track2: string, track3: string | undefined): DriverLicence {
  // Track 2: IIN, number, '=', YYMM, CCYYMMDD, overflow.
  const iin = track2.slice(0, AAMVA_TRACK2.iinWidth);
  const issuer = LICENCE_ISSUERS[iin];
  if (!issuer) throw layoutError('the licence issuer is not one we decode');
  const sep = track2.indexOf(AAMVA_TRACK2.separator, AAMVA_TRACK2.iinWidth);
  if (sep < 0 || sep - AAMVA_TRACK2.iinWidth > AAMVA_TRACK2.numberMax)
    throw layoutError('track 2 has no licence number field');
  const number = track2.slice(AAMVA_TRACK2.iinWidth, sep);
  const expiryCode = track2.slice(sep + 1, sep + 1 + AAMVA_TRACK2.expiryWidth);
  const birth = track2.slice(
    sep + 1 + AAMVA_TRACK2.expiryWidth,
    sep + 1 + AAMVA_TRACK2.expiryWidth + AAMVA_TRACK2.birthDateWidth,
  );
  // An unused overflow field holds a field separator instead of digits (AAMVA track 2, field g).
  const overflow = track2.slice(sep + 1 + AAMVA_TRACK2.expiryWidth + AAMVA_TRACK2.birthDateWidth).replace(/^=$/, '');
  if (!/^\d*$/.test(number + overflow) || overflow.length > AAMVA_TRACK2.overflowMax)
    throw layoutError('track 2 number fields are not numeric');
  const birthDate = isoDate(birth);

  // Track 1: jurisdiction, city^, name^, address^.
  const jurisdiction = track1.slice(0, AAMVA_TRACK1.jurisdictionWidth);
  if (jurisdiction !== issuer.jurisdiction) throw layoutError('track 1 names another jurisdiction than track 2');
  const values: string[] = [];
  let at: number = AAMVA_TRACK1.jurisdictionWidth;
  for (const field of AAMVA_TRACK1.fields) {
    const read = readVariable(track1, at, field.max, AAMVA_TRACK1.separator);
    values.push(read.value.trim());
    at = read.next;
  }
  const [city = '', name = '', address = ''] = values;
  const [familyName = '', ...given] = name
    .split(AAMVA_TRACK1.nameSeparator)
    .map((part) => part.trim().replace(/,$/, ''));
  if (!familyName) throw layoutError('track 1 has no family name');

  const result: DriverLicence = {
    kind: 'driver-licence',
    jurisdiction,
    licenceNumber: formatOntarioNumber(number + overflow),
    familyName,
    givenNames: given.filter(Boolean).join(' '),
    city,
    address,
    expiry: expiry(expiryCode, birthDate),
    birthDate,
  };
  if (track3 !== undefined) Object.assign(result, parseTrack3(track3));
  return result;
}

function formatOntarioNumber(digits: string): string {
  if (digits.length !== ONTARIO_NUMBER.letterDigits + ONTARIO_NUMBER.digitsAfterLetter)
    throw layoutError('the licence number has the wrong length');
  const position = Number(digits.slice(0, ONTARIO_NUMBER.letterDigits));
  if (position < 1 || position > 26) throw layoutError('the licence number letter is out of range');
  const letter = String.fromCharCode(0x40 + position);
  const rest = digits.slice(ONTARIO_NUMBER.letterDigits);
  const groups: string[] = [];
  let at = 0;
  for (const width of ONTARIO_NUMBER.groups) {
    groups.push(rest.slice(at, at + width));
    at += width;
  }
  // A1234-56789-01234: the letter leads the first group.
  return `${letter}${groups.join('-')}`;
}

function expiry(code: string, birthDate: string): string {
  if (!/^\d{4}$/.test(code)) throw layoutError('the expiry is not YYMM');
  const special = AAMVA_EXPIRY_CODES[code.slice(2) as keyof typeof AAMVA_EXPIRY_CODES];
  if (special === 'non-expiring') return 'none';
  const year = `20${code.slice(0, 2)}`;
  if (special === 'on-birthday')
    return isoDate(`${year}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}`.replace(/^(\d{4})0229$/, '$10228'));
  if (special === 'end-of-birth-month') return endOfMonth(`${code.slice(0, 2)}${birthDate.slice(5, 7)}`);
  return endOfMonth(code);
}

function parseTrack3(track3: string): Pick<DriverLicence, 'postalCode' | 'licenceClass' | 'sex'> {
  const fields: Record<string, string> = {};
  let at = 0;
  for (const field of AAMVA_TRACK3) {
    fields[field.name] = track3.slice(at, at + field.width);
    at += field.width;
  }
  const out: Pick<DriverLicence, 'postalCode' | 'licenceClass' | 'sex'> = {};
  if (fields.postalCode?.trim()) out.postalCode = postalCode(fields.postalCode);
  if (fields.licenceClass?.trim()) out.licenceClass = fields.licenceClass.trim();
  const sex = AAMVA_SEX_CODES[fields.sex ?? ''];
  if (sex) out.sex = sex;
  return out;
}
