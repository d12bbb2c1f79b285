// Builds AAMVA DL/ID PDF417 payloads (the bytes an imager decodes from the card) from element lists: header,
// designators with offsets and lengths computed, subfiles ending in CR. `zeroOffsets` writes 0000 offsets as
// Ontario cards in the field do (see PROTOCOL.md).
import {
  COMPLIANCE_INDICATOR,
  DATA_ELEMENT_SEPARATOR,
  RECORD_SEPARATOR,
  SEGMENT_TERMINATOR,
} from '../../id-scanner/aamva-format';
import { headerLength } from '../../id-scanner/aamva-file';

export interface AamvaSubfileSpec {
  /** 'DL', 'ID', or a jurisdiction subfile 'Z?'. */
  type: string;
  elements: ReadonlyArray<readonly [string, string]>;
}

export interface AamvaFileSpec {
  fileType?: 'ANSI ' | 'AAMVA';
  iin: string;
  aamvaVersion: number;
  jurisdictionVersion: number;
  subfiles: readonly AamvaSubfileSpec[];
  /** Write 0000 as every subfile offset. */
  zeroOffsets?: boolean;
  /** End the last element with LF before the CR (as some issuers do). */
  separatorBeforeTerminator?: boolean;
}

const two = (n: number): string => String(n).padStart(2, '0');
const four = (n: number): string => String(n).padStart(4, '0');

export function encodeAamva(spec: AamvaFileSpec): Buffer {
  const lf = String.fromCharCode(DATA_ELEMENT_SEPARATOR);
  const header =
    String.fromCharCode(COMPLIANCE_INDICATOR, DATA_ELEMENT_SEPARATOR, RECORD_SEPARATOR, SEGMENT_TERMINATOR) +
    (spec.fileType ?? 'ANSI ') +
    spec.iin +
    two(spec.aamvaVersion) +
    (headerLength(spec.aamvaVersion) === 21 ? two(spec.jurisdictionVersion) : '') +
    two(spec.subfiles.length);
  const bodies = spec.subfiles.map(
    (subfile) =>
      subfile.type +
      subfile.elements.map(([id, value]) => `${id}${value}`).join(lf) +
      (spec.separatorBeforeTerminator ? lf : '') +
      String.fromCharCode(SEGMENT_TERMINATOR),
  );
  let offset = header.length + spec.subfiles.length * 10;
  const designators = spec.subfiles.map((subfile, i) => {
    const body = Buffer.byteLength(bodies[i] ?? '', 'latin1');
    const designator = `${subfile.type}${four(spec.zeroOffsets ? 0 : offset)}${four(body)}`;
    offset += body;
    return designator;
  });
  return Buffer.from(header + designators.join('') + bodies.join(''), 'latin1');
}
