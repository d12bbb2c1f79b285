import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GuichetError } from '@guichet/shared';
import { PRINTER_MODEL_IDS, printerModel } from './printer-models';
import { decodeStatus, decodeStatusByte, encodeStatusByte, isStatusByte } from './status-decoder';
import { STATUS_BITS } from './status-bits';

describe('DLE EOT status decoding (Epson bit table)', () => {
  it('reads a clean printer as no flags set', () => {
    const status = decodeStatus([0x12, 0x12, 0x12, 0x12]);
    expect(Object.values(status.flags).every((v) => !v)).toBe(true);
    expect(status.raw).toEqual([0x12, 0x12, 0x12, 0x12]);
  });

  it('reads the bits Epson documents for each function', () => {
    expect(decodeStatusByte(1, 0x1a)).toMatchObject({ offline: true, drawerPin3High: false }); // bit 3
    expect(decodeStatusByte(1, 0x16)).toMatchObject({ offline: false, drawerPin3High: true }); // bit 2
    expect(decodeStatusByte(2, 0x16)).toMatchObject({ coverOpen: true, stoppedByPaperEnd: false }); // bit 2
    expect(decodeStatusByte(2, 0x32)).toMatchObject({ stoppedByPaperEnd: true, errorOccurred: false }); // bit 5
    expect(decodeStatusByte(2, 0x52)).toMatchObject({ errorOccurred: true }); // bit 6
    expect(decodeStatusByte(3, 0x1a)).toMatchObject({ autocutterError: true, mechanicalError: false }); // bit 3
    expect(decodeStatusByte(3, 0x32)).toMatchObject({ unrecoverableError: true }); // bit 5
    expect(decodeStatusByte(4, 0x1e)).toEqual({ paperNearEnd: true, paperEnd: false }); // bits 2-3
    expect(decodeStatusByte(4, 0x72)).toEqual({ paperNearEnd: false, paperEnd: true }); // bits 5-6
    expect(decodeStatusByte(4, 0x7e)).toEqual({ paperNearEnd: true, paperEnd: true });
  });

  it('rejects bytes whose fixed bits are wrong with a typed error', () => {
    for (const byte of [0x00, 0xff, 0x10, 0x02, 0x92, 0x13]) {
      expect(() => decodeStatusByte(1, byte)).toThrowError(expect.objectContaining({ code: 'PRINTER_STATUS_GARBLED' }));
    }
    expect(() => decodeStatus([0x12, 0x12])).toThrow(GuichetError);
  });

  it('encodes every flag back to the byte it was read from', () => {
    for (const [n, bits] of Object.entries(STATUS_BITS)) {
      for (const { flag, mask } of bits) {
        const byte = encodeStatusByte(Number(n) as 1 | 2 | 3 | 4, { [flag]: true });
        expect(byte).toBe(0x12 | mask);
        expect(decodeStatusByte(Number(n) as 1 | 2 | 3 | 4, byte)[flag]).toBe(true);
      }
    }
  });

  it('fuzz: any byte for any function decodes or raises PRINTER_STATUS_GARBLED, nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 255 }), (n, byte) => {
        try {
          const flags = decodeStatusByte(n as 1 | 2 | 3 | 4, byte);
          expect(isStatusByte(byte)).toBe(true);
          expect(Object.values(flags).every((v) => typeof v === 'boolean')).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(GuichetError);
          expect((error as GuichetError).code).toBe('PRINTER_STATUS_GARBLED');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('fuzz: random reply sequences of any length never throw anything but a GuichetError', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 300 }), { maxLength: 8 }), (replies) => {
        try {
          decodeStatus(replies);
        } catch (error) {
          expect(error).toBeInstanceOf(GuichetError);
        }
      }),
    );
  });
});

describe('fixed bits per model profile', () => {
  it('bits 0, 1 and 4 are fixed for every model; bit 7 only where the model defines it', () => {
    const withBit7 = 0x12 | 0x80;
    expect(() => decodeStatusByte(4, withBit7, printerModel('epson-tm-t88'))).toThrow(/not a status byte/);
    expect(decodeStatusByte(4, withBit7, printerModel('generic-escpos'))).toMatchObject({ paperEnd: false });
    for (const id of PRINTER_MODEL_IDS) {
      for (const bad of [0x13, 0x10, 0x02]) expect(() => decodeStatusByte(1, bad, printerModel(id))).toThrow();
    }
  });

  it("Custom's bit 7 of DLE EOT 1 is a vendor flag there, still fixed on DLE EOT 2-4", () => {
    const custom = printerModel('custom-kiosk');
    const status = decodeStatus([0x92, 0x12, 0x12, 0x12], custom);
    expect(status.vendor).toEqual({ customDleEot1Bit7: true });
    expect(Object.values(status.flags).some(Boolean)).toBe(false);
    expect(() => decodeStatus([0x12, 0x92, 0x12, 0x12], custom)).toThrow(/DLE EOT 2/);
    expect(decodeStatus([0x12, 0x12, 0x12, 0x12])).not.toHaveProperty('vendor');
  });
});
