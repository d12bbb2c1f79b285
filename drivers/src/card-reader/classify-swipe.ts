// Turns one MagTek swipe report into a SwipeResult: driver's licence (any AAMVA jurisdiction), Ontario health
// card, refused payment card (brand + last 4) or unreadable. A track 2 with an AAMVA IIN (636xxx, 604426-604434)
// and no ISO format B track 1 (`%B` + digit) is a licence even when its digits pass Luhn; a MagneSafe report's
// masked tracks classify a payment card by its shape (masked digits cannot pass Luhn). The report buffer is consumed: every byte is zeroed before this returns,
// whatever the outcome, so no card data outlives the call in driver memory (JS strings made for the government
// cards cannot be wiped; the payment path never makes one from the PAN).
import { isGuichetError } from '@guichet/shared';
import { isAamvaIin } from './aamva-layout';
import { parseDriverLicence } from './driver-licence';
import { hasHealthCardPrefix, parseHealthCard } from './health-card';
import { parseMagtekReport, type MagtekTrack } from './magtek-report';
import { findMaskedPan, findPaymentPan, looksFinancial, sightPaymentCard } from './payment-card';
import { SwipeResult } from './swipe-result';
import { layoutError } from './track-fields';
import { ALPHA_TRACK, NUMERIC_TRACK, type TrackFormat } from './track-formats';
import { readTrack } from './track-reader';

export function classifySwipe(report: Buffer): SwipeResult {
  try {
    const parsed = parseMagtekReport(report);
    return classifyTracks(parsed.tracks, parsed.masked);
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

const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;

/** ISO/IEC 7813 format code: track 1 `%B` followed by a digit (the PAN). `%BC…` is British Columbia's licence. */
function isFormatB(t1: Uint8Array): boolean {
  return t1[0] === 0x25 && t1[1] === 0x42 && isDigit(t1[2]);
}

/** An AAMVA licence: track 2 `;` + an AAMVA IIN, and track 1 (when present) not a financial format B. */
function looksAamva(t1: Uint8Array, t2: Uint8Array): boolean {
  if (t2[0] !== 0x3b || t2.length < 7) return false;
  const iin = t2.subarray(1, 7);
  if (!iin.every(isDigit)) return false;
  return isAamvaIin(String.fromCharCode(...iin)) && !isFormatB(t1);
}

function classifyTracks([t1, t2, t3]: [MagtekTrack, MagtekTrack, MagtekTrack], masked: boolean): SwipeResult {
  if (t1.data.length + t2.data.length + t3.data.length === 0) {
    return unreadable(t1.decodeError || t2.decodeError || t3.decodeError ? 'CARD_TRACK_DECODE_ERROR' : 'CARD_BLANK');
  }
  let governmentFailure: string | undefined;
  try {
    if (hasHealthCardPrefix(t1.data, t2.data)) {
      const track1 = content(t1, ALPHA_TRACK);
      if (track1 !== undefined) return checked(parseHealthCard(track1, content(t2, NUMERIC_TRACK)));
    } else if (looksAamva(t1.data, t2.data)) {
      // A licence is never taken for a payment card: a bad licence swipe is unreadable, not refused.
      const track2 = content(t2, NUMERIC_TRACK) ?? '';
      try {
        return checked(parseDriverLicence(content(t1, ALPHA_TRACK) ?? '', track2, content(t3, ALPHA_TRACK)));
      } catch (error) {
        if (isGuichetError(error)) return unreadable(error.code);
        throw error;
      }
    }
  } catch (error) {
    if (!isGuichetError(error)) throw error;
    governmentFailure = error.code;
  }
  // Anything else that carries a Luhn-valid PAN is refused, even if it half-matched a government layout; a
  // MagneSafe masks the PAN's middle digits, so there the financial shape alone refuses it.
  const pan = findPaymentPan(t1.data, t2.data) ?? (masked ? findMaskedPan(t1.data, t2.data) : undefined);
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
