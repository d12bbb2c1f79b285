// Recognises a payment card (ISO/IEC 7813: track 1 format B `%B<PAN>^…`, track 2 `;<PAN>=…`, PAN of 12-19
// digits passing Luhn) working on the raw bytes only, so the PAN never becomes a JS string: out come the brand
// and the last four digits, nothing else.
import { cardBrand, type CardBrand } from './card-brands';
import { luhnValid } from './luhn';

export interface PaymentCardSighting {
  brand: CardBrand;
  last4: string;
}

/** ISO/IEC 7812: a PAN has 12 to 19 digits (8-digit IINs, 1 check digit). */
const PAN_MIN = 12;
const PAN_MAX = 19;

/** A MagneSafe masks the PAN's middle digits with its mask character: '0' by default, or '*' on track 1. */
const MASK_CHARACTER = 0x2a;

function panIn(
  track: Uint8Array,
  prefix: readonly number[],
  separator: number,
  masked = false,
): Uint8Array | undefined {
  if (track.length < prefix.length + PAN_MIN + 1) return undefined;
  for (let i = 0; i < prefix.length; i++) if (track[i] !== prefix[i]) return undefined;
  const end = track.indexOf(separator, prefix.length);
  if (end < 0) return undefined;
  const pan = track.subarray(prefix.length, end);
  if (pan.length < PAN_MIN || pan.length > PAN_MAX) return undefined;
  for (const byte of pan) if ((byte < 0x30 || byte > 0x39) && !(masked && byte === MASK_CHARACTER)) return undefined;
  return pan;
}

/**
 * A masked PAN (MagneSafe): format B track 1 or a track 2 PAN whose first 6 and last 4 are digits; not checked
 * by Luhn, which masked digits cannot pass. Only the brand (first digits) and the last 4 are read from it.
 */
export function findMaskedPan(track1: Uint8Array, track2: Uint8Array): Uint8Array | undefined {
  const candidates = [panIn(track1, [0x25, 0x42], 0x5e, true), panIn(track2, [0x3b], 0x3d, true)];
  return candidates.find(
    (pan): pan is Uint8Array =>
      pan !== undefined &&
      [...pan.subarray(0, 6), ...pan.subarray(pan.length - 4)].every((byte) => byte >= 0x30 && byte <= 0x39),
  );
}

/** A PAN-shaped field on track 1 (format B) or track 2, Luhn-valid; undefined when there is none. */
export function findPaymentPan(track1: Uint8Array, track2: Uint8Array): Uint8Array | undefined {
  const candidates = [panIn(track1, [0x25, 0x42], 0x5e), panIn(track2, [0x3b], 0x3d)];
  return candidates.find((pan): pan is Uint8Array => pan !== undefined && luhnValid(pan));
}

export function sightPaymentCard(pan: Uint8Array): PaymentCardSighting {
  return { brand: cardBrand(pan), last4: String.fromCharCode(...pan.subarray(pan.length - 4)) };
}

/** Has track 1 or 2 the shape of a financial card at all (format B / numeric PAN), Luhn-valid or not? */
export function looksFinancial(track1: Uint8Array, track2: Uint8Array): boolean {
  return panIn(track1, [0x25, 0x42], 0x5e) !== undefined || panIn(track2, [0x3b], 0x3d) !== undefined;
}
