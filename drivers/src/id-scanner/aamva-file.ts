// The structure of an AAMVA DL/ID PDF417 file, bytes in: header, subfile designators, and the data elements of
// the DL (or ID) subfile. Pure; every malformed shape is a typed error naming the part, never its content.
// Tolerances for what issuers really print (documented in PROTOCOL.md): a designator offset of 0000, off by one
// or not digits (Ontario, Alberta) — the subfile is then looked for after the designators; the subfile length is
// not trusted, the segment terminator ends the subfile.
import {
  COMPLIANCE_INDICATOR,
  DATA_ELEMENT_SEPARATOR,
  DESIGNATOR,
  ELEMENT_ID,
  FILE_TYPES,
  HEADER,
  LICENCE_SUBFILE_TYPES,
  MAX_PAYLOAD_BYTES,
  RECORD_SEPARATOR,
  SEGMENT_TERMINATOR,
} from './aamva-format';
import { idScanError } from './id-scan-error';

export type FileType = (typeof FILE_TYPES)[number];
export type LicenceSubfileType = (typeof LICENCE_SUBFILE_TYPES)[number];

export interface AamvaHeader {
  fileType: FileType;
  iin: string;
  aamvaVersion: number;
  /** 0 for version 00/01 files, whose header has no jurisdiction version. */
  jurisdictionVersion: number;
  numberOfEntries: number;
}

export interface SubfileDesignator {
  type: string;
  /** Undefined when the field is not four digits (some issuers print letters there). */
  offset: number | undefined;
  length: number | undefined;
}

export interface AamvaFile {
  header: AamvaHeader;
  designators: SubfileDesignator[];
  subfileType: LicenceSubfileType;
  /** Element id → value as encoded (padding included), first occurrence kept. */
  elements: ReadonlyMap<string, string>;
}

/** Latin-1: one character per byte, ASCII unchanged (accented names on Quebec cards, see PROTOCOL.md). */
function text(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, to - from)).toString('latin1');
}

function digitsAt(bytes: Uint8Array, at: number, width: number): number | undefined {
  if (at + width > bytes.length) return undefined;
  const field = text(bytes, at, at + width);
  return /^\d+$/.test(field) ? Number(field) : undefined;
}

export function parseHeader(bytes: Uint8Array): AamvaHeader {
  if (bytes.length === 0) throw idScanError('IDSCAN_EMPTY', 'the barcode holds no data');
  if (bytes.length > MAX_PAYLOAD_BYTES)
    throw idScanError(
      'IDSCAN_TOO_LONG',
      `the barcode holds ${bytes.length} bytes, more than the ${MAX_PAYLOAD_BYTES} any licence needs`,
    );
  if (bytes[0] !== COMPLIANCE_INDICATOR)
    throw idScanError('IDSCAN_NOT_AAMVA', 'no AAMVA compliance indicator at byte 0', 'compliance indicator');
  if (bytes.length < HEADER.iinAt)
    throw idScanError('IDSCAN_TRUNCATED', `the header stops after ${bytes.length} bytes`, 'header');
  const fileType = text(bytes, HEADER.fileTypeAt, HEADER.iinAt);
  if (!(FILE_TYPES as readonly string[]).includes(fileType))
    throw idScanError('IDSCAN_NOT_AAMVA', 'bytes 4-8 are not an AAMVA file type', 'file type');
  const separators: Array<[number, number, string]> = [
    [1, DATA_ELEMENT_SEPARATOR, 'data element separator'],
    [2, RECORD_SEPARATOR, 'record separator'],
    [3, SEGMENT_TERMINATOR, 'segment terminator'],
  ];
  for (const [at, expected, part] of separators)
    if (bytes[at] !== expected)
      throw idScanError('IDSCAN_BAD_HEADER', `the header's ${part} (byte ${at}) is wrong`, part);

  const short = bytes.length < HEADER.versionAt + HEADER.versionWidth;
  if (short) throw idScanError('IDSCAN_TRUNCATED', `the header stops after ${bytes.length} bytes`, 'header');
  const iin = text(bytes, HEADER.iinAt, HEADER.iinAt + HEADER.iinWidth);
  if (!/^\d{6}$/.test(iin)) throw idScanError('IDSCAN_BAD_HEADER', 'the IIN is not 6 digits', 'IIN');
  const aamvaVersion = digitsAt(bytes, HEADER.versionAt, HEADER.versionWidth);
  if (aamvaVersion === undefined)
    throw idScanError('IDSCAN_BAD_HEADER', 'the AAMVA version is not 2 digits', 'AAMVA version');
  const length = headerLength(aamvaVersion);
  if (bytes.length < length)
    throw idScanError('IDSCAN_TRUNCATED', `the header stops after ${bytes.length} of ${length} bytes`, 'header');
  let jurisdictionVersion = 0;
  if (length === HEADER.longLength) {
    const value = digitsAt(bytes, HEADER.versionAt + 2, 2);
    if (value === undefined)
      throw idScanError('IDSCAN_BAD_HEADER', 'the jurisdiction version is not 2 digits', 'jurisdiction version');
    jurisdictionVersion = value;
  }
  const numberOfEntries = digitsAt(bytes, length - 2, 2);
  if (numberOfEntries === undefined || numberOfEntries === 0)
    throw idScanError('IDSCAN_BAD_HEADER', 'the number of entries is not 2 digits from 01', 'number of entries');
  return { fileType: fileType as FileType, iin, aamvaVersion, jurisdictionVersion, numberOfEntries };
}

