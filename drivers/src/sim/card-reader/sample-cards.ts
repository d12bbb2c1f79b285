// Scripted cards for the simulator: fictitious Ontario licence and health card in the layouts the driver decodes
// (AAMVA annex; the assumed health-card layout), a Visa test PAN, and a noisy swipe. Track strings as a MagTek
// reader outputs them: sentinels included, LRC stripped.
import { buildMagtekReport, type MagtekReportInput } from '../../card-reader/magtek-report';

export const SWIPE_KINDS = ['driver-licence', 'health-card', 'payment-card', 'garbage'] as const;
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

export function sampleReport(kind: SimSwipeKind): Buffer {
  return buildMagtekReport(SAMPLE_TRACKS[kind]);
}
