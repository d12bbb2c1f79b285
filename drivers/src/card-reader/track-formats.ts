// Magnetic track character sets, sentinels and LRC rules (ISO/IEC 7811-2 recording, ISO/IEC 7813 financial
// formats, AAMVA DL/ID standard annex on the magnetic stripe). Data table consumed by track-reader.ts.
export interface TrackFormat {
  name: 'alpha' | 'numeric';
  startSentinels: readonly number[];
  endSentinel: number;
  /** Lowest and highest ASCII code of the character set (6-bit alpha: 0x20-0x5F; 4-bit BCD: 0x30-0x3F). */
  lowest: number;
  highest: number;
  /** Field separators of this character set. */
  separators: readonly number[];
}

/** Track 1 (IATA, 6-bit alphanumeric, 210 bpi): `%` … `?`, separator `^`. AAMVA track 3 uses the same set. */
export const ALPHA_TRACK: TrackFormat = {
  name: 'alpha',
  startSentinels: [0x25],
  endSentinel: 0x3f,
  lowest: 0x20,
  highest: 0x5f,
  separators: [0x5e],
};

/** Track 2 (ABA, 4-bit BCD, 75 bpi): `;` … `?`, separator `=`. */
export const NUMERIC_TRACK: TrackFormat = {
  name: 'numeric',
  startSentinels: [0x3b],
  endSentinel: 0x3f,
  lowest: 0x30,
  highest: 0x3f,
  separators: [0x3d],
};

/** Reader output per track number: MagTek decodes track 3 with whichever set its start sentinel announces. */
export const TRACK_FORMATS: Record<1 | 2, TrackFormat> = { 1: ALPHA_TRACK, 2: NUMERIC_TRACK };
