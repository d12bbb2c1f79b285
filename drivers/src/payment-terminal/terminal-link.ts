// Link layer of PAX POSLink over any ByteTransport (serial or TCP): every frame is answered ACK (good LRC) or
// NAK (bad LRC); a sender retransmits on NAK or ACK timeout, at most `maxAttempts` times, then gives up (EOT
// after the third NAK), as the GlobalPayments SDK's PAX interface does (PROTOCOL.md).
// Every failure of send() says how many frames were written and how many of those were NAKed, because the
// layer above must know whether the peer can have taken the frame (a lost ACK) or certainly did not.
import { GuichetError, isGuichetError } from '@guichet/shared';
import pino, { type Logger } from 'pino';
import type { ByteTransport } from '../transport/byte-transport';
import { EventListeners } from '../device/event-listeners';
import { realTimers, type DeviceTimers } from '../device/device-timers';
import { ACK, EOT, NAK } from './control-bytes';
import { encodeFrame, FrameDecoder, type LinkEvent } from './frame-codec';

/** The link's timers: the drivers' injectable timers (its `now` drives the decoder's inter-byte timeout). */
export type LinkTimers = DeviceTimers;
export { realTimers };

export interface TerminalLinkOptions {
  /** How long to wait for ACK/NAK after sending a frame (default 1000 ms). */
  ackTimeoutMs?: number;
  /** Sends of one frame before giving up (default 3). */
  maxAttempts?: number;
  /** Silence after which a received frame in progress is dropped (default 200 ms). */
  interByteTimeoutMs?: number;
  timers?: LinkTimers;
  log?: Logger;
  /** How to answer a well-formed frame (default ACK); simulators use it to inject NAK storms and silence. */
  answerFrame?: (payload: Buffer) => 'ack' | 'nak' | 'silent';
}

type PendingSend = { onAck: () => void; onNak: () => void; onLost: () => void };

/** What one send() put on the wire: frames written (a write started), and how many the peer NAKed. */
interface SendTally {
  framesWritten: number;
  naks: number;
}

/**
 * Whether the peer can have accepted the frame of a failed send(): false only when nothing was written, or
 * every frame written was NAKed (PAYMENT_LINK_NAK). Any other failure, or one without a tally, may have
 * reached it: an ACK can be lost, and a write that failed may have sent every byte.
 */
export function frameMayHaveArrived(error: unknown): boolean {
  if (!(error instanceof GuichetError)) return true;
  const { framesWritten, naks } = (error.details ?? {}) as Partial<SendTally>;
  if (typeof framesWritten !== 'number' || typeof naks !== 'number') return true;
  return framesWritten > naks;
}

export class TerminalLink {
  private readonly decoder: FrameDecoder;
  private readonly events = new EventListeners<{ message: [Buffer] }>();
  private pending: PendingSend | undefined;
  private unsubscribe: (() => void) | undefined;
  private unsubscribeClose: (() => void) | undefined;
  private readonly ackTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly timers: LinkTimers;
  private readonly log: Logger;
  private readonly answerFrame: (payload: Buffer) => 'ack' | 'nak' | 'silent';
  /** Counters for diagnostics and tests. */
  readonly stats = { framesSent: 0, retransmissions: 0, naksSent: 0, framesReceived: 0, errors: 0 };

  constructor(
    private readonly transport: ByteTransport,
    options: TerminalLinkOptions = {},
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 1000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.timers = options.timers ?? realTimers;
    this.decoder = new FrameDecoder({
      interByteTimeoutMs: options.interByteTimeoutMs,
      now: this.timers.now?.bind(this.timers),
    });
    this.log = options.log ?? pino({ level: 'silent' });
    this.answerFrame = options.answerFrame ?? (() => 'ack');
  }

  start(): void {
    this.unsubscribe ??= this.transport.onData((chunk) => this.receive(chunk));
    // A frame waiting for its ACK cannot get one once the port is gone: fail it now, not after the timeout.
    this.unsubscribeClose ??= this.transport.onClose(() => this.pending?.onLost());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.unsubscribeClose?.();
    this.unsubscribeClose = undefined;
    this.decoder.reset();
  }