export function headerLength(aamvaVersion: number): number {
  return aamvaVersion <= 1 ? HEADER.shortLength : HEADER.longLength;
}

function parseDesignators(bytes: Uint8Array, header: AamvaHeader): SubfileDesignator[] {
  const designators: SubfileDesignator[] = [];
  const first = headerLength(header.aamvaVersion);
  for (let i = 0; i < header.numberOfEntries; i += 1) {
    const at = first + i * DESIGNATOR.width;
    const part = `subfile designator ${i + 1}`;
    if (at + DESIGNATOR.width > bytes.length)
      throw idScanError('IDSCAN_TRUNCATED', `the data stops inside ${part} of ${header.numberOfEntries}`, part);
    const type = text(bytes, at, at + DESIGNATOR.typeWidth);
    if (!/^[A-Z]{2}$/.test(type)) throw idScanError('IDSCAN_BAD_DESIGNATOR', `${part} has no subfile type`, part);
    const offset = digitsAt(bytes, at + 2, DESIGNATOR.offsetWidth);
    const length = digitsAt(bytes, at + 2 + DESIGNATOR.offsetWidth, DESIGNATOR.lengthWidth);
    designators.push({ type, offset, length });
  }
  return designators;
}

function startsWithType(bytes: Uint8Array, at: number, type: string): boolean {
  if (at < 0 || at + 3 > bytes.length) return false;
  if (bytes[at] !== type.charCodeAt(0) || bytes[at + 1] !== type.charCodeAt(1)) return false;
  // The type is followed by the first element id (upper-case letter) or, in some files, a separator.
  const next = bytes[at + 2] ?? 0;
  return (next >= 0x41 && next <= 0x5a) || next === DATA_ELEMENT_SEPARATOR;
}

/** Where the subfile starts: at its offset (±1: issuers miscount), else its first occurrence after the designators. */
function locateSubfile(bytes: Uint8Array, designator: SubfileDesignator, after: number): number {
  if (designator.offset !== undefined)
    for (const at of [designator.offset, designator.offset - 1, designator.offset + 1])
      if (at >= after && startsWithType(bytes, at, designator.type)) return at;
  for (let at = after; at + 3 <= bytes.length; at += 1) if (startsWithType(bytes, at, designator.type)) return at;
  throw idScanError(
    'IDSCAN_SUBFILE_NOT_FOUND',
    `the ${designator.type} subfile is neither at its offset nor after the designators`,
    `${designator.type} subfile`,
  );
}

function parseElements(bytes: Uint8Array, from: number, to: number, type: string): Map<string, string> {
  const elements = new Map<string, string>();
  let index = 0;
  let start = from;
  while (start <= to) {
    let end = bytes.indexOf(DATA_ELEMENT_SEPARATOR, start);
    if (end === -1 || end > to) end = to;
    if (end > start) {
      index += 1;
      const element = text(bytes, start, end);
      const id = element.slice(0, 3);
      if (!ELEMENT_ID.test(id))
        throw idScanError(
          'IDSCAN_BAD_ELEMENT',
          `data element ${index} of the ${type} subfile has no element id`,
          `${type} element ${index}`,
        );
      if (!elements.has(id)) elements.set(id, element.slice(3));
    }
    start = end + 1;
  }
  return elements;
}

export function parseAamvaFile(bytes: Uint8Array): AamvaFile {
  const header = parseHeader(bytes);
  const designators = parseDesignators(bytes, header);
  const designator = designators.find((d) => (LICENCE_SUBFILE_TYPES as readonly string[]).includes(d.type));
  if (!designator)
    throw idScanError(
      'IDSCAN_NO_LICENCE_SUBFILE',
      `none of the ${designators.length} subfiles is a DL or ID subfile`,
      'subfile designators',
    );
  const afterDesignators = headerLength(header.aamvaVersion) + designators.length * DESIGNATOR.width;
  const start = locateSubfile(bytes, designator, afterDesignators);
  const end = bytes.indexOf(SEGMENT_TERMINATOR, start + DESIGNATOR.typeWidth);
  if (end === -1)
    throw idScanError(
      'IDSCAN_TRUNCATED',
      `the ${designator.type} subfile has no segment terminator: the data is cut short`,
      `${designator.type} subfile`,
    );
  return {
    header,
    designators,
    subfileType: designator.type as LicenceSubfileType,
    elements: parseElements(bytes, start + DESIGNATOR.typeWidth, end, designator.type),
  };
}
