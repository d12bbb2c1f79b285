// STX data ETX LRC framing: encoder and a pure streaming decoder (bytes in, frames / control bytes /
// typed errors out). LRC = XOR of every byte after STX up to and including ETX (PAX POSLink, UIC PP791).
// A frame in progress is dropped after an inter-byte silence (like node-serialport's parser-inter-byte-timeout),
// so a stray STX cannot swallow the ACK/NAK/EOT that follows it.
import { GuichetError } from '@guichet/shared';
import { ACK, EOT, ETX, MAX_FRAME_BYTES, NAK, STX } from './control-bytes';

export type LinkEvent =
  | { kind: 'frame'; payload: Buffer }
  | { kind: 'ack' }
  | { kind: 'nak' }
  | { kind: 'eot' }
  | { kind: 'error'; error: GuichetError };

export function lrc(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) value ^= byte;
  return value;
}

export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length + 3 > MAX_FRAME_BYTES)
    throw new GuichetError(
      'PAYMENT_FRAME_TOO_LONG',
      `payload of ${payload.length} bytes exceeds the ${MAX_FRAME_BYTES}-byte frame limit`,
    );
  if (payload.some((byte) => byte === STX || byte === ETX))
    throw new GuichetError('PAYMENT_FRAME_INVALID', 'payload may not contain STX or ETX');
  const body = Buffer.concat([Buffer.from(payload), Buffer.from([ETX])]);
  return Buffer.concat([Buffer.from([STX]), body, Buffer.from([lrc(body)])]);
}

const CONTROL: Record<number, LinkEvent> = { [ACK]: { kind: 'ack' }, [NAK]: { kind: 'nak' }, [EOT]: { kind: 'eot' } };

export interface FrameDecoderOptions {
  /** Silence after which a frame in progress is dropped (default 200 ms; a byte takes ~1 ms at 9600 baud). */
  interByteTimeoutMs?: number;
  /** Milliseconds of a monotonic clock, read once per chunk (default performance.now). */
  now?: () => number;
}

/** Streaming decoder; state survives across chunks, and any byte sequence leaves it in a valid state. */
export class FrameDecoder {
  private state: 'idle' | 'body' | 'lrc' = 'idle';
  private body: number[] = [];
  private garbage = 0;
  private lastChunkAt = 0;
  private readonly interByteTimeoutMs: number;
  private readonly now: () => number;

  constructor(options: FrameDecoderOptions = {}) {
    this.interByteTimeoutMs = options.interByteTimeoutMs ?? 200;
    this.now = options.now ?? (() => performance.now());
  }

  push(chunk: Uint8Array): LinkEvent[] {
    const events: LinkEvent[] = [];
    const now = this.now();
    if (this.state !== 'idle' && now - this.lastChunkAt > this.interByteTimeoutMs) {
      events.push({
        kind: 'error',
        error: new GuichetError(
          'PAYMENT_FRAME_TIMEOUT',
          `frame dropped after ${this.body.length} bytes and ${this.interByteTimeoutMs} ms without the next byte`,
          { details: { bytes: this.body.length } },
        ),
      });
      this.reset();
    }
    this.lastChunkAt = now;
    for (const byte of chunk) this.step(byte, events);
    this.flushGarbage(events);
    return events;
  }

  /** Bytes of a frame in progress (for tests and diagnostics). */
  get pending(): number {
    return this.body.length;
  }

  private step(byte: number, events: LinkEvent[]): void {
    if (this.state === 'idle') {
      if (byte === STX) {
        this.flushGarbage(events);
        this.state = 'body';
        this.body = [];
      } else if (CONTROL[byte]) {
        this.flushGarbage(events);
        events.push(CONTROL[byte]);
      } else this.garbage++;
      return;
    }
    if (this.state === 'lrc') {
      const body = Buffer.from(this.body);
      this.reset();
      if (lrc(body) === byte) events.push({ kind: 'frame', payload: body.subarray(0, body.length - 1) });
      else
        events.push({
          kind: 'error',
          error: new GuichetError('PAYMENT_FRAME_BAD_LRC', 'frame received with a wrong LRC', {
            details: { expected: lrc(body), received: byte },
          }),
        });
      return;
    }
    if (byte === STX) {
      events.push({
        kind: 'error',
        error: new GuichetError(
          'PAYMENT_FRAME_TRUNCATED',
          `frame cut short after ${this.body.length} bytes by a new STX`,
        ),
      });
      this.body = [];
      return;
    }
    this.body.push(byte);
    if (byte === ETX) this.state = 'lrc';
    else if (this.body.length + 2 > MAX_FRAME_BYTES) {
      this.reset();
      events.push({
        kind: 'error',
        error: new GuichetError('PAYMENT_FRAME_TOO_LONG', `frame longer than ${MAX_FRAME_BYTES} bytes discarded`),
      });
    }
  }

  private flushGarbage(events: LinkEvent[]): void {
    if (this.garbage === 0) return;
    events.push({
      kind: 'error',
      error: new GuichetError('PAYMENT_FRAME_GARBAGE', `${this.garbage} byte(s) outside any frame ignored`, {
        details: { bytes: this.garbage },
      }),
    });
    this.garbage = 0;
  }

  reset(): void {
    this.state = 'idle';
    this.body = [];
  }
}
