// Ontario health card (OHIP) magnetic stripe layout, as a data table. ASSUMPTION, not a published spec: the
// Ministry of Health does not publish the stripe layout. We assume an ISO/IEC 7813 format B shape, with the
// "PAN" field made of the issuer prefix 610054 followed by the 10-digit health number (whose last digit is a
// Luhn check digit over the 10 digits), a name field `SURNAME/GIVEN NAMES`, then expiry YYMM, the 2-letter
// version code and the birth date CCYYMMDD in the discretionary data. Track 2 repeats prefix + number, `=`,
// expiry YYMM. Only the fields named here are read; anything after them is ignored.
export const HEALTH_CARD_LAYOUT = {
  issuerPrefix: '610054',
  track1FormatCode: 'B',
  healthNumberDigits: 10,
  fieldSeparator: '^',
  nameSeparator: '/',
  nameMax: 26,
  discretionary: [
    { name: 'expiry', width: 4 },
    { name: 'versionCode', width: 2 },
    { name: 'birthDate', width: 8 },
  ],
  track2Separator: '=',
} as const;
