// Splits the imager's byte stream into one payload per scan. A PDF417 licence payload itself holds CR, LF and RS,
// so the usual CR / CR LF scan suffix cannot end a frame: Guichet expects the imager programmed with an STX (0x02)
// prefix and an ETX (0x03) suffix, bytes no AAMVA payload contains (PROTOCOL.md, "Framing"). A CR or LF right
// after the ETX (an imager that keeps its default suffix too) is ignored. For an imager that cannot be
// programmed, 'idle' mode ends a frame after a silence instead. Pure over injected timers; never throws.
import type { GuichetError } from '@guichet/shared';
import type { DeviceTimers } from '../device/device-timers';
import { idScanError } from './id-scan-error';

export const STX = 0x02;
export const ETX = 0x03;
const CR = 0x0d;
const LF = 0x0a;

export type ScanFraming =
  /** STX payload ETX; a frame with no byte for `interByteTimeoutMs` is a partial read. */
  | { mode: 'stx-etx'; interByteTimeoutMs: number }
  /** Everything up to a silence of `idleMs` is one payload (no prefix/suffix programmed). */
  | { mode: 'idle'; idleMs: number };

export const DEFAULT_FRAMING: ScanFraming = { mode: 'stx-etx', interByteTimeoutMs: 300 };

export type FramerEvent =
  /** A whole payload, in a buffer of its own: the receiver zeroes it once decoded. */
  { kind: 'frame'; payload: Buffer } | { kind: 'fault'; error: GuichetError };

export interface ScanFramerOptions {
  framing: ScanFraming;
  /** The largest payload kept; longer frames are dropped whole. */
  maxFrameBytes: number;
  timers: DeviceTimers;
}

type State = 'idle' | 'frame' | 'skipping';

export class ScanFramer {
  private readonly buffer: Buffer;
  private length = 0;
  private state: State = 'idle';
  private garbage = 0;
  private timer: unknown;

  constructor(
    private readonly options: ScanFramerOptions,
    private readonly onEvent: (event: FramerEvent) => void,
  ) {
    // One buffer for the life of the driver, zeroed after every frame: no copies of a licence pile up in memory.
    this.buffer = Buffer.alloc(options.maxFrameBytes);
  }

  push(chunk: Uint8Array): void {
    if (this.options.framing.mode === 'idle') this.pushIdle(chunk);
    else this.pushStxEtx(chunk);
  }

  /** Drops whatever is in progress (zeroed) without reporting it, e.g. when the line closes. */
  reset(): void {
    this.disarm();
    this.clear();
    this.state = 'idle';
    this.garbage = 0;
  }

  private pushIdle(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (this.state === 'skipping') continue;
      if (this.length === this.buffer.length) {
        this.clear();
        this.state = 'skipping';
        continue;
      }
      this.buffer[this.length++] = byte;
    }
    this.arm((this.options.framing as { idleMs: number }).idleMs, () => {
      if (this.state === 'skipping') this.fault(this.tooLong());
      else if (this.length > 0) this.emitFrame();
      this.state = 'idle';
    });
  }

  private pushStxEtx(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (byte === STX) {
        this.flushGarbage();
        if (this.state === 'frame') this.fault(this.partial());
        else if (this.state === 'skipping') this.fault(this.tooLong());
        this.clear();
        this.state = 'frame';
      } else if (this.state === 'idle') {
        // The imager's own CR / CR LF suffix after our ETX is expected noise, anything else is garbage.
        if (byte !== CR && byte !== LF) this.garbage += 1;
      } else if (byte === ETX) {
        if (this.state === 'frame') this.emitFrame();
        else this.fault(this.tooLong());
        this.state = 'idle';
      } else if (this.state === 'frame') {
        if (this.length === this.buffer.length) {
          this.clear();
          this.state = 'skipping';
        } else this.buffer[this.length++] = byte;
      }
    }
    const timeout = (this.options.framing as { interByteTimeoutMs: number }).interByteTimeoutMs;
    if (this.state === 'idle' && this.garbage === 0) return this.disarm();
    // Mid-frame silence is a partial read; garbage with no frame after it is reported after the same silence.
    this.arm(timeout, () => {
      this.flushGarbage();
      if (this.state === 'frame') this.fault(this.partial());
      else if (this.state === 'skipping') this.fault(this.tooLong());
      this.clear();
      this.state = 'idle';
    });
  }

  private emitFrame(): void {
    const payload = Buffer.from(this.buffer.subarray(0, this.length));
    this.clear();
    this.disarm();
    this.onEvent({ kind: 'frame', payload });
  }

  private fault(error: GuichetError): void {
    this.onEvent({ kind: 'fault', error });
  }

  private flushGarbage(): void {
    if (this.garbage === 0) return;
    const bytes = this.garbage;
    this.garbage = 0;
    this.fault(
      idScanError(
        'IDSCAN_FRAME_GARBAGE',
        `${bytes} bytes arrived outside an STX…ETX frame: is the imager programmed with the STX prefix?`,
        'framing',
      ),
    );
  }

  private partial(): GuichetError {
    return idScanError(
      'IDSCAN_FRAME_PARTIAL',
      `a scan stopped after ${this.length} bytes without its ETX suffix`,
      'framing',
    );
  }

  private tooLong(): GuichetError {
    return idScanError(
      'IDSCAN_FRAME_TOO_LONG',
      `a frame ran past ${this.buffer.length} bytes, longer than any licence barcode`,
      'framing',
    );
  }

  private clear(): void {
    this.buffer.fill(0, 0, Math.max(this.length, 0));
    this.length = 0;
  }

  private arm(ms: number, callback: () => void): void {
    this.disarm();
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      callback();
    }, ms);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
