// ISO/IEC 7811-2 / 7813 track reading: sentinels, character sets, LRC where present; fuzzed with random bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGuichetError } from '@guichet/shared';
import { ALPHA_TRACK, NUMERIC_TRACK } from './track-formats';
import { readTrack, trackLrc, withLrc } from './track-reader';

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('readTrack', () => {
  it('reads a track 1 format B and a track 2 without LRC (as MagTek HID readers send them)', () => {
    expect(readTrack(bytes('%B4111111111111111^DOE/JOHN^2512101?'), ALPHA_TRACK, 1)).toEqual({
      content: 'B4111111111111111^DOE/JOHN^2512101',
      lrcChecked: undefined,
    });
    expect(readTrack(bytes(';4111111111111111=2512101?'), NUMERIC_TRACK, 2).content).toBe('4111111111111111=2512101');
  });

  it('computes the LRC over 6-bit and 4-bit character values and checks it when present', () => {
    // Hand-computed: ';' ^ '1' ^ '2' ^ '?' over 4-bit values = 0xB ^ 0x1 ^ 0x2 ^ 0xF = 0x7 → '7'.
    expect(String.fromCharCode(trackLrc(bytes(';12?'), NUMERIC_TRACK))).toBe('7');
    // '%'(0x05) ^ 'A'(0x21) ^ '?'(0x1F) = 0x3B → 0x3B + 0x20 = '['.
    expect(String.fromCharCode(trackLrc(bytes('%A?'), ALPHA_TRACK))).toBe('[');
    expect(readTrack(bytes(';12?7'), NUMERIC_TRACK, 2)).toEqual({ content: '12', lrcChecked: true });
    expect(
      readTrack(bytes(withLrc('%B4111111111111111^DOE/JOHN^2512101?', ALPHA_TRACK)), ALPHA_TRACK, 1).lrcChecked,
    ).toBe(true);
    expect(() => readTrack(bytes(';12?8'), NUMERIC_TRACK, 2)).toThrow(
      expect.objectContaining({ code: 'CARD_TRACK_BAD_LRC' }),
    );
  });

  it('rejects missing sentinels, foreign characters and trailing bytes with typed errors that do not quote the data', () => {
    const cases: Array<[string, string]> = [
      ['4111=25?', 'CARD_TRACK_NO_START_SENTINEL'],
      [';4111=25', 'CARD_TRACK_NO_END_SENTINEL'],
      [';41A1=25?', 'CARD_TRACK_BAD_CHARACTER'],
      [';4111=25?77', 'CARD_TRACK_TRAILING_BYTES'],
      [';', 'CARD_TRACK_TOO_SHORT'],
    ];
    for (const [track, code] of cases) {
      try {
        readTrack(bytes(track), NUMERIC_TRACK, 2);
        expect.unreachable(track);
      } catch (error) {
        expect(error).toMatchObject({ code });
        expect((error as Error).message).not.toContain('4111');
      }
    }
    expect(() => readTrack(bytes('%B41\u0001?'), ALPHA_TRACK, 1)).toThrow(
      expect.objectContaining({ code: 'CARD_TRACK_BAD_CHARACTER' }),
    );
  });

  it('fuzz: random bytes in either format give content or a GuichetError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.boolean(), (data, alpha) => {
        try {
          const { content } = readTrack(data, alpha ? ALPHA_TRACK : NUMERIC_TRACK, 1);
          expect(content.length).toBeLessThan(data.length);
        } catch (error) {
          expect(isGuichetError(error)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
