// The fixed shape of an AAMVA DL/ID PDF417 file (AAMVA DL/ID Card Design Standard, annex D "Mandatory PDF417
// bar code"): header bytes, separators, subfile designators, and the limits the parser enforces.

/** Header: '@' LF RS CR, then the file type: "ANSI " since the DL/ID-2000 standard, "AAMVA" before it. */
export const COMPLIANCE_INDICATOR = 0x40; // '@'
export const DATA_ELEMENT_SEPARATOR = 0x0a; // LF
export const RECORD_SEPARATOR = 0x1e; // RS
export const SEGMENT_TERMINATOR = 0x0d; // CR
export const FILE_TYPES = ['ANSI ', 'AAMVA'] as const;

/**
 * Header field widths after the 4 control bytes and the 5-byte file type: IIN(6), AAMVA version(2), then —
 * from version 02 on — jurisdiction version(2), then number of entries(2). Version 00/01 files have no
 * jurisdiction version: their header is 19 bytes, later ones 21.
 */
export const HEADER = {
  fileTypeAt: 4,
  iinAt: 9,
  iinWidth: 6,
  versionAt: 15,
  versionWidth: 2,
  shortLength: 19,
  longLength: 21,
} as const;

/** One subfile designator: type(2) offset(4) length(4), offsets counted from the '@'. */
export const DESIGNATOR = { width: 10, typeWidth: 2, offsetWidth: 4, lengthWidth: 4 } as const;

/** The subfile types that hold a licence or an identification card. */
export const LICENCE_SUBFILE_TYPES = ['DL', 'ID'] as const;

/**
 * PDF417 holds at most 1850 text characters (ISO/IEC 15438); AAMVA files are well under 1 KiB in practice.
 * Anything longer is not a licence, and a bound keeps a hostile stream from growing memory.
 */
export const MAX_PAYLOAD_BYTES = 2048;

/** Data element ids: three upper-case letters, 'D…' for AAMVA elements, 'Z…' for jurisdiction ones. */
export const ELEMENT_ID = /^[A-Z]{3}$/;
