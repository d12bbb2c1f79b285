// Parses and builds MagTek USB HID swipe reader Input Reports (layout in magtek-report-layout.ts). Pure: bytes in,
// track views out. The track views share memory with the report, so zeroing the report zeroes the tracks.
import { GuichetError } from '@guichet/shared';
import {
  CARD_ENCODE_TYPES,
  DECODE_STATUS_ERROR_BIT,
  MAGTEK_HEADER,
  MAGTEK_REPORT_LENGTH,
  MAGTEK_TRACK_FIELDS,
  type CardEncodeType,
} from './magtek-report-layout';

export interface MagtekTrack {
  track: 1 | 2 | 3;
  /** The reader flagged a decode error on this track (its data is then empty). */
  decodeError: boolean;
  /** The valid bytes, start sentinel to end sentinel; a view into the report (empty when absent). */
  data: Buffer;
}

export interface MagtekReport {
  encodeType: CardEncodeType;
  tracks: [MagtekTrack, MagtekTrack, MagtekTrack];
}

export function parseMagtekReport(report: Buffer): MagtekReport {
  // Some hidraw stacks prepend a zero report id to reports of devices that declare none.
  const body = report.length === MAGTEK_REPORT_LENGTH + 1 && report[0] === 0 ? report.subarray(1) : report;
  if (body.length !== MAGTEK_REPORT_LENGTH) {
    throw new GuichetError(
      'CARD_REPORT_BAD_LENGTH',
      `a MagTek swipe report is ${MAGTEK_REPORT_LENGTH} bytes, this one is ${report.length}`,
      {
        details: { length: report.length },
      },
    );
  }
  const tracks = MAGTEK_TRACK_FIELDS.map((field, i) => {
    const status = body[MAGTEK_HEADER.decodeStatus[i] as number] as number;
    const length = body[MAGTEK_HEADER.dataLength[i] as number] as number;
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
  const encodeByte = body[MAGTEK_HEADER.encodeType] as number;
  const encodeType = (CARD_ENCODE_TYPES as Record<number, CardEncodeType>)[encodeByte] ?? 'unknown';
  return { encodeType, tracks };
}

export interface MagtekReportInput {
  encodeType: keyof typeof CARD_ENCODE_TYPES;
  /** ASCII track contents (sentinels included), or 'error' for a track the reader could not decode. */
  tracks: [string | undefined, string | undefined, string | undefined];
}

/** Builds the report bytes a reader sends for a swipe (used by the simulator and the tests). */
export function buildMagtekReport(input: MagtekReportInput): Buffer {
  const report = Buffer.alloc(MAGTEK_REPORT_LENGTH);
  report[MAGTEK_HEADER.encodeType] = input.encodeType;
  MAGTEK_TRACK_FIELDS.forEach((field, i) => {
    const track = input.tracks[i];
    if (track === 'error') {
      report[MAGTEK_HEADER.decodeStatus[i] as number] = DECODE_STATUS_ERROR_BIT;
      return;
    }
    if (track === undefined) return;
    const bytes = Buffer.from(track, 'latin1');
    if (bytes.length > field.size)
      throw new GuichetError('CARD_REPORT_TRACK_TOO_LONG', `track ${field.track} holds at most ${field.size} bytes`);
    bytes.copy(report, field.offset);
    report[MAGTEK_HEADER.dataLength[i] as number] = bytes.length;
  });
  return report;
}
