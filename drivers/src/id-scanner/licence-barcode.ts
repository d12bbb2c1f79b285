// An AAMVA DL/ID barcode (bytes) to the IdDocument the kiosk prefills: issuer from the IIN, names by version
// (DCS + DAC/DAD from 2009, DCS + DCT in 2003/2005 files, DAB/DAA in 2000 files), dates to ISO in the order the
// version and country prescribe, postal code normalised. Pure; malformed input throws a typed GuichetError.
import { readAamvaDate, prescribedDateOrder } from './aamva-dates';
import { parseAamvaFile, type AamvaFile } from './aamva-file';
import { issuerOf, type IssuerCountry } from './aamva-issuers';
import type { IdDocument } from './id-document';
import { idScanError } from './id-scan-error';

/** Placeholders issuers write for "no value" (e.g. DADNONE when there is no middle name). */
const PLACEHOLDERS = new Set(['NONE', 'UNAVL', 'UNAVAIL', 'UNKNOWN']);

/** Trimmed, runs of spaces collapsed, trailing commas dropped (Ontario writes "DCSSURNAME,"), placeholders empty. */
function clean(value: string | undefined): string {
  const cleaned = (value ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[,\s]+$/, '');
  return PLACEHOLDERS.has(cleaned.toUpperCase()) ? '' : cleaned;
}

/** Name parts separated by commas or '$', each cleaned; empty parts dropped. */
function nameParts(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,$]/)
    .map(clean)
    .filter((part) => part !== '');
}

function countryOf(file: AamvaFile, issuerCountry: IssuerCountry): IssuerCountry {
  const dcg = clean(file.elements.get('DCG')).toUpperCase();
  if (dcg === 'CAN' || dcg === 'CDN') return 'CAN';
  if (dcg === 'USA') return 'USA';
  return issuerCountry;
}

function names(file: AamvaFile): { familyName: string; givenNames: string } {
  const e = file.elements;
  const full = nameParts(e.get('DAA'));
  const familyName = clean(e.get('DCS')) || clean(e.get('DAB')) || (full[0] ?? '');
  if (!familyName) throw idScanError('IDSCAN_MISSING_ELEMENT', 'the family name (DCS) is missing', 'DCS');
  let given: string[];
  if (clean(e.get('DAC'))) given = [clean(e.get('DAC')), ...nameParts(e.get('DAD'))];
  else if (clean(e.get('DCT'))) given = nameParts(e.get('DCT'));
  else given = full.slice(1);
  return { familyName, givenNames: given.join(' ') };
}

function postalCode(raw: string, country: IssuerCountry): { value: string; verified: boolean } {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  if (country === 'CAN' && /^[A-Z]\d[A-Z]\d[A-Z]\d$/.test(compact))
    return { value: `${compact.slice(0, 3)} ${compact.slice(3)}`, verified: true };
  if (country === 'USA' && /^\d{5}(\d{4})?$/.test(compact)) {
    // A 9-digit field is ZIP+4; issuers without the +4 pad it with 0000.
    const plus4 = compact.slice(5);
    return {
      value: plus4 === '' || plus4 === '0000' ? compact.slice(0, 5) : `${compact.slice(0, 5)}-${plus4}`,
      verified: true,
    };
  }
  return { value: clean(raw), verified: false };
}

const SEX: Record<string, 'M' | 'F' | 'X'> = { '1': 'M', M: 'M', '2': 'F', F: 'F', '9': 'X', X: 'X' };

export function parseLicenceBarcode(bytes: Uint8Array): IdDocument {
  const file = parseAamvaFile(bytes);
  const { header, elements: e } = file;
  const issuer = issuerOf(header.iin);
  if (!issuer)
    throw idScanError('IDSCAN_UNKNOWN_ISSUER', `IIN ${header.iin} is not an AAMVA issuer in Guichet's table`, 'IIN');
  const country = countryOf(file, issuer.country);
  const order = prescribedDateOrder(header.aamvaVersion, country);
  const unverified: string[] = [];

  const licenceNumber = clean(e.get('DAQ'));
  if (!licenceNumber) throw idScanError('IDSCAN_MISSING_ELEMENT', 'the licence number (DAQ) is missing', 'DAQ');
  const { familyName, givenNames } = names(file);

  const date = (id: string, what: string, required: boolean): string | undefined => {
    const raw = clean(e.get(id));
    if (!raw) {
      if (required) throw idScanError('IDSCAN_MISSING_ELEMENT', `the ${what} (${id}) is missing`, id);
      return undefined;
    }
    const read = readAamvaDate(raw, order);
    if (!read) {
      if (required) throw idScanError('IDSCAN_BAD_DATE', `the ${what} (${id}) is not a date in ${order} order`, id);
      return undefined;
    }
    if (read.fallback) unverified.push(id);
    return read.iso;
  };
  const birthDate = date('DBB', 'birth date', true) as string;
  const expiry = date('DBA', 'expiry date', true) as string;
  const issueDate = date('DBD', 'issue date', false);

  const document: IdDocument = {
    kind: file.subfileType === 'DL' ? 'driver-licence' : 'id-card',
    jurisdiction: issuer.code,
    jurisdictionName: issuer.name,
    country,
    iin: header.iin,
    aamvaVersion: header.aamvaVersion,
    jurisdictionVersion: header.jurisdictionVersion,
    licenceNumber,
    familyName,
    givenNames,
    birthDate,
    expiry,
    unverified,
  };
  if (issueDate) document.issueDate = issueDate;
  const address = [clean(e.get('DAG')), clean(e.get('DAH'))].filter(Boolean).join(', ');
  if (address) document.address = address;
  const city = clean(e.get('DAI'));
  if (city) document.city = city;
  const province = clean(e.get('DAJ'));
  if (province) document.province = province;
  const rawPostal = e.get('DAK');
  if (rawPostal !== undefined && clean(rawPostal)) {
    const postal = postalCode(rawPostal, country);
    document.postalCode = postal.value;
    if (!postal.verified) unverified.push('DAK');
  }
  const sex = SEX[clean(e.get('DBC')).toUpperCase()];
  if (sex) document.sex = sex;
  const height = /^(\d{1,3})\s*(CM|IN)$/i.exec(clean(e.get('DAU')));
  if (height) document.height = { value: Number(height[1]), unit: (height[2] ?? '').toLowerCase() as 'cm' | 'in' };
  const discriminator = clean(e.get('DCF'));
  if (discriminator) document.documentDiscriminator = discriminator;
  return document;
}
