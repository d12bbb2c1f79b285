// Parses and builds MagTek USB HID swipe reader Input Reports (layouts in magtek-report-layout.ts, chosen by the
// report's length). Pure: bytes in, track views out. The track views share memory with the report, so zeroing the
// report zeroes the tracks.
import { GuichetError } from '@guichet/shared';
import {
  CARD_ENCODE_TYPES,
  DECODE_STATUS_ERROR_BIT,
  MAGTEK_LAYOUTS,
  type CardEncodeType,
  type MagtekLayoutName,
  type MagtekReportLayout,
} from './magtek-report-layout';

export interface MagtekTrack {
  track: 1 | 2 | 3;
  /** The reader flagged a decode error on this track (its data is then empty). */
  decodeError: boolean;
  /** The valid bytes, start sentinel to end sentinel; a view into the report (empty when absent). */
  data: Buffer;
}

export interface MagtekReport {
  layout: MagtekLayoutName;
  /** The tracks are the reader's masked copy (MagneSafe). */
  masked: boolean;
  encodeType: CardEncodeType;
  tracks: [MagtekTrack, MagtekTrack, MagtekTrack];
}

const LAYOUT_BY_LENGTH = new Map<number, MagtekReportLayout>(
  Object.values(MAGTEK_LAYOUTS).flatMap((layout) => layout.lengths.map((length) => [length, layout] as const)),
);

export function parseMagtekReport(report: Buffer): MagtekReport {
  // Some hidraw stacks prepend a zero report id to reports of devices that declare none.
  const body = !LAYOUT_BY_LENGTH.has(report.length) && report[0] === 0 ? report.subarray(1) : report;
  const layout = LAYOUT_BY_LENGTH.get(body.length);
  if (!layout) {
    throw new GuichetError(
      'CARD_REPORT_BAD_LENGTH',
      `a MagTek swipe report is ${MAGTEK_LAYOUTS['swipe-reader'].lengths.join(' or ')} bytes (${MAGTEK_LAYOUTS.magnesafe.lengths.join(' or ')} from a MagneSafe), this one is ${report.length}`,
      {
        details: { length: report.length },
      },
    );
  }
  const tracks = layout.tracks.map((field, i) => {
    const status = body[layout.decodeStatus[i] as number] as number;
    const length = body[layout.dataLength[i] as number] as number;
    if (length > field.size) {
      throw new GuichetError(
        'CARD_REPORT_BAD_TRACK_LENGTH',
        `track ${field.track} claims ${length} bytes in a ${field.size}-byte field`,
        {
          details: { track: field.track, length },
        },
      );
    }
    return {
      track: field.track,
      decodeError: (status & DECODE_STATUS_ERROR_BIT) !== 0,
      data: body.subarray(field.offset, field.offset + length),
    };
  }) as MagtekReport['tracks'];
  const encodeByte = body[layout.encodeType] as number;
  const encodeType = (CARD_ENCODE_TYPES as Record<number, CardEncodeType>)[encodeByte] ?? 'unknown';
  return { layout: layout.name, masked: layout.masked, encodeType, tracks };
}

export interface MagtekReportInput {
  encodeType: keyof typeof CARD_ENCODE_TYPES;
  /** ASCII track contents (sentinels included), or 'error' for a track the reader could not decode. */
  tracks: [string | undefined, string | undefined, string | undefined];
}

/**
 * Builds the report bytes a reader sends for a swipe (used by the simulator and the tests). For a MagneSafe the
 * tracks given are its masked tracks; the encrypted fields are left zero (we never read them).
 */
export function buildMagtekReport(input: MagtekReportInput, layoutName: MagtekLayoutName = 'swipe-reader'): Buffer {
  const layout = MAGTEK_LAYOUTS[layoutName];
  const report = Buffer.alloc(layout.lengths.at(-1) ?? 0);
  report[layout.encodeType] = input.encodeType;
  layout.tracks.forEach((field, i) => {
    const track = input.tracks[i];
    if (track === 'error') {
      report[layout.decodeStatus[i] as number] = DECODE_STATUS_ERROR_BIT;
      return;
    }
    if (track === undefined) return;
    const bytes = Buffer.from(track, 'latin1');
    if (bytes.length > field.size)
      throw new GuichetError('CARD_REPORT_TRACK_TOO_LONG', `track ${field.track} holds at most ${field.size} bytes`);
    bytes.copy(report, field.offset);
    report[layout.dataLength[i] as number] = bytes.length;
  });
  return report;
}
