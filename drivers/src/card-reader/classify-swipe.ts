// Turns one MagTek swipe report into a SwipeResult: Ontario driver's licence, Ontario health card, refused payment
// card (brand + last 4) or unreadable. The report buffer is consumed: every byte is zeroed before this returns,
// whatever the outcome, so no card data outlives the call in driver memory (JS strings made for the government
// cards cannot be wiped; the payment path never makes one from the PAN).
import { isGuichetError } from '@guichet/shared';
import { parseDriverLicence } from './driver-licence';
import { hasHealthCardPrefix, parseHealthCard } from './health-card';
import { parseMagtekReport, type MagtekTrack } from './magtek-report';
import { findPaymentPan, looksFinancial, sightPaymentCard } from './payment-card';
import { SwipeResult } from './swipe-result';
import { layoutError } from './track-fields';
import { ALPHA_TRACK, NUMERIC_TRACK, type TrackFormat } from './track-formats';
import { readTrack } from './track-reader';

export function classifySwipe(report: Buffer): SwipeResult {
  try {
    return classifyTracks(parseMagtekReport(report).tracks);
  } finally {
    report.fill(0);
  }
}

function unreadable(reason: string): SwipeResult {
  return { kind: 'unreadable', reason };
}

/** The schema is the contract: a parse that does not fit it is a layout mismatch, never a thrown ZodError. */
function checked(result: unknown): SwipeResult {
  const parsed = SwipeResult.safeParse(result);
  if (!parsed.success) throw layoutError('a decoded field is out of range');
  return parsed.data;
}

function content(track: MagtekTrack, format: TrackFormat): string | undefined {
  return track.data.length === 0 ? undefined : readTrack(track.data, format, track.track).content;
}

/** AAMVA track 1 starts `%` + two-letter jurisdiction (format B has a digit after `%B`); track 2 `;636…`. */
function looksAamva(t1: Uint8Array, t2: Uint8Array): boolean {
  const isLetter = (b: number | undefined): boolean => b !== undefined && b >= 0x41 && b <= 0x5a;
  return (
    t1[0] === 0x25 &&
    isLetter(t1[1]) &&
    isLetter(t1[2]) &&
    t2[0] === 0x3b &&
    t2[1] === 0x36 &&
    t2[2] === 0x33 &&
    t2[3] === 0x36
  );
}

function classifyTracks([t1, t2, t3]: [MagtekTrack, MagtekTrack, MagtekTrack]): SwipeResult {
  if (t1.data.length + t2.data.length + t3.data.length === 0) {
    return unreadable(t1.decodeError || t2.decodeError || t3.decodeError ? 'CARD_TRACK_DECODE_ERROR' : 'CARD_BLANK');
  }
  let governmentFailure: string | undefined;
  try {
    if (hasHealthCardPrefix(t1.data, t2.data)) {
      const track1 = content(t1, ALPHA_TRACK);
      if (track1 !== undefined) return checked(parseHealthCard(track1, content(t2, NUMERIC_TRACK)));
    } else if (looksAamva(t1.data, t2.data)) {
      const [track1, track2] = [content(t1, ALPHA_TRACK), content(t2, NUMERIC_TRACK)];
      if (track1 !== undefined && track2 !== undefined)
        return checked(parseDriverLicence(track1, track2, content(t3, ALPHA_TRACK)));
    }
  } catch (error) {
    if (!isGuichetError(error)) throw error;
    governmentFailure = error.code;
  }
  // Anything that carries a Luhn-valid PAN is refused, even if it half-matched a government layout.
  const pan = findPaymentPan(t1.data, t2.data);
  if (pan) return { kind: 'payment-card-refused', ...sightPaymentCard(pan) };
  if (governmentFailure) return unreadable(governmentFailure);
  if (looksFinancial(t1.data, t2.data)) return unreadable('CARD_PAN_CHECK_FAILED');
  return unreadable(trackFault([t1, t2, t3]) ?? 'CARD_UNKNOWN_LAYOUT');
}

/** The first track-level fault (sentinels, character set, LRC), to tell a bad read from an unknown card. */
function trackFault(tracks: MagtekTrack[]): string | undefined {
  for (const track of tracks) {
    if (track.data.length === 0) continue;
    try {
      readTrack(track.data, track.track === 2 ? NUMERIC_TRACK : ALPHA_TRACK, track.track);
    } catch (error) {
      if (isGuichetError(error)) return error.code;
      throw error;
    }
  }
  return undefined;
}
