// The frame splitter on manual timers: STX…ETX frames across chunk boundaries, the imager's own CR LF suffix
// ignored, garbage reported once per run, partial frames after silence or a new STX, oversized frames dropped,
// idle mode, and every byte of a finished or dropped frame zeroed.
import { describe, expect, it } from 'vitest';
import { manualTimers } from '../test-support/manual-timers';
import { ETX, ScanFramer, STX, type FramerEvent, type ScanFraming } from './scan-framing';

function framer(framing: ScanFraming = { mode: 'stx-etx', interByteTimeoutMs: 300 }, maxFrameBytes = 64) {
  const clock = manualTimers();
  const events: FramerEvent[] = [];
  const f = new ScanFramer({ framing, maxFrameBytes, timers: clock.timers }, (e) => events.push(e));
  const summary = () =>
    events.map((e) => (e.kind === 'frame' ? `frame:${e.payload.toString('latin1')}` : `fault:${e.error.code}`));
  return { f, clock, events, summary, buffer: (f as unknown as { buffer: Buffer }).buffer };
}

const bytes = (...parts: Array<string | number>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'number' ? Buffer.of(p) : Buffer.from(p, 'latin1'))));

describe('ScanFramer, STX/ETX mode', () => {
  it('joins a frame split across chunks, keeps CR/LF inside it, ignores a CR LF suffix after ETX', () => {
    const { f, summary, clock } = framer();
    f.push(bytes(STX, '@\n\x1e\rAN'));
    f.push(bytes('SI 1\r'));
    f.push(bytes(ETX, '\r\n', STX, 'two', ETX));
    expect(summary()).toEqual(['frame:@\n\x1e\rANSI 1\r', 'frame:two']);
    expect(clock.pending()).toBe(0);
  });

  it('reports garbage before a frame once, with its byte count, and still reads the frame', () => {
    const { f, events, summary } = framer();
    f.push(bytes('noise', STX, 'ok', ETX));
    expect(summary()).toEqual(['fault:IDSCAN_FRAME_GARBAGE', 'frame:ok']);
    expect(events[0]?.kind === 'fault' && events[0].error.message).toContain('5 bytes');
  });

  it('reports garbage with no frame after it once the line falls silent', () => {
    const { f, summary, clock } = framer();
    f.push(bytes('@\n\x1e\rANSI 636012'));
    expect(summary()).toEqual([]);
    clock.advance(299);
    expect(summary()).toEqual([]);
    clock.advance(1);
    expect(summary()).toEqual(['fault:IDSCAN_FRAME_GARBAGE']);
  });

  it('a frame that falls silent before its ETX is a partial read, zeroed, and the next frame reads', () => {
    const { f, summary, clock, buffer } = framer();
    f.push(bytes(STX, 'SECRET'));
    clock.advance(300);
    expect(summary()).toEqual(['fault:IDSCAN_FRAME_PARTIAL']);
    expect(buffer.every((b) => b === 0)).toBe(true);
    f.push(bytes(STX, 'next', ETX));
    expect(summary()).toEqual(['fault:IDSCAN_FRAME_PARTIAL', 'frame:next']);
  });

  it('a new STX in a frame drops the partial one', () => {
    const { f, summary } = framer();
    f.push(bytes(STX, 'half', STX, 'whole', ETX));
    expect(summary()).toEqual(['fault:IDSCAN_FRAME_PARTIAL', 'frame:whole']);
  });

  it('a frame longer than the limit is dropped whole, reported once, and the framer resyncs', () => {
    const { f, summary, buffer } = framer(undefined, 8);
    f.push(bytes(STX, '0123456789abcdef', ETX, STX, 'short', ETX));
    expect(summary()).toEqual(['fault:IDSCAN_FRAME_TOO_LONG', 'frame:short']);
    expect(buffer.every((b) => b === 0)).toBe(true);
  });

  it('zeroes its buffer after every frame; the emitted payload is a copy', () => {
    const { f, events, buffer } = framer();
    f.push(bytes(STX, 'DAQS1234', ETX));
    expect(buffer.every((b) => b === 0)).toBe(true);
    expect(events[0]?.kind === 'frame' && events[0].payload.toString('latin1')).toBe('DAQS1234');
  });
});

describe('ScanFramer, idle mode', () => {
  it('one frame per burst, ended by silence; too long bursts dropped', () => {
    const { f, summary, clock } = framer({ mode: 'idle', idleMs: 80 }, 16);
    f.push(bytes('@\n\x1e\r'));
    clock.advance(50);
    f.push(bytes('ANSI\r'));
    clock.advance(79);
    expect(summary()).toEqual([]);
    clock.advance(1);
    expect(summary()).toEqual(['frame:@\n\x1e\rANSI\r']);
    f.push(bytes('x'.repeat(40)));
    clock.advance(80);
    f.push(bytes('again'));
    clock.advance(80);
    expect(summary()).toEqual(['frame:@\n\x1e\rANSI\r', 'fault:IDSCAN_FRAME_TOO_LONG', 'frame:again']);
  });
});
