// AAMVA DL/ID Card Design Standard, annex on the magnetic stripe (tracks 1-3 as Canadian jurisdictions encode
// them), as data tables: field order, maximum widths, separators. Ontario's IIN is 636012.
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

/** Jurisdictions whose licences we decode, by IIN. */
export const LICENCE_ISSUERS: Record<string, { jurisdiction: string; numberFormat: 'ontario' }> = {
  '636012': { jurisdiction: 'ON', numberFormat: 'ontario' },
};

/**
 * ASSUMPTION (Ontario): the licence number is a letter and 14 digits (A1234-56789-01234). Track 2 is numeric,
 * so — following the AAMVA rule for letters in the track 2 ID field — the letter is written as its two-digit
 * alphabet position (A=01 … Z=26): 16 digits, the first 13 in the number field, the last 3 in the overflow.
 */
export const ONTARIO_NUMBER = { letterDigits: 2, digitsAfterLetter: 14, groups: [4, 5, 5] } as const;
