// AAMVA DL/ID Card Design Standard, annex on the magnetic stripe (tracks 1-3), as data tables: field order,
// maximum widths, separators, and the IIN of every jurisdiction. Ontario's IIN is 636012.
export interface VariableField {
  name: string;
  /** Maximum width; a shorter value is terminated by the separator, a full-width one is not. */
  max: number;
}

export interface FixedField {
  name: string;
  width: number;
}

/** Track 1 (alpha): `%` jurisdiction(2) city(≤13)^ name(≤35)^ address(≤29)^ `?`; name parts are split by `$`. */
export const AAMVA_TRACK1 = {
  jurisdictionWidth: 2,
  fields: [
    { name: 'city', max: 13 },
    { name: 'name', max: 35 },
    { name: 'address', max: 29 },
  ] satisfies VariableField[],
  separator: '^',
  nameSeparator: '$',
} as const;

/** Track 2 (numeric): `;` IIN(6) licence number(≤13) `=` expiry YYMM(4) birth date CCYYMMDD(8) overflow(≤5) `?`. */
export const AAMVA_TRACK2 = {
  iinWidth: 6,
  numberMax: 13,
  separator: '=',
  expiryWidth: 4,
  birthDateWidth: 8,
  overflowMax: 5,
} as const;

/** Track 3 (alpha): fixed-width fields after `%`; we read up to the last field a form can use. */
export const AAMVA_TRACK3: readonly FixedField[] = [
  { name: 'templateVersion', width: 1 },
  { name: 'securityVersion', width: 1 },
  { name: 'postalCode', width: 11 },
  { name: 'licenceClass', width: 2 },
  { name: 'restrictions', width: 10 },
  { name: 'endorsements', width: 4 },
  { name: 'sex', width: 1 },
  { name: 'height', width: 3 },
  { name: 'weight', width: 3 },
  { name: 'hairColour', width: 3 },
  { name: 'eyeColour', width: 3 },
  /** ASSUMPTION: where track 2's 5-digit overflow is too short, the rest of a long number is written here. */
  { name: 'idNumberOverflow', width: 10 },
];

/** Expiry month codes that are not months (AAMVA): 77 never expires, 88 end of birth month, 99 on the birthday. */
export const AAMVA_EXPIRY_CODES = { '77': 'non-expiring', '88': 'end-of-birth-month', '99': 'on-birthday' } as const;

/** AAMVA sex codes on track 3. */
export const AAMVA_SEX_CODES: Record<string, 'M' | 'F' | 'X'> = {
  '1': 'M',
  M: 'M',
  '2': 'F',
  F: 'F',
  '9': 'X',
  X: 'X',
};

/** A licence-issuing jurisdiction: its postal abbreviation and, where we know one, the rule its numbers follow. */
export interface LicenceIssuer {
  jurisdiction: string;
  name: string;
  country: 'CA' | 'US';
  /** A rule that can verify and format the number as printed; absent: the number is returned as encoded. */
  numberRule?: 'ontario';
}

/**
 * AAMVA issuer identification numbers (IIN) of every Canadian province and territory and every US state (plus
 * DC and the territories AAMVA lists), from AAMVA's IIN list (aamva.org/identity/issuer-identification-numbers-(iin)).
 * Northwest Territories is not in the copy of the list we followed; its licences decode as unknown issuers.
 */
