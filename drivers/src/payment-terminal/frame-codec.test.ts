// Framing and LRC tests (PAX POSLink: STX data ETX LRC), the public examples byte for byte, and a fuzz of the decoder.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GuichetError } from '@guichet/shared';
import { ACK, ETX, NAK, STX } from './control-bytes';
import { encodeFrame, FrameDecoder, lrc } from './frame-codec';

describe('LRC and frame encoding', () => {
  it('LRC is the XOR of the bytes after STX through ETX', () => {
    // "A00" FS "1.28" ETX, computed by hand: 0x41^0x30^0x30^0x1c^0x31^0x2e^0x32^0x38^0x03
    const body = Buffer.from('A00\x1c1.28\x03', 'latin1');
    expect(lrc(body)).toBe(0x41 ^ 0x30 ^ 0x30 ^ 0x1c ^ 0x31 ^ 0x2e ^ 0x32 ^ 0x38 ^ 0x03);
    const frame = encodeFrame(Buffer.from('A00\x1c1.28', 'latin1'));
    expect(frame[0]).toBe(STX);
    expect(frame[frame.length - 2]).toBe(ETX);
    expect(frame[frame.length - 1]).toBe(lrc(body));
  });

  it('refuses payloads containing STX/ETX or too long', () => {
    expect(() => encodeFrame(Uint8Array.from([0x41, ETX]))).toThrow(GuichetError);
    expect(() => encodeFrame(new Uint8Array(5000).fill(0x41))).toThrow(/frame limit/);
  });
});

describe('FrameDecoder', () => {
  it('decodes a frame split across chunks, and control bytes between frames', () => {
    const decoder = new FrameDecoder();
    const frame = encodeFrame(Buffer.from('T01\x1c1.28\x1c000000'));
    const events = [
      ...decoder.push(Uint8Array.from([ACK])),
      ...decoder.push(frame.subarray(0, 5)),
      ...decoder.push(frame.subarray(5)),
      ...decoder.push(Uint8Array.from([NAK])),
    ];
    expect(events.map((event) => event.kind)).toEqual(['ack', 'frame', 'nak']);
    expect(events[1]).toMatchObject({ kind: 'frame', payload: Buffer.from('T01\x1c1.28\x1c000000') });
  });

  it('reports a wrong LRC, garbage and a truncated frame as typed errors, then decodes the next good frame', () => {
    const decoder = new FrameDecoder();
    const good = encodeFrame(Buffer.from('A01\x1c1.28'));
    const bad = Buffer.from(good);
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 0xff, bad.length - 1);
    const events = decoder.push(Buffer.concat([Buffer.from('zz'), bad, Buffer.from([STX, 0x41, 0x42]), good]));
    const codes = events.map((event) => (event.kind === 'error' ? event.error.code : event.kind));
    expect(codes).toEqual(['PAYMENT_FRAME_GARBAGE', 'PAYMENT_FRAME_BAD_LRC', 'PAYMENT_FRAME_TRUNCATED', 'frame']);
  });

  it('discards an oversized frame and recovers', () => {
    const decoder = new FrameDecoder();
    const events = decoder.push(Buffer.concat([Buffer.from([STX]), Buffer.alloc(4200, 0x41)]));
    expect(events.some((event) => event.kind === 'error' && event.error.code === 'PAYMENT_FRAME_TOO_LONG')).toBe(true);
    expect(decoder.push(encodeFrame(Buffer.from('A01'))).map((event) => event.kind)).toContain('frame');
  });

  it('STX, then ACK in separate chunks after the inter-byte timeout: the partial frame is dropped and the ACK delivered', () => {
    let now = 1_000;
    const decoder = new FrameDecoder({ now: () => now, interByteTimeoutMs: 200 });
    expect(decoder.push(Uint8Array.from([STX]))).toEqual([]);
    now += 250;
    const events = decoder.push(Uint8Array.from([ACK]));
    expect(events.map((event) => (event.kind === 'error' ? event.error.code : event.kind))).toEqual([
      'PAYMENT_FRAME_TIMEOUT',
      'ack',
    ]);
    expect(decoder.pending).toBe(0);
  });

  it('a frame whose bytes keep coming within the timeout decodes; one resumed after the timeout is dropped, and the next decodes', () => {
    let now = 0;
    const decoder = new FrameDecoder({ now: () => now, interByteTimeoutMs: 200 });
    const frame = encodeFrame(Buffer.from('A01\x1c1.28\x1c000000\x1cREADY'));
    const events = [];
    for (const byte of frame) {
      now += 150;
      events.push(...decoder.push(Uint8Array.from([byte])));
    }
    expect(events.map((event) => event.kind)).toEqual(['frame']);
    now += 1;
    expect(decoder.push(frame.subarray(0, 6))).toEqual([]);
    now += 201;
    const after = decoder.push(Buffer.concat([frame.subarray(6), frame]));
    // The tail of the interrupted frame is garbage outside any frame; the whole frame after it decodes.
    expect(after.map((event) => (event.kind === 'error' ? event.error.code : event.kind))).toEqual([
      'PAYMENT_FRAME_TIMEOUT',
      'PAYMENT_FRAME_GARBAGE',
      'frame',
    ]);
  });

  it('fuzz: random bytes never throw, only typed errors, and a good frame afterwards still decodes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (chunks) => {
        const decoder = new FrameDecoder();
        for (const chunk of chunks) {
          for (const event of decoder.push(chunk))
            if (event.kind === 'error') expect(event.error).toBeInstanceOf(GuichetError);
        }
        // A lone ETX terminates whatever was in progress; then a fresh frame must decode intact.
        decoder.push(Uint8Array.from([ETX, 0x00]));
        const events = decoder.push(encodeFrame(Buffer.from('A01\x1c1.28')));
        expect(events.filter((event) => event.kind === 'frame')).toEqual([
          { kind: 'frame', payload: Buffer.from('A01\x1c1.28') },
        ]);
      }),
      { numRuns: 300 },
    );
  });
});
