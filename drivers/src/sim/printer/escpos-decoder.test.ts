import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EscPosDecoder, type DecoderEvent } from './escpos-decoder';
import { renderText } from './receipt-text';

const bytes = (...parts: Array<number[] | string>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

function decodeAll(input: Uint8Array): DecoderEvent[] {
  return new EscPosDecoder().push(input);
}

describe('ESC/POS decoder (simulator side)', () => {
  it('decodes text, ESC ! modes, ESC a alignment, PC858 bytes, QR and cuts into blocks', () => {
    const events = decodeAll(
      bytes(
        [0x1b, 0x40, 0x1b, 0x74, 19, 0x1b, 0x61, 0x32],
        'Caf',
        [0x82],
        '\n',
        [0x1b, 0x21, 0x38],
        'BIG',
        [0x1b, 0x21, 0x00, 0x0a],
        [0x1d, 0x28, 0x6b, 0x05, 0x00, 0x31, 0x50, 0x30],
        'AB',
        [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
        [0x1d, 0x56, 0x42, 0x03],
      ),
    );
    const blocks = events.flatMap((e) => (e.kind === 'printed' ? [e.block] : []));
    expect(events[0]).toEqual({ kind: 'init' });
    expect(blocks).toEqual([
      { kind: 'line', align: 'right', segments: [{ text: 'Café', bold: false, width: 1, height: 1 }] },
      { kind: 'line', align: 'right', segments: [{ text: 'BIG', bold: true, width: 2, height: 2 }] },
      { kind: 'qr', align: 'right', data: 'AB' },
      { kind: 'cut', cut: 'partial' },
    ]);
    expect(renderText(blocks, 10).split('\n')).toEqual([
      '      Café',
      '    **BIG**',
      '  [QR: AB]',
      '--- partial cut ---',
    ]);
  });

  it('reports DLE EOT requests in order, and skips the extra byte of DLE EOT 7/8/18', () => {
    const events = decodeAll(bytes([0x10, 0x04, 0x01, 0x10, 0x04, 0x12, 0x01, 0x10, 0x04, 0x04]));
    expect(events).toEqual([
      { kind: 'status-request', n: 1 },
      { kind: 'status-request', n: 4 },
    ]);
  });

  it('waits for the rest of a command split across chunks', () => {
    const decoder = new EscPosDecoder();
    expect(decoder.push(bytes([0x10]))).toEqual([]);
    expect(decoder.push(bytes([0x04]))).toEqual([]);
    expect(decoder.push(bytes([0x02]))).toEqual([{ kind: 'status-request', n: 2 }]);
  });

  it('fuzz: random bytes never throw, and any chunking gives the same events as one piece', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.nat({ max: 600 }), { maxLength: 6 }),
        (input, cuts) => {
          const whole = new EscPosDecoder();
          const expected = [...whole.push(input), ...whole.flush()];
          const chunked = new EscPosDecoder();
          const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
          const got: DecoderEvent[] = [];
          let from = 0;
          for (const point of [...points, input.length]) {
            got.push(...chunked.push(input.subarray(from, point)));
            from = point;
          }
          got.push(...chunked.flush());
          expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('fuzz: after garbage that leaves no command open, ESC @ restores a clean state', () => {
    // Garbage made only of printable bytes and single-byte controls cannot open a length-prefixed command.
    const harmless = fc
      .uint8Array({ maxLength: 300 })
      .map((a) => a.map((b) => (b === 0x1b || b === 0x1d || b === 0x1c || b === 0x10 ? 0x20 : b)));
    fc.assert(
      fc.property(harmless, (garbage) => {
        const decoder = new EscPosDecoder();
        decoder.push(garbage);
        const events = decoder.push(bytes('\n', [0x1b, 0x40], 'ok\n', [0x10, 0x04, 0x01]));
        const tail = events.slice(-2);
        expect(tail).toEqual([
          {
            kind: 'printed',
            block: { kind: 'line', align: 'left', segments: [{ text: 'ok', bold: false, width: 1, height: 1 }] },
          },
          { kind: 'status-request', n: 1 },
        ]);
      }),
      { numRuns: 200 },
    );
  });

  it('caps a line at 1024 characters so a stream without newlines cannot grow memory', () => {
    const events = decodeAll(bytes('x'.repeat(5000), '\n'));
    const block = events[0];
    expect(block?.kind === 'printed' && block.block.kind === 'line' && block.block.segments[0]?.text.length).toBe(1024);
  });

  it('skips a raster image of any declared size as it streams, and still answers the DLE EOT after it', () => {
    const decoder = new EscPosDecoder();
    // GS v 0 with xL xH yL yH = FF FF FF FF declares ~4 GB of raster data: it must be counted, never buffered.
    expect(decoder.push(bytes([0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff]))).toEqual([]);
    const block = new Uint8Array(65536).fill(0x41);
    const started = performance.now();
    for (let i = 0; i < 200; i++) expect(decoder.push(block)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(decoder.bufferedBytes).toBeLessThanOrEqual(256);
    // The rest of the declared image is still data; a short one ends and the next command is read.
    const small = new EscPosDecoder();
    expect(small.push(bytes([0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00], 'ABCDEF', [0x10, 0x04, 0x01]))).toEqual([
      { kind: 'status-request', n: 1 },
    ]);
  });

  it('skips a huge GS ( payload byte by byte without buffering it, then reads DLE EOT 1', () => {
    const decoder = new EscPosDecoder();
    decoder.push(bytes([0x1d, 0x28, 0x6b, 0xff, 0xff, 0x31, 0x50, 0x30]));
    for (let i = 0; i < 65532; i++) decoder.push(Uint8Array.of(0x41));
    expect(decoder.bufferedBytes).toBeLessThanOrEqual(256);
    expect(decoder.push(bytes([0x10, 0x04, 0x01]))).toEqual([{ kind: 'status-request', n: 1 }]);
  });
});
