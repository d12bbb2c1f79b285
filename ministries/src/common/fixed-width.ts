// Column-exact fixed-width records, as a mainframe copybook describes them: each field has a start column
// (1-based), a length, and is either alphanumeric (left-justified, space-padded) or numeric (right-justified,
// zero-padded). Pure functions; anything that does not fit or does not parse is a typed error, never a crash.
import { GuichetError } from '@guichet/shared';

export interface FieldSpec {
  name: string;
  /** 1-based first column, as in the copybook. */
  start: number;
  length: number;
  kind: 'alpha' | 'numeric';
}

export type Layout = readonly FieldSpec[];

export class FixedWidthError extends GuichetError<'FIXED_WIDTH_BAD_RECORD' | 'FIXED_WIDTH_FIELD_TOO_LONG'> {}

/** Checks that a layout's fields are contiguous from column 1 and end exactly at `recordLength`. */
export function checkLayout(layout: Layout, recordLength: number): void {
  let next = 1;
  for (const field of layout) {
    if (field.start !== next) throw new Error(`layout field ${field.name} starts at ${field.start}, expected ${next}`);
    next += field.length;
  }
  if (next - 1 !== recordLength) throw new Error(`layout ends at column ${next - 1}, expected ${recordLength}`);
}

/** Folds text to the printable ASCII the mainframe takes: accents dropped (é → e), anything else → '?'. */
export function toAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?');
}

export function encodeRecord(
  layout: Layout,
  recordLength: number,
  values: Record<string, string | number | undefined>,
): Buffer {
  let text = '';
  for (const field of layout) {
    const raw = values[field.name];
    let cell: string;
    if (field.kind === 'numeric') {
      const n = raw === undefined || raw === '' ? 0 : raw;
      const digits = typeof n === 'number' ? (Number.isSafeInteger(n) && n >= 0 ? String(n) : '') : n;
      if (!/^\d*$/.test(digits) || digits === '')
        throw new FixedWidthError('FIXED_WIDTH_BAD_RECORD', `field ${field.name} must be a non-negative integer`, {
          details: { field: field.name },
        });
      cell = digits.padStart(field.length, '0');
    } else {
      cell = toAscii(raw === undefined ? '' : String(raw)).padEnd(field.length, ' ');
    }
    if (cell.length > field.length)
      throw new FixedWidthError(
        'FIXED_WIDTH_FIELD_TOO_LONG',
        `field ${field.name} holds at most ${field.length} characters`,
        {
          details: { field: field.name, length: field.length },
        },
      );
    text += cell;
  }
  return Buffer.from(text.padEnd(recordLength, ' '), 'ascii');
}

/** Decodes a record: alphanumeric fields trimmed of trailing spaces, numeric fields as digit strings. */
export function decodeRecord(layout: Layout, recordLength: number, bytes: Buffer): Record<string, string> {
  if (bytes.length !== recordLength)
    throw new FixedWidthError('FIXED_WIDTH_BAD_RECORD', `a record is ${recordLength} bytes, got ${bytes.length}`, {
      details: { length: bytes.length },
    });
  for (const byte of bytes) {
    if (byte < 0x20 || byte > 0x7e)
      throw new FixedWidthError('FIXED_WIDTH_BAD_RECORD', 'a record holds printable ASCII only', {
        details: { byte },
      });
  }
  const text = bytes.toString('ascii');
  const values: Record<string, string> = {};
  for (const field of layout) {
    const cell = text.slice(field.start - 1, field.start - 1 + field.length);
    if (field.kind === 'numeric') {
      if (!/^\d+$/.test(cell))
        throw new FixedWidthError('FIXED_WIDTH_BAD_RECORD', `field ${field.name} is not numeric`, {
          details: { field: field.name },
        });
      values[field.name] = cell;
    } else {
      values[field.name] = cell.trimEnd();
    }
  }
  return values;
}
