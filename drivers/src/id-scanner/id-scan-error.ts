// The typed errors of the licence-barcode parser and imager driver. A message names the part of the file that
// is wrong (header field, subfile, element id, byte position) and never a character of personal data.
import { GuichetError } from '@guichet/shared';

export const ID_SCAN_ERROR_CODES = [
  /** Nothing to decode. */
  'IDSCAN_EMPTY',
  /** Longer than any PDF417 symbol can hold. */
  'IDSCAN_TOO_LONG',
  /** No '@' compliance indicator or no AAMVA file type: another kind of barcode (QR, boarding pass, product). */
  'IDSCAN_NOT_AAMVA',
  /** A header field is not what annex D prescribes (separator bytes, digits of the IIN or version numbers). */
  'IDSCAN_BAD_HEADER',
  /** The IIN is not one of the AAMVA issuers we know. */
  'IDSCAN_UNKNOWN_ISSUER',
  /** A subfile designator is not type(2 letters) offset(4 digits) length(4 digits). */
  'IDSCAN_BAD_DESIGNATOR',
  /** The file holds no DL or ID subfile (e.g. a vehicle registration). */
  'IDSCAN_NO_LICENCE_SUBFILE',
  /** The DL/ID subfile is not where its designator says, nor anywhere after the designators. */
  'IDSCAN_SUBFILE_NOT_FOUND',
  /** The data ends before a part it announced: header, designators, or the subfile's segment terminator. */
  'IDSCAN_TRUNCATED',
  /** A data element does not start with a three-letter element id. */
  'IDSCAN_BAD_ELEMENT',
  /** A mandatory element (licence number, family name, birth date, expiry) is absent or empty. */
  'IDSCAN_MISSING_ELEMENT',
  /** A date element is not a calendar date in either AAMVA order. */
  'IDSCAN_BAD_DATE',
  /** CLI input: a line with characters that are not hex digits. */
  'IDSCAN_HEX_NOT_HEX',
  /** CLI input: a line with an odd number of hex digits. */
  'IDSCAN_HEX_ODD_LENGTH',
  /** Line framing (imager driver): bytes outside an STX…ETX frame, e.g. an imager without the STX prefix. */
  'IDSCAN_FRAME_GARBAGE',
  /** Line framing: a frame that stopped before its ETX (unplugged mid-scan, or no ETX suffix configured). */
  'IDSCAN_FRAME_PARTIAL',
  /** Line framing: a frame longer than any licence barcode; dropped until the next frame. */
  'IDSCAN_FRAME_TOO_LONG',
] as const;
export type IdScanErrorCode = (typeof ID_SCAN_ERROR_CODES)[number];

/** `part` names what is wrong (e.g. 'IIN', 'DBB', 'subfile designator 2'); it goes into details for callers. */
export function idScanError(code: IdScanErrorCode, message: string, part?: string): GuichetError<IdScanErrorCode> {
  return new GuichetError(code, message, part === undefined ? undefined : { details: { part } });
}
