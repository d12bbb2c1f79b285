// Pure decoding (and, for the simulator, encoding) of DLE EOT 1..4 real-time status replies through the bit
// table in status-bits.ts (Epson ESC/POS Command Reference, DLE EOT). Only the fixed bits of the model's profile
// (printer-models.ts) decide whether a byte is an answer; garbage bytes raise PRINTER_STATUS_GARBLED.
import { GuichetError } from '@guichet/shared';
import { REAL_TIME_STATUS_FUNCTIONS, type RealTimeStatusFunction } from './escpos-commands';
import { isModelStatusByte, printerModel, type PrinterModelProfile } from './printer-models';
import { STATUS_BITS, STATUS_FIXED_MASK, STATUS_FIXED_VALUE, type StatusFlag } from './status-bits';

export type StatusFlags = Record<StatusFlag, boolean>;

export interface PrinterStatus {
  flags: StatusFlags;
  /** The four reply bytes, DLE EOT 1..4 in order, for diagnostics. */
  raw: [number, number, number, number];
  /** Vendor bits of the model's profile (e.g. Custom's bit 7 of DLE EOT 1), reported, never a fault. */
  vendor?: Record<string, boolean>;
}

const ALL_FLAGS = Object.values(STATUS_BITS).flatMap((bits) => bits.map((b) => b.flag));

export function emptyFlags(): StatusFlags {
  return Object.fromEntries(ALL_FLAGS.map((flag) => [flag, false])) as StatusFlags;
}

export function isStatusByte(byte: number): boolean {
  return Number.isInteger(byte) && byte >= 0 && byte <= 0xff && (byte & STATUS_FIXED_MASK) === STATUS_FIXED_VALUE;
}

/** The flags one reply byte sets. A two-bit sensor field counts as set when either bit is (fail safe). */
export function decodeStatusByte(
  n: RealTimeStatusFunction,
  byte: number,
  model: PrinterModelProfile = printerModel(),
): Partial<StatusFlags> {
  if (!isModelStatusByte(model, n, byte)) {
    throw new GuichetError(
      'PRINTER_STATUS_GARBLED',
      `the printer answered DLE EOT ${n} with 0x${(byte & 0xff).toString(16).padStart(2, '0')}, which is not a status byte`,
      {
        details: { n, byte },
      },
    );
  }
  return Object.fromEntries(STATUS_BITS[n].map(({ flag, mask }) => [flag, (byte & mask) !== 0]));
}

export function decodeStatus(replies: readonly number[], model: PrinterModelProfile = printerModel()): PrinterStatus {
  if (replies.length !== REAL_TIME_STATUS_FUNCTIONS.length) {
    throw new GuichetError('PRINTER_STATUS_GARBLED', `expected 4 status bytes, got ${replies.length}`);
  }
  const flags = emptyFlags();
  const vendor: Record<string, boolean> = {};
  REAL_TIME_STATUS_FUNCTIONS.forEach((n, i) => {
    const byte = replies[i] ?? -1;
    Object.assign(flags, decodeStatusByte(n, byte, model));
    for (const bit of model.vendorBits[n] ?? []) vendor[bit.name] = (byte & bit.mask) !== 0;
  });
  const raw = [replies[0], replies[1], replies[2], replies[3]] as [number, number, number, number];
  return Object.keys(vendor).length > 0 ? { flags, raw, vendor } : { flags, raw };
}

/** The byte a printer in this condition sends for DLE EOT n (the simulator's side of the table). */
export function encodeStatusByte(n: RealTimeStatusFunction, flags: Partial<StatusFlags>): number {
  return STATUS_BITS[n].reduce((byte, { flag, mask }) => (flags[flag] ? byte | mask : byte), STATUS_FIXED_VALUE);
}
