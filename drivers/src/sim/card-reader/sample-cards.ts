// Scripted cards for the simulator: fictitious licences of three AAMVA jurisdictions (Ontario, Quebec, and
// Michigan, whose IIN + number happen to pass Luhn), an Ontario health card in the assumed layout, a Visa test
// PAN, and a noisy swipe. Track strings as a MagTek reader outputs them: sentinels included, LRC stripped. A
// MagneSafe reader sends the same cards in its longer report, a payment card's PAN masked.
import { buildMagtekReport, type MagtekReportInput } from '../../card-reader/magtek-report';
import type { MagtekLayoutName } from '../../card-reader/magtek-report-layout';

export const SWIPE_KINDS = [
  'driver-licence',
  'licence-quebec',
  'licence-michigan',
  'health-card',
  'payment-card',
  'garbage',
] as const;
export type SimSwipeKind = (typeof SWIPE_KINDS)[number];

export const SAMPLE_TRACKS: Record<SimSwipeKind, MagtekReportInput> = {
  // D6101-40706-60905: D is the 4th letter → "04"; 16 digits, 13 in the number field, 3 in the overflow.
  'driver-licence': {
    encodeType: 1,
    tracks: [
      '%ONTORONTO^DOE$JANE$Q^123 MAIN ST W^?',
      ';6360120461014070660=289919700905905?',
      `%01${'M5V3L9'.padEnd(11)}${'G'.padEnd(2)}${''.padEnd(10)}${''.padEnd(4)}2175070BRNBLU${''.padEnd(10)}?`,
    ],
  },
  // Quebec (IIN 604428): 12-digit number, no overflow; the address (35 characters) uses room the short city left.
  'licence-quebec': {
    encodeType: 1,
    tracks: ['%QCLAVAL^ROY$LEA^1234 BOULEVARD DES GRANDES-PRAIRIES^?', ';604428123456789012=280519850315=?', undefined],
  },
  // Michigan (IIN 636032): 13 digits and a 4-digit overflow; 6360329876543210123 passes Luhn, yet it is a licence.
  'licence-michigan': {
    encodeType: 1,
    tracks: ['%MIDETROIT^SMITH$JOHN^1 WOODWARD AVE^?', ';6360329876543210123=2907199001011234?', undefined],
  },
  'health-card': {
    encodeType: 0,
    tracks: ['%B6100541234567897^DOE/JANE^2711AB19800101?', ';6100541234567897=2711?', undefined],
  },
  // Visa test number (Luhn-valid, not a real account).
  'payment-card': {
    encodeType: 0,
    tracks: [
      '%B4556737586899855^CARDHOLDER/TEST^2812101000000000000000?',
      ';4556737586899855=28121010000000000000?',
      undefined,
    ],
  },
  garbage: {
    encodeType: 4,
    tracks: ['error', ';7#1?=0', '%\u007f\u0001noise'],
  },
};

/** How a MagneSafe masks a payment card's tracks: the PAN's middle digits become its mask character '0'. */
const MAGNESAFE_MASKED: Partial<Record<SimSwipeKind, MagtekReportInput>> = {
  'payment-card': {
    encodeType: 0,
    tracks: [
      '%B4556730000009855^CARDHOLDER/TEST^2812000000000000000000?',
      ';4556730000009855=28120000000000000000?',
      undefined,
    ],
  },
};

/** The report a reader of this layout sends for the card (MagneSafe: its masked tracks). */
export function sampleReport(kind: SimSwipeKind, layout: MagtekLayoutName = 'swipe-reader'): Buffer {
  const tracks = layout === 'magnesafe' ? (MAGNESAFE_MASKED[kind] ?? SAMPLE_TRACKS[kind]) : SAMPLE_TRACKS[kind];
  return buildMagtekReport(tracks, layout);
}
