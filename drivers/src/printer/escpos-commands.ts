// ESC/POS command bytes the driver and the simulator agree on, as one data table (Epson ESC/POS Command
// Reference: https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/ — DLE EOT, ESC @, ESC a, ESC E,
// ESC !, GS !, ESC t, GS V, GS ( k).
export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const FS = 0x1c;
export const LF = 0x0a;
export const CR = 0x0d;

/** DLE EOT n — transmit real-time status; the printer answers with one byte, even while its buffer is full. */
export const REAL_TIME_STATUS_FUNCTIONS = [1, 2, 3, 4] as const;
export type RealTimeStatusFunction = (typeof REAL_TIME_STATUS_FUNCTIONS)[number];
export function realTimeStatusRequest(n: RealTimeStatusFunction): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/**
 * GS ( H pL pH fn m d1 d2 d3 d4 (fn 48, m 48) — transmit a process-ID response. Unlike DLE EOT, the printer
 * answers only once all data received before it has been processed (printed), with 37h 22h d1 d2 d3 d4 00h;
 * d1..d4 are ASCII digits (Epson ESC/POS Command Reference, GS ( H <Function 48>).
 */
export const PROCESS_ID = { function: 0x48, fn: 0x30, m: 0x30, header: 0x37, identifier: 0x22 } as const;
export function processIdRequest(id: string): Uint8Array {
  return Uint8Array.of(GS, 0x28, PROCESS_ID.function, 0x06, 0x00, PROCESS_ID.fn, PROCESS_ID.m, ...processIdDigits(id));
}
export function processIdResponse(id: string): Uint8Array {
  return Uint8Array.of(PROCESS_ID.header, PROCESS_ID.identifier, ...processIdDigits(id), 0x00);
}
function processIdDigits(id: string): number[] {
  if (!/^\d{4}$/.test(id)) throw new RangeError(`a process ID is four ASCII digits, not "${id}"`);
  return [...id].map((c) => c.charCodeAt(0));
}

/** ESC a n — justification; n is 0|1|2 or the ASCII digits '0'|'1'|'2'. */
export const ALIGNMENTS = { left: 0, center: 1, right: 2 } as const;
export type Alignment = keyof typeof ALIGNMENTS;
export function alignCommand(align: Alignment): number[] {
  return [ESC, 0x61, ALIGNMENTS[align]];
}

/** ESC t n — character code table; Epson numbers PC858 (Euro) as page 19. */
export const CODE_TABLES = { cp437: 0, cp850: 2, cp858: 19 } as const;

/** GS V m [n] — cut modes: function A (m = 0/1, '0'/'1') and function B (m = 65/66, then a feed amount n). */
export const CUT_MODES: Readonly<Record<number, { cut: 'full' | 'partial'; hasFeedByte: boolean }>> = {
  0x00: { cut: 'full', hasFeedByte: false },
  0x30: { cut: 'full', hasFeedByte: false },
  0x01: { cut: 'partial', hasFeedByte: false },
  0x31: { cut: 'partial', hasFeedByte: false },
  0x41: { cut: 'full', hasFeedByte: true },
  0x42: { cut: 'partial', hasFeedByte: true },
};

/** GS ( k <pL pH> cn fn … — 2D symbols; cn 49 (0x31) is QR code: fn 80 stores the data, fn 81 prints it. */
export const QR_SYMBOL = { cn: 0x31, storeData: 0x50, print: 0x51 } as const;

/**
 * GS r n — transmit status (n 1 = paper sensor). Not real-time: executed when the printer reaches it in its
 * receive buffer, so its answer also says the data before it was processed. Reply bits 4 and 7 are 0 (unlike
 * a DLE EOT reply, whose bit 4 is 1): bits 0-1 paper near end, 2-3 paper end (Epson ESC/POS Command Reference,
 * GS r).
 */
export const TRANSMIT_STATUS = { command: 0x72, paperSensor: 1, fixedMask: 0b1001_0000, fixedValue: 0 } as const;
export function transmitStatusRequest(n: number = TRANSMIT_STATUS.paperSensor): Uint8Array {
  return Uint8Array.of(GS, TRANSMIT_STATUS.command, n);
}
export function isTransmitStatusReply(byte: number): boolean {
  return (byte & TRANSMIT_STATUS.fixedMask) === TRANSMIT_STATUS.fixedValue;
}
export const GS_R_PAPER_BITS = { nearEnd: 0b0000_0011, end: 0b0000_1100 } as const;
