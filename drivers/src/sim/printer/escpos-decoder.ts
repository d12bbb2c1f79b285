// Streaming ESC/POS decoder for the simulator: bytes in (in any chunking), printed blocks and real-time status
// requests out — text lines with alignment, bold and size, QR payloads, cuts. Command lengths follow the
// Epson ESC/POS Command Reference; unknown commands are skipped by their family's minimum length, so garbage
// never throws. Length-prefixed payloads (GS ( x, GS v 0, GS k) are counted off as they stream, never buffered
// whole: the decoder holds at most one command header (≤ 256 bytes) plus a bounded 2D-symbol payload.
import {
  ALIGNMENTS,
  CODE_TABLES,
  CR,
  CUT_MODES,
  DLE,
  EOT,
  ESC,
  FS,
  GS,
  LF,
  PROCESS_ID,
  QR_SYMBOL,
  type Alignment,
} from '../../printer/escpos-commands';
import { cp858Char } from './cp858';

export interface Segment {
  text: string;
  bold: boolean;
  width: number;
  height: number;
}

export type PrintedBlock =
  | { kind: 'line'; align: Alignment; segments: Segment[] }
  | { kind: 'qr'; align: Alignment; data: string }
  | { kind: 'cut'; cut: 'full' | 'partial' };

export type DecoderEvent =
  | { kind: 'status-request'; n: number }
  | { kind: 'printed'; block: PrintedBlock }
  | { kind: 'init' }
  /** GS ( H fn 48: answer `id` once everything before it is printed. */
  | { kind: 'process-id'; id: string }
  | { kind: 'transmit-status'; n: number };

const MAX_LINE_CHARS = 1024;
/** GS ( k payloads kept for decoding (a QR symbol holds at most 7,089 characters); longer ones are skipped. */
const MAX_SYMBOL_BYTES = 8192;

/** A length-prefixed payload being counted off: `kept` collects it only when the command needs its bytes. */
interface Payload {
  remaining: number;
  kept: number[] | undefined;
  finish: ((body: Uint8Array, events: DecoderEvent[]) => void) | undefined;
}
const ALIGN_BY_CODE: Readonly<Record<number, Alignment>> = Object.fromEntries(
  Object.entries(ALIGNMENTS).flatMap(([name, code]) => [
    [code, name],
    [code + 0x30, name],
  ]),
) as Record<number, Alignment>;

/** ESC commands by second byte → total length (Epson reference); anything else is taken as 2 bytes. */
const ESC_LENGTHS: Readonly<Record<number, number>> = {
  0x40: 2,
  0x61: 3,
  0x45: 3,
  0x21: 3,
  0x74: 3,
  0x4d: 3,
  0x2d: 3,
  0x47: 3,
  0x32: 2,
  0x33: 3,
  0x64: 3,
  0x4a: 3,
  0x52: 3,
  0x56: 3,
  0x7b: 3,
  0x20: 3,
  0x63: 4,
  0x70: 5,
  0x3d: 3,
  0x55: 3,
  0x53: 2,
  0x4c: 2,
  0x54: 3,
};
/** GS commands with a fixed total length; GS ( and GS V, GS v 0, GS k are sized from their parameters. */
const GS_LENGTHS: Readonly<Record<number, number>> = {
  0x21: 3,
  0x42: 3,
  0x48: 3,
  0x66: 3,
  0x68: 3,
  0x77: 3,
  0x4c: 4,
  0x57: 4,
  0x61: 3,
  0x72: 3,
  0x49: 3,
  0x62: 3,
};

interface Style {
  bold: boolean;
  width: number;
  height: number;
  align: Alignment;
  codeTable: number;
}

const INITIAL_STYLE: Style = { bold: false, width: 1, height: 1, align: 'left', codeTable: CODE_TABLES.cp437 };

