// Link layer of the STX/ETX/LRC ECR protocol over any ByteTransport: every frame is answered ACK (good
// LRC) or NAK (bad LRC); a sender retransmits on NAK or ACK timeout, at most `maxAttempts` times, then
// gives up (EOT after the last NAK), as in the UIC PP791 manual §5 and Elavon Simplify appendix C.
import { GuichetError } from '@guichet/shared';
import pino, { type Logger } from 'pino';
import type { ByteTransport } from '../transport/byte-transport';
import { ACK, EOT, NAK } from './control-bytes';
import { encodeFrame, FrameDecoder, type LinkEvent } from './frame-codec';

export interface LinkTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: LinkTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface TerminalLinkOptions {
  /** How long to wait for ACK/NAK after sending a frame (default 1000 ms). */
  ackTimeoutMs?: number;
  /** Sends of one frame before giving up (default 3). */
  maxAttempts?: number;
  timers?: LinkTimers;
  log?: Logger;
  /** How to answer a well-formed frame (default ACK); simulators use it to inject NAK storms and silence. */
  answerFrame?: (payload: Buffer) => 'ack' | 'nak' | 'silent';
}

type PendingSend = { onAck: () => void; onNak: () => void };

export class TerminalLink {
  private readonly decoder = new FrameDecoder();
  private readonly messageListeners = new Set<(payload: Buffer) => void>();
  private pending: PendingSend | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly ackTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly timers: LinkTimers;
  private readonly log: Logger;
  private readonly answerFrame: (payload: Buffer) => 'ack' | 'nak' | 'silent';
  /** Counters for diagnostics and tests. */
  readonly stats = { framesSent: 0, retransmissions: 0, naksSent: 0, framesReceived: 0, errors: 0 };

  constructor(private readonly transport: ByteTransport, options: TerminalLinkOptions = {}) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 1000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.timers = options.timers ?? realTimers;
    this.log = options.log ?? pino({ level: 'silent' });
    this.answerFrame = options.answerFrame ?? (() => 'ack');
  }

  start(): void {
    this.unsubscribe ??= this.transport.onData((chunk) => this.receive(chunk));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.decoder.reset();
  }

  onMessage(listener: (payload: Buffer) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Feeds received bytes through the decoder (also used directly by tests). */
  receive(chunk: Uint8Array): void {
    for (const event of this.decoder.push(chunk)) this.handle(event);
  }

  private handle(event: LinkEvent): void {
    switch (event.kind) {
      case 'ack':
        this.pending?.onAck();
        return;
      case 'nak':
        this.pending?.onNak();
        return;
      case 'eot':
        return;
      case 'frame':
        this.stats.framesReceived++;
        switch (this.answerFrame(event.payload)) {
          case 'silent':
            return;
          case 'nak':
            this.stats.naksSent++;
            this.writeControl(NAK);
            return;
          case 'ack':
            this.writeControl(ACK);
        }
        this.messageListeners.forEach((listener) => listener(event.payload));
        return;
      case 'error':
        this.stats.errors++;
        this.log.warn({ code: event.error.code }, 'payment terminal link error');
        if (event.error.code === 'PAYMENT_FRAME_BAD_LRC') {
          this.stats.naksSent++;
          this.writeControl(NAK);
        }
    }
  }

  private writeControl(byte: number): void {
    if (!this.transport.isOpen) return;
    this.transport.write(Uint8Array.from([byte])).catch((error: unknown) => this.log.warn({ err: error }, 'could not write a control byte'));
  }

  /**
   * Sends one frame and resolves once it is ACKed. Rejects with PAYMENT_LINK_NAK when every attempt was
   * NAKed (the peer certainly did not accept it) or PAYMENT_LINK_NO_ACK when attempts went unanswered
   * (the peer may or may not have it: an ACK can be lost).
   */
  async send(payload: Uint8Array): Promise<void> {
    if (this.pending) throw new GuichetError('PAYMENT_LINK_BUSY', 'a frame is already waiting for its ACK');
    const frame = encodeFrame(payload);
    let naks = 0;
    try {
      for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
        if (attempt > 1) this.stats.retransmissions++;
        const answer = await this.attempt(frame);
        if (answer === 'ack') return;
        if (answer === 'nak') naks++;
      }
    } finally {
      this.pending = undefined;
    }
    if (naks === this.maxAttempts) {
      this.writeControl(EOT);
      throw new GuichetError('PAYMENT_LINK_NAK', `frame refused (NAK) ${naks} times`, { details: { attempts: this.maxAttempts } });
    }
    throw new GuichetError('PAYMENT_LINK_NO_ACK', `no ACK after ${this.maxAttempts} attempts of ${this.ackTimeoutMs} ms`, { details: { attempts: this.maxAttempts, naks } });
  }

  private attempt(frame: Buffer): Promise<'ack' | 'nak' | 'timeout'> {
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(() => settle('timeout'), this.ackTimeoutMs);
      const settle = (answer: 'ack' | 'nak' | 'timeout'): void => {
        this.timers.clearTimeout(timer);
        this.pending = undefined;
        resolve(answer);
      };
      this.pending = { onAck: () => settle('ack'), onNak: () => settle('nak') };
      this.stats.framesSent++;
      this.transport.write(frame).catch((error: unknown) => {
        this.timers.clearTimeout(timer);
        this.pending = undefined;
        reject(error instanceof GuichetError ? error : new GuichetError('TRANSPORT_WRITE_FAILED', 'write to the payment terminal failed', { cause: error }));
      });
    });
  }
}