export const LICENCE_ISSUERS: Readonly<Record<string, LicenceIssuer>> = {
  // Canada
  '604432': { jurisdiction: 'AB', name: 'Alberta', country: 'CA' },
  '636028': { jurisdiction: 'BC', name: 'British Columbia', country: 'CA' },
  '636048': { jurisdiction: 'MB', name: 'Manitoba', country: 'CA' },
  '636017': { jurisdiction: 'NB', name: 'New Brunswick', country: 'CA' },
  '636016': { jurisdiction: 'NL', name: 'Newfoundland and Labrador', country: 'CA' },
  '636013': { jurisdiction: 'NS', name: 'Nova Scotia', country: 'CA' },
  '604433': { jurisdiction: 'NU', name: 'Nunavut', country: 'CA' },
  '636012': { jurisdiction: 'ON', name: 'Ontario', country: 'CA', numberRule: 'ontario' },
  '604426': { jurisdiction: 'PE', name: 'Prince Edward Island', country: 'CA' },
  '604428': { jurisdiction: 'QC', name: 'Quebec', country: 'CA' },
  '636044': { jurisdiction: 'SK', name: 'Saskatchewan', country: 'CA' },
  '604429': { jurisdiction: 'YT', name: 'Yukon', country: 'CA' },
  // United States
  '636033': { jurisdiction: 'AL', name: 'Alabama', country: 'US' },
  '636059': { jurisdiction: 'AK', name: 'Alaska', country: 'US' },
  '604427': { jurisdiction: 'AS', name: 'American Samoa', country: 'US' },
  '636026': { jurisdiction: 'AZ', name: 'Arizona', country: 'US' },
  '636021': { jurisdiction: 'AR', name: 'Arkansas', country: 'US' },
  '636014': { jurisdiction: 'CA', name: 'California', country: 'US' },
  '636020': { jurisdiction: 'CO', name: 'Colorado', country: 'US' },
  '636006': { jurisdiction: 'CT', name: 'Connecticut', country: 'US' },
  '636011': { jurisdiction: 'DE', name: 'Delaware', country: 'US' },
  '636043': { jurisdiction: 'DC', name: 'District of Columbia', country: 'US' },
  '636010': { jurisdiction: 'FL', name: 'Florida', country: 'US' },
  '636055': { jurisdiction: 'GA', name: 'Georgia', country: 'US' },
  '636019': { jurisdiction: 'GU', name: 'Guam', country: 'US' },
  '636047': { jurisdiction: 'HI', name: 'Hawaii', country: 'US' },
  '636050': { jurisdiction: 'ID', name: 'Idaho', country: 'US' },
  '636035': { jurisdiction: 'IL', name: 'Illinois', country: 'US' },
  '636037': { jurisdiction: 'IN', name: 'Indiana', country: 'US' },
  '636018': { jurisdiction: 'IA', name: 'Iowa', country: 'US' },
  '636022': { jurisdiction: 'KS', name: 'Kansas', country: 'US' },
  '636046': { jurisdiction: 'KY', name: 'Kentucky', country: 'US' },
  '636007': { jurisdiction: 'LA', name: 'Louisiana', country: 'US' },
  '636041': { jurisdiction: 'ME', name: 'Maine', country: 'US' },
  '636003': { jurisdiction: 'MD', name: 'Maryland', country: 'US' },
  '636002': { jurisdiction: 'MA', name: 'Massachusetts', country: 'US' },
  '636032': { jurisdiction: 'MI', name: 'Michigan', country: 'US' },
  '636038': { jurisdiction: 'MN', name: 'Minnesota', country: 'US' },
  '636051': { jurisdiction: 'MS', name: 'Mississippi', country: 'US' },
  '636030': { jurisdiction: 'MO', name: 'Missouri', country: 'US' },
  '636008': { jurisdiction: 'MT', name: 'Montana', country: 'US' },
  '636054': { jurisdiction: 'NE', name: 'Nebraska', country: 'US' },
  '636049': { jurisdiction: 'NV', name: 'Nevada', country: 'US' },
  '636039': { jurisdiction: 'NH', name: 'New Hampshire', country: 'US' },
  '636036': { jurisdiction: 'NJ', name: 'New Jersey', country: 'US' },
  '636009': { jurisdiction: 'NM', name: 'New Mexico', country: 'US' },
  '636001': { jurisdiction: 'NY', name: 'New York', country: 'US' },
  '636004': { jurisdiction: 'NC', name: 'North Carolina', country: 'US' },
  '636034': { jurisdiction: 'ND', name: 'North Dakota', country: 'US' },
  '604430': { jurisdiction: 'MP', name: 'Northern Mariana Islands', country: 'US' },
  '636023': { jurisdiction: 'OH', name: 'Ohio', country: 'US' },
  '636058': { jurisdiction: 'OK', name: 'Oklahoma', country: 'US' },
  '636029': { jurisdiction: 'OR', name: 'Oregon', country: 'US' },
  '636025': { jurisdiction: 'PA', name: 'Pennsylvania', country: 'US' },
  '604431': { jurisdiction: 'PR', name: 'Puerto Rico', country: 'US' },
  '636052': { jurisdiction: 'RI', name: 'Rhode Island', country: 'US' },
  '636005': { jurisdiction: 'SC', name: 'South Carolina', country: 'US' },
  '636042': { jurisdiction: 'SD', name: 'South Dakota', country: 'US' },
  '636053': { jurisdiction: 'TN', name: 'Tennessee', country: 'US' },
  '636015': { jurisdiction: 'TX', name: 'Texas', country: 'US' },
  '636062': { jurisdiction: 'VI', name: 'US Virgin Islands', country: 'US' },
  '636040': { jurisdiction: 'UT', name: 'Utah', country: 'US' },
  '636024': { jurisdiction: 'VT', name: 'Vermont', country: 'US' },
  '636000': { jurisdiction: 'VA', name: 'Virginia', country: 'US' },
  '636045': { jurisdiction: 'WA', name: 'Washington', country: 'US' },
  '636061': { jurisdiction: 'WV', name: 'West Virginia', country: 'US' },
  '636031': { jurisdiction: 'WI', name: 'Wisconsin', country: 'US' },
  '636060': { jurisdiction: 'WY', name: 'Wyoming', country: 'US' },
};

/**
 * AAMVA IINs sit in 636000-636062 and 604426-604434 (the ranges ISO/IEC 7812 assigned to AAMVA). A track 2
 * whose first six digits fall there is a licence or ID card, never a payment card, whatever its Luhn digit.
 */
export function isAamvaIin(digits: string): boolean {
  if (!/^\d{6}$/.test(digits)) return false;
  const n = Number(digits);
  return (n >= 636000 && n <= 636062) || (n >= 604426 && n <= 604434);
}

/**
 * ASSUMPTION (Ontario): the licence number is a letter and 14 digits (A1234-56789-01234). Track 2 is numeric,
 * so — following the AAMVA rule for letters in the track 2 ID field — the letter is written as its two-digit
 * alphabet position (A=01 … Z=26): 16 digits, the first 13 in the number field, the last 3 in the overflow.
 */
export const ONTARIO_NUMBER = { letterDigits: 2, digitsAfterLetter: 14, groups: [4, 5, 5] } as const;
