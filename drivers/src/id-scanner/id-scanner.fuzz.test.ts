// Fuzz of the parser and of the driver's whole receive path (framer → AIM split → parser → events): random bytes,
// mutated real payloads and random element lists never throw anything but a typed IDSCAN_* error, never hang
// (every run ends; the framer leaves no timer behind once the line is quiet), and the driver still decodes a
// licence afterwards.
import fc from 'fast-check';
import { isGuichetError } from '@guichet/shared';
import { describe, expect, it } from 'vitest';
import { encodeAamva } from '../sim/id-scanner/aamva-encoder';
import { ImagerSimulator } from '../sim/id-scanner/imager-simulator';
import { SAMPLE_DOCUMENTS, SAMPLE_LICENCES, sampleLicencePayload } from '../sim/id-scanner/sample-licences';
import { manualTimers } from '../test-support/manual-timers';
import { MemoryTransport } from '../transport/memory-transport';
import { ID_SCAN_ERROR_CODES } from './id-scan-error';
import { IdDocument, ScanResult } from './id-document';
import { IdScanner } from './id-scanner';
import { parseLicenceBarcode } from './licence-barcode';
import { ETX, STX, type ScanFraming } from './scan-framing';

const payloads = SAMPLE_LICENCES.map(sampleLicencePayload);

/** A sample payload with a few bytes overwritten, inserted or cut: close to real, so it reaches deep paths. */
const mutated = fc
  .tuple(
    fc.constantFrom(...payloads),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'cut')), {
      maxLength: 4,
    }),
  )
  .map(([payload, edits]) => {
    let bytes = Buffer.from(payload);
    for (const [position, byte, edit] of edits) {
      const at = position % (bytes.length + 1);
      if (edit === 'set' && at < bytes.length) bytes[at] = byte;
      else if (edit === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.of(byte), bytes.subarray(at)]);
      else bytes = bytes.subarray(0, at);
    }
    return bytes;
  });

const elementId = fc.constantFrom(
  'DAQ',
  'DCS',
  'DAC',
  'DAD',
  'DCT',
  'DAA',
  'DBB',
  'DBA',
  'DBD',
  'DAG',
  'DAK',
  'DCG',
  'DAU',
  'DBC',
  'ZZZ',
);
/** Well-formed files with random element lists: exercises the interpretation behind the structure. */
const randomFile = fc
  .record({
    iin: fc.constantFrom('636012', '636028', '636032', '604428', '636000', '999999'),
    aamvaVersion: fc.integer({ min: 0, max: 12 }),
    jurisdictionVersion: fc.integer({ min: 0, max: 99 }),
    zeroOffsets: fc.boolean(),
    type: fc.constantFrom('DL', 'ID', 'ZO'),
    elements: fc.array(
      fc.tuple(elementId, fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^\d{8}$/), fc.constant('NONE'))),
      { maxLength: 12 },
    ),
  })
  .map((f) =>
    encodeAamva({
      iin: f.iin,
      aamvaVersion: f.aamvaVersion,
      jurisdictionVersion: f.jurisdictionVersion,
      zeroOffsets: f.zeroOffsets,
      subfiles: [{ type: f.type, elements: f.elements.map(([id, v]) => [id, v.replace(/[\n\r]/g, ' ')] as const) }],
    }),
  );

const anyPayload = fc.oneof(fc.uint8Array({ maxLength: 400 }), mutated, randomFile);
const KNOWN = new Set<string>(ID_SCAN_ERROR_CODES);

describe('fuzz: parseLicenceBarcode', () => {
  it('returns a valid IdDocument or throws a typed IDSCAN_* error, for any bytes', () => {
    fc.assert(
      fc.property(anyPayload, (bytes) => {
        let document: unknown;
        try {
          document = parseLicenceBarcode(bytes);
        } catch (error) {
          if (!isGuichetError(error) || !KNOWN.has(error.code)) throw error;
          return;
        }
        expect(IdDocument.safeParse(document).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("fuzz: the driver's receive path", () => {
  it('random chunks (garbage, frames, partial frames) never throw, only typed events, and a licence still decodes after', async () => {
    const chunk = fc.oneof(
      fc.uint8Array({ maxLength: 80 }),
      anyPayload.map((p) => Buffer.concat([Buffer.of(STX), p, Buffer.of(ETX)])),
      anyPayload.map((p) => Buffer.concat([Buffer.of(STX), p])),
      fc.constant(Buffer.of(STX)),
      fc.constant(Buffer.of(ETX, 0x0d, 0x0a)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(chunk, fc.integer({ min: 0, max: 400 })), { maxLength: 6 }),
        fc.constantFrom<ScanFraming>({ mode: 'stx-etx', interByteTimeoutMs: 300 }, { mode: 'idle', idleMs: 100 }),
        async (steps, framing) => {
          const [host, device] = MemoryTransport.pair();
          const clock = manualTimers();
          const scanner = new IdScanner({ transport: host, timers: clock.timers, reconnect: false, framing });
          const scans: unknown[] = [];
          const errors: string[] = [];
          scanner.on('scan', (s) => scans.push(s));
          scanner.on('error', (e) => errors.push(e.code));
          const sim = new ImagerSimulator(device, { stxEtx: framing.mode === 'stx-etx', crLfSuffix: true });
          await sim.start();
          await scanner.connect();
          try {
            for (const [bytes, waitMs] of steps) {
              await device.write(bytes);
              await new Promise((resolve) => setImmediate(resolve));
              clock.advance(waitMs);
            }
            // Quiet line: whatever was in progress times out; no timer may be left running.
            clock.advance(1000);
            expect(clock.pending()).toBe(0);
            for (const s of scans) expect(ScanResult.safeParse(s).success).toBe(true);
            for (const code of errors) expect(KNOWN.has(code)).toBe(true);
            await sim.scan('ontario');
            await new Promise((resolve) => setImmediate(resolve));
            // Idle mode delivers the frame after the silence; STX/ETX mode at once.
            clock.advance(1000);
            expect(scans.at(-1)).toEqual(SAMPLE_DOCUMENTS.ontario);
          } finally {
            await scanner.close();
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