export class EscPosDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private style: Style = { ...INITIAL_STYLE };
  private line: { align: Alignment; segments: Segment[]; chars: number } | undefined;
  private qrData = '';
  private payload: Payload | undefined;

  /** Bytes held back waiting for the rest of a command (bounded; for tests and diagnostics). */
  get bufferedBytes(): number {
    return this.pending.length + (this.payload?.kept?.length ?? 0);
  }

  push(chunk: Uint8Array): DecoderEvent[] {
    const events: DecoderEvent[] = [];
    // pending only ever holds an incomplete command header, so this copy is O(chunk), not O(everything so far).
    const b =
      this.pending.length === 0
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.concat([this.pending, chunk]);
    let pos = 0;
    while (pos < b.length) {
      if (this.payload) {
        pos += this.countOff(this.payload, b, pos, events);
        continue;
      }
      const used = this.step(b, pos, events);
      if (used === 0) break; // an incomplete command: wait for more bytes
      pos += used;
    }
    this.pending = Buffer.from(b.subarray(pos));
    return events;
  }

  private countOff(payload: Payload, b: Buffer, at: number, events: DecoderEvent[]): number {
    const take = Math.min(payload.remaining, b.length - at);
    if (payload.kept) for (let i = at; i < at + take; i++) payload.kept.push(b[i] ?? 0);
    payload.remaining -= take;
    if (payload.remaining === 0) {
      this.payload = undefined;
      if (payload.kept) payload.finish?.(Uint8Array.from(payload.kept), events);
    }
    return take;
  }

  /** Starts counting off `length` payload bytes after a header; returns the header length consumed. */
  private startPayload(headerLength: number, length: number, finish?: Payload['finish']): number {
    if (length > 0)
      this.payload = { remaining: length, kept: finish && length <= MAX_SYMBOL_BYTES ? [] : undefined, finish };
    else finish?.(new Uint8Array(0), []);
    return headerLength;
  }

  /** Prints what is left in the line buffer (what a printer does at a cut or when it gets LF). */
  flush(): DecoderEvent[] {
    const events: DecoderEvent[] = [];
    this.endLine(events, false);
    return events;
  }

  private step(b: Buffer, at: number, events: DecoderEvent[]): number {
    const byte = b[at] ?? 0;
    const avail = b.length - at;
    const arg = (i: number): number => b[at + i] ?? 0;
    if (byte === LF) {
      this.endLine(events, true);
      return 1;
    }
    if (byte === ESC) {
      if (avail < 2) return 0;
      const length = ESC_LENGTHS[arg(1)] ?? 2;
      if (avail < length) return 0;
      this.escape(arg(1), arg(2), events);
      return length;
    }
    if (byte === GS) return this.groupSeparator(b, at, avail, events);
    if (byte === FS) return avail < 2 ? 0 : 2;
    if (byte === DLE) {
      if (avail < 2) return 0;
      if (arg(1) === EOT) {
        if (avail < 3) return 0;
        const n = arg(2);
        if (n === 7 || n === 8 || n === 18) return avail < 4 ? 0 : 4;
        events.push({ kind: 'status-request', n });
        return 3;
      }
      if (arg(1) === 0x05) return avail < 3 ? 0 : 3; // DLE ENQ n
      if (arg(1) === 0x14) return avail < 5 ? 0 : 5; // DLE DC4 fn m t
      return 1;
    }
    if (byte === CR || byte < 0x20 || byte === 0x7f) return 1;
    this.addChar(byte);
    return 1;
  }

  private escape(command: number, n: number, events: DecoderEvent[]): void {
    switch (command) {
      case 0x40: // ESC @ initialize
        this.endLine(events, false);
        this.style = { ...INITIAL_STYLE };
        this.qrData = '';
        events.push({ kind: 'init' });
        return;
      case 0x61: // ESC a justification
        this.style.align = ALIGN_BY_CODE[n] ?? this.style.align;
        return;
      case 0x45: // ESC E emphasis
        this.style.bold = (n & 1) === 1;
        return;
      case 0x21: // ESC ! print mode: bit 3 emphasis, bit 4 double height, bit 5 double width
        this.style.bold = (n & 0x08) !== 0;
        this.style.height = n & 0x10 ? 2 : 1;
        this.style.width = n & 0x20 ? 2 : 1;
        return;
      case 0x74: // ESC t code table
        this.style.codeTable = n;
        return;
      case 0x64: // ESC d n: print and feed n lines
        this.endLine(events, true);
        for (let i = 1; i < Math.min(n, 20); i++) this.endLine(events, true);
        return;
      default:
        return;
    }
  }

  private groupSeparator(b: Buffer, at: number, avail: number, events: DecoderEvent[]): number {
    if (avail < 2) return 0;
    const command = b[at + 1] ?? 0;
    const arg = (i: number): number => b[at + i] ?? 0;
    if (command === 0x56) {
      // GS V m [n]
      if (avail < 3) return 0;
      const mode = CUT_MODES[arg(2)];
      const length = mode?.hasFeedByte ? 4 : 3;
      if (avail < length) return 0;
      if (mode) {
        this.endLine(events, false);
        events.push({ kind: 'printed', block: { kind: 'cut', cut: mode.cut } });
      }
      return length;
    }
    if (command === 0x28) {
      // GS ( x pL pH data…
      if (avail < 5) return 0;
      const length = arg(3) + arg(4) * 256;
      if (arg(2) === 0x6b) return this.startPayload(5, length, (body, out) => this.symbol(body, out));
      if (arg(2) === PROCESS_ID.function && length === 6)
        return this.startPayload(5, length, (body, out) => this.processId(body, out));
      return this.startPayload(5, length);
    }
    if (command === 0x76) {
      // GS v 0 m xL xH yL yH raster image: skipped, however large it says it is
      if (avail < 8) return 0;
      return this.startPayload(8, (arg(4) + arg(5) * 256) * (arg(6) + arg(7) * 256));
    }
    if (command === 0x6b) {
      // GS k m: barcodes, NUL-terminated (m ≤ 6) or length-prefixed (m ≥ 65): skipped
      if (avail < 3) return 0;
      if (arg(2) <= 6) {
        // Look for the NUL within a fixed window, so the outcome does not depend on how bytes were chunked.
        const end = b.subarray(at + 3, Math.min(b.length, at + 256)).indexOf(0);
        if (end !== -1) return 3 + end + 1;
        return avail >= 256 ? 3 : 0;
      }
      if (avail < 4) return 0;
      return this.startPayload(4, arg(3));
    }
    if (command === 0x72) {
      // GS r n: transmit status, answered when processing reaches it
      if (avail < 3) return 0;
      events.push({ kind: 'transmit-status', n: arg(2) });
      return 3;
    }
    if (command === 0x21) {
      // GS ! n: width multiplier in the high nibble, height in the low one
      if (avail < 3) return 0;
      this.style.width = ((arg(2) >> 4) & 0x07) + 1;
      this.style.height = (arg(2) & 0x07) + 1;
      return 3;
    }
    const length = GS_LENGTHS[command] ?? 2;
    return avail < length ? 0 : length;
  }

  private processId(body: Uint8Array, events: DecoderEvent[]): void {
    const digits = body.subarray(2);
    if (body[0] !== PROCESS_ID.fn || body[1] !== PROCESS_ID.m || !digits.every((d) => d >= 0x30 && d <= 0x39)) return;
    events.push({ kind: 'process-id', id: String.fromCharCode(...digits) });
  }

  private symbol(body: Uint8Array, events: DecoderEvent[]): void {
    if (body[0] !== QR_SYMBOL.cn) return;
    if (body[1] === QR_SYMBOL.storeData) {
      // cn fn m d1…dk: the data follows the m byte ('0')
      this.qrData = Array.from(body.subarray(3), (byte) => this.char(byte)).join('');
    } else if (body[1] === QR_SYMBOL.print) {
      this.endLine(events, false);
      events.push({ kind: 'printed', block: { kind: 'qr', align: this.style.align, data: this.qrData } });
    }
  }

  private char(byte: number): string {
    if (byte < 0x80) return String.fromCharCode(byte);
    return this.style.codeTable === CODE_TABLES.cp858 || this.style.codeTable === CODE_TABLES.cp850
      ? cp858Char(byte)
      : '\ufffd';
  }

  private addChar(byte: number): void {
    // ESC a takes effect at the start of a line (Epson: "only at the beginning of the line").
    this.line ??= { align: this.style.align, segments: [], chars: 0 };
    if (this.line.chars >= MAX_LINE_CHARS) return;
    this.line.chars += 1;
    const ch = this.char(byte);
    const last = this.line.segments.at(-1);
    const { bold, width, height } = this.style;
    if (last && last.bold === bold && last.width === width && last.height === height) last.text += ch;
    else this.line.segments.push({ text: ch, bold, width, height });
  }

  private endLine(events: DecoderEvent[], evenIfEmpty: boolean): void {
    if (!this.line && !evenIfEmpty) return;
    const line = this.line ?? { align: this.style.align, segments: [] };
    events.push({ kind: 'printed', block: { kind: 'line', align: line.align, segments: line.segments } });
    this.line = undefined;
  }
}
