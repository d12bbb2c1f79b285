// MagTek HID report layout (USB HID Swipe Reader manual 99875191 §4): offsets, lengths, decode status, fuzz.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGuichetError } from '@guichet/shared';
import { buildMagtekReport, parseMagtekReport } from './magtek-report';
import { MAGTEK_REPORT_LENGTH } from './magtek-report-layout';

describe('MagTek swipe report', () => {
  it('puts status, lengths, encode type and tracks at the manual offsets', () => {
    const report = buildMagtekReport({ encodeType: 1, tracks: ['%AB?', 'error', ';12?'] });
    expect(report.length).toBe(337);
    expect([...report.subarray(0, 7)]).toEqual([0, 1, 0, 4, 0, 4, 1]);
    expect(report.subarray(7, 11).toString('latin1')).toBe('%AB?');
    expect(report.subarray(227, 231).toString('latin1')).toBe(';12?');
    const parsed = parseMagtekReport(report);
    expect(parsed.encodeType).toBe('aamva');
    expect(parsed.tracks.map((t) => [t.track, t.decodeError, t.data.toString('latin1')])).toEqual([
      [1, false, '%AB?'],
      [2, true, ''],
      [3, false, ';12?'],
    ]);
  });

  it('track views share the report memory, so zeroing the report wipes them', () => {
    const report = buildMagtekReport({ encodeType: 0, tracks: [undefined, ';1234?', undefined] });
    const { tracks } = parseMagtekReport(report);
    report.fill(0);
    expect([...tracks[1].data]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('accepts a leading zero report id, refuses other lengths and impossible track lengths', () => {
    const report = buildMagtekReport({ encodeType: 0, tracks: [undefined, ';1?', undefined] });
    expect(parseMagtekReport(Buffer.concat([Buffer.of(0), report])).tracks[1].data.toString()).toBe(';1?');
    expect(() => parseMagtekReport(report.subarray(0, 100))).toThrow(
      expect.objectContaining({ code: 'CARD_REPORT_BAD_LENGTH' }),
    );
    expect(() => parseMagtekReport(Buffer.alloc(5000))).toThrow(
      expect.objectContaining({ code: 'CARD_REPORT_BAD_LENGTH' }),
    );
    const bad = Buffer.from(report);
    bad[4] = 111;
    expect(() => parseMagtekReport(bad)).toThrow(expect.objectContaining({ code: 'CARD_REPORT_BAD_TRACK_LENGTH' }));
    const unknownType = Buffer.from(report);
    unknownType[6] = 200;
    expect(parseMagtekReport(unknownType).encodeType).toBe('unknown');
  });

  it('fuzz: random bytes of any length give a report or a GuichetError, and leave the input untouched', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 700 }),
          fc.uint8Array({ minLength: MAGTEK_REPORT_LENGTH, maxLength: MAGTEK_REPORT_LENGTH }),
        ),
        (bytes) => {
          const input = Buffer.from(bytes);
          try {
            const parsed = parseMagtekReport(input);
            for (const track of parsed.tracks) expect(track.data.length).toBeLessThanOrEqual(110);
          } catch (error) {
            expect(isGuichetError(error)).toBe(true);
          }
          expect(Buffer.compare(input, Buffer.from(bytes))).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
