// One HID report per line as hex (the `guichet card-reader decode` input and `guichet sim card-reader` output).
// Errors never quote the line: its hex may spell card data.
import { GuichetError } from '@guichet/shared';
import { MAGTEK_MAX_REPORT_LENGTH } from './magtek-report-layout';

/** Accepts hex digits with optional spaces or colons between bytes (as hidraw dumps print them). */
export function reportFromHex(line: string): Buffer {
  const hex = line.replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex))
    throw new GuichetError('CARD_HEX_NOT_HEX', 'the line has characters that are not hex digits');
  if (hex.length % 2 !== 0) throw new GuichetError('CARD_HEX_ODD_LENGTH', 'the line has an odd number of hex digits');
  // Bound the work on a hostile line before allocating: a report is 337 bytes (338 with a report id).
  if (hex.length > (MAGTEK_MAX_REPORT_LENGTH + 1) * 2) {
    throw new GuichetError(
      'CARD_REPORT_BAD_LENGTH',
      `a MagTek swipe report is at most ${MAGTEK_MAX_REPORT_LENGTH} bytes, this line holds ${hex.length / 2}`,
    );
  }
  return Buffer.from(hex, 'hex');
}

export function reportToHex(report: Uint8Array): string {
  return Buffer.from(report).toString('hex');
}
