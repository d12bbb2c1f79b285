// Driver's licence / ID card of any AAMVA jurisdiction from its magnetic tracks (layout tables in aamva-layout.ts).
// A well-formed licence is never refused: what is present is returned for prefilling, the number as encoded and
// the jurisdiction from the IIN table, and each field that could not be verified is marked `verified: false`.
// Only a jurisdiction whose number rule verifies gets a formatted number (Ontario: letter + 14 digits).
import {
  AAMVA_EXPIRY_CODES,
  AAMVA_SEX_CODES,
  AAMVA_TRACK1,
  AAMVA_TRACK2,
  AAMVA_TRACK3,
  LICENCE_ISSUERS,
  ONTARIO_NUMBER,
  isAamvaIin,
} from './aamva-layout';
import { endOfMonth, isoDate, layoutError, postalCode, readVariable } from './track-fields';

export interface LicenceVerification {
  /** The IIN is in the table and track 1 names the same jurisdiction. */
  jurisdiction: boolean;
  /** The jurisdiction's number rule checked and formatted the number (false: returned as encoded). */
  licenceNumber: boolean;
  name: boolean;
  expiry: boolean;
  birthDate: boolean;
}

export interface DriverLicence {
  kind: 'driver-licence';
  /** Two-letter jurisdiction from the IIN table (from track 1 for an IIN the table does not have). */
  jurisdiction: string;
  iin: string;
  /**
   * Formatted when the jurisdiction's rule verifies it (Ontario A1234-56789-01234, verified.licenceNumber true);
   * otherwise the characters as encoded: track 2's number field, then its overflow.
   */
  licenceNumber: string;
  familyName: string;
  givenNames: string;
  city: string;
  address: string;
  postalCode?: string;
  licenceClass?: string;
  sex?: 'M' | 'F' | 'X';
  /** CCYY-MM-DD, or 'none' for a non-expiring card; absent when it cannot be read. */
  expiry?: string;
  birthDate?: string;
  verified: LicenceVerification;
}

/** Track 2 starts with an AAMVA IIN (636000-636062, 604426-604434). */
export function hasAamvaIin(track2Content: string): boolean {
  return isAamvaIin(track2Content.slice(0, AAMVA_TRACK2.iinWidth));
}

/** Track contents are the characters between the sentinels (see track-reader.ts). */
export function parseDriverLicence(track1: string, track2: string, track3: string | undefined): DriverLicence {
  // Track 2: IIN, number (≤13), '=', YYMM, CCYYMMDD, overflow (≤5). The IIN and the separator make it a licence.
  const iin = track2.slice(0, AAMVA_TRACK2.iinWidth);
  if (!isAamvaIin(iin)) throw layoutError('track 2 does not start with an AAMVA issuer number');
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
  const track3Fields = track3 === undefined ? undefined : readTrack3(track3);
  const encodedNumber = number + (overflow || (track3Fields?.idNumberOverflow ?? '').trim());

  const birthDate = attempt(() => isoDate(birth));
  const expiry = attempt(() => expiryDate(expiryCode, birthDate));

  // Track 1: jurisdiction, city^, name^, address^. The address is read to its separator, however long: it may
  // use the room a short city or name left on the track.
  const trackJurisdiction = track1.slice(0, AAMVA_TRACK1.jurisdictionWidth);
  let at: number = AAMVA_TRACK1.jurisdictionWidth;
  const widths = Object.fromEntries(AAMVA_TRACK1.fields.map((field) => [field.name, field.max]));
  const city = readVariable(track1, at, widths.city ?? 0, AAMVA_TRACK1.separator);
  at = city.next;
  const name = readVariable(track1, at, widths.name ?? 0, AAMVA_TRACK1.separator);
  at = name.next;
  const addressEnd = track1.indexOf(AAMVA_TRACK1.separator, at);
  const address = (addressEnd < 0 ? track1.slice(at) : track1.slice(at, addressEnd)).trim();
  const [familyName = '', ...given] = name.value
    .split(AAMVA_TRACK1.nameSeparator)
    .map((part) => part.trim().replace(/,$/, ''));

  const issuer = LICENCE_ISSUERS[iin];
  const formatted = issuer?.numberRule === 'ontario' ? formatOntarioNumber(encodedNumber) : undefined;
  const result: DriverLicence = {
    kind: 'driver-licence',
    jurisdiction: issuer?.jurisdiction ?? (/^[A-Z]{2}$/.test(trackJurisdiction) ? trackJurisdiction : 'XX'),
    iin,
    licenceNumber: formatted ?? encodedNumber,
    familyName,
    givenNames: given.filter(Boolean).join(' '),
    city: city.value.trim(),
    address,
    verified: {
      jurisdiction: issuer !== undefined && issuer.jurisdiction === trackJurisdiction,
      licenceNumber: formatted !== undefined,
      name: familyName.length > 0,
      expiry: expiry !== undefined,
      birthDate: birthDate !== undefined,
    },
  };
  if (expiry !== undefined) result.expiry = expiry;
  if (birthDate !== undefined) result.birthDate = birthDate;
  if (track3Fields) Object.assign(result, track3Prefill(track3Fields));
  return result;
}

/** The value, or undefined when the field does not read (it is then marked unverified, never fatal). */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Ontario: a letter (written as its alphabet position, 01-26) and 14 digits; undefined when that does not hold. */
function formatOntarioNumber(digits: string): string | undefined {
  if (!/^\d+$/.test(digits) || digits.length !== ONTARIO_NUMBER.letterDigits + ONTARIO_NUMBER.digitsAfterLetter)
    return undefined;
  const position = Number(digits.slice(0, ONTARIO_NUMBER.letterDigits));
  if (position < 1 || position > 26) return undefined;
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

function expiryDate(code: string, birthDate: string | undefined): string {
  if (!/^\d{4}$/.test(code)) throw layoutError('the expiry is not YYMM');
  const special = AAMVA_EXPIRY_CODES[code.slice(2) as keyof typeof AAMVA_EXPIRY_CODES];
  if (special === 'non-expiring') return 'none';
  const year = `20${code.slice(0, 2)}`;
  if (special && !birthDate) throw layoutError('the expiry depends on a birth date that does not read');
  if (special === 'on-birthday' && birthDate)
    return isoDate(`${year}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}`.replace(/^(\d{4})0229$/, '$10228'));
  if (special === 'end-of-birth-month' && birthDate) return endOfMonth(`${code.slice(0, 2)}${birthDate.slice(5, 7)}`);
  return endOfMonth(code);
}

function readTrack3(track3: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let at = 0;
  for (const field of AAMVA_TRACK3) {
    fields[field.name] = track3.slice(at, at + field.width);
    at += field.width;
  }
  return fields;
}

function track3Prefill(fields: Record<string, string>): Pick<DriverLicence, 'postalCode' | 'licenceClass' | 'sex'> {
  const out: Pick<DriverLicence, 'postalCode' | 'licenceClass' | 'sex'> = {};
  if (fields.postalCode?.trim()) out.postalCode = postalCode(fields.postalCode);
  if (fields.licenceClass?.trim()) out.licenceClass = fields.licenceClass.trim();
  const sex = AAMVA_SEX_CODES[fields.sex ?? ''];
  if (sex) out.sex = sex;
  return out;
}
