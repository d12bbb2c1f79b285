// Reads one track's bytes per ISO/IEC 7811-2 / 7813: start sentinel, content in the track's character set, end
// sentinel, then the LRC character when the reader passes it on (MagTek HID readers strip it; others do not).
import { GuichetError } from '@guichet/shared';
import type { TrackFormat } from './track-formats';

export interface TrackContent {
  /** Characters between the sentinels. */
  content: string;
  /** true/false when an LRC character followed the end sentinel, undefined when none did. */
  lrcChecked: boolean | undefined;
}

/** LRC of ISO/IEC 7811-2: XOR of the character values (code minus the set's base), sentinels included. */
export function trackLrc(bytes: Uint8Array, format: TrackFormat): number {
  let lrc = 0;
  for (const byte of bytes) lrc ^= (byte - format.lowest) & (format.name === 'alpha' ? 0x3f : 0x0f);
  return lrc + format.lowest;
}

export function readTrack(bytes: Uint8Array, format: TrackFormat, track: number): TrackContent {
  if (bytes.length < 2)
    throw new GuichetError('CARD_TRACK_TOO_SHORT', `track ${track} is too short to hold its sentinels`, {
      details: { track },
    });
  if (!format.startSentinels.includes(bytes[0] as number)) {
    throw new GuichetError('CARD_TRACK_NO_START_SENTINEL', `track ${track} does not begin with its start sentinel`, {
      details: { track },
    });
  }
  const end = bytes.indexOf(format.endSentinel, 1);
  if (end < 0)
    throw new GuichetError('CARD_TRACK_NO_END_SENTINEL', `track ${track} has no end sentinel`, { details: { track } });
  if (bytes.length > end + 2)
    throw new GuichetError('CARD_TRACK_TRAILING_BYTES', `track ${track} has bytes after its end sentinel and LRC`, {
      details: { track },
    });
  for (let i = 1; i < end; i++) {
    const byte = bytes[i] as number;
    if (
      byte < format.lowest ||
      byte > format.highest ||
      byte === format.endSentinel ||
      format.startSentinels.includes(byte)
    ) {
      // The position only: the character itself may be card data.
      throw new GuichetError(
        'CARD_TRACK_BAD_CHARACTER',
        `track ${track} has a character outside its ${format.name} set at position ${i}`,
        {
          details: { track, position: i },
        },
      );
    }
  }
  let lrcChecked: boolean | undefined;
  if (bytes.length === end + 2) {
    lrcChecked = trackLrc(bytes.subarray(0, end + 1), format) === bytes[end + 1];
    if (!lrcChecked)
      throw new GuichetError('CARD_TRACK_BAD_LRC', `track ${track} fails its LRC check`, { details: { track } });
  }
  return { content: Buffer.from(bytes.subarray(1, end)).toString('latin1'), lrcChecked };
}

/** Adds the LRC character after the end sentinel (for building test tracks the way a raw-output reader sends them). */
export function withLrc(track: string, format: TrackFormat): string {
  return track + String.fromCharCode(trackLrc(Buffer.from(track, 'latin1'), format));
}