  onMessage(listener: (payload: Buffer) => void): () => void {
    return this.events.on('message', listener);
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
        // A terminal may answer with its response frame without an ACK first (the GlobalPayments SDK reads
        // either over TCP): a good frame while ours waits for its ACK shows the peer has it.
        this.pending?.onAck();
        this.events.emit('message', event.payload);
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
    this.transport
      .write(Uint8Array.from([byte]))
      .catch((error: unknown) => this.log.warn({ err: error }, 'could not write a control byte'));
  }

  /**
   * Sends one frame and resolves once it is ACKed. Rejects with PAYMENT_LINK_NAK when every attempt was
   * NAKed (the peer certainly did not accept it), PAYMENT_LINK_NO_ACK when attempts went unanswered (the peer
   * may or may not have it: an ACK can be lost), PAYMENT_LINK_LOST when the transport failed or closed after
   * a frame may have reached the peer, and TRANSPORT_CLOSED when the port was closed before anything that
   * could arrive was written. Every rejection carries `details.framesWritten` and `details.naks`; see
   * frameMayHaveArrived().
   */
  async send(payload: Uint8Array): Promise<void> {
    if (this.pending)
      throw new GuichetError('PAYMENT_LINK_BUSY', 'a frame is already waiting for its ACK', {
        details: { framesWritten: 0, naks: 0 },
      });
    const frame = encodeFrame(payload);
    const tally: SendTally = { framesWritten: 0, naks: 0 };
    try {
      for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
        if (!this.transport.isOpen)
          throw this.lost(tally, new GuichetError('TRANSPORT_CLOSED', `${this.transport.description} is not open`));
        if (attempt > 1) this.stats.retransmissions++;
        const answer = await this.attempt(frame, tally);
        if (answer === 'ack') return;
        if (answer === 'nak') tally.naks++;
        else if (answer !== 'timeout') throw this.lost(tally, answer.lost);
      }
    } finally {
      this.pending = undefined;
    }
    if (tally.naks === this.maxAttempts) {
      this.writeControl(EOT);
      throw new GuichetError('PAYMENT_LINK_NAK', `frame refused (NAK) ${tally.naks} times`, {
        details: { attempts: this.maxAttempts, ...tally },
      });
    }
    throw new GuichetError(
      'PAYMENT_LINK_NO_ACK',
      `no ACK after ${this.maxAttempts} attempts of ${this.ackTimeoutMs} ms`,
      { details: { attempts: this.maxAttempts, ...tally } },
    );
  }

  /** The error for a transport that failed or closed mid-send: a typed loss once a frame may have arrived. */
  private lost(tally: SendTally, cause: unknown): GuichetError {
    const details = { ...tally };
    if (tally.framesWritten > tally.naks)
      return new GuichetError(
        'PAYMENT_LINK_LOST',
        `${this.transport.description} failed after ${tally.framesWritten} frame(s) written; the peer may have the frame`,
        { cause, details },
      );
    if (isGuichetError(cause))
      return new GuichetError(cause.code, cause.message, { cause, details: { ...cause.details, ...details } });
    return new GuichetError('TRANSPORT_WRITE_FAILED', `write to ${this.transport.description} failed`, {
      cause,
      details,
    });
  }

  private attempt(frame: Buffer, tally: SendTally): Promise<'ack' | 'nak' | 'timeout' | { lost: unknown }> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (answer: 'ack' | 'nak' | 'timeout' | { lost: unknown }): void => {
        if (settled) return;
        settled = true;
        this.timers.clearTimeout(timer);
        this.pending = undefined;
        resolve(answer);
      };
      const timer = this.timers.setTimeout(() => settle('timeout'), this.ackTimeoutMs);
      this.pending = {
        onAck: () => settle('ack'),
        onNak: () => settle('nak'),
        onLost: () =>
          settle({
            lost: new GuichetError('TRANSPORT_CLOSED', `${this.transport.description} closed while waiting for an ACK`),
          }),
      };
      // Counted before the write: a write that fails may still have put every byte on the line.
      tally.framesWritten++;
      this.stats.framesSent++;
      this.transport.write(frame).catch((error: unknown) => settle({ lost: error }));
    });
  }
}
