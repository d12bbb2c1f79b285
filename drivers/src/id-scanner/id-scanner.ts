// The licence barcode imager (2D imager in USB CDC / USB-COM serial mode) over a ByteTransport: frames the byte
// stream (scan-framing.ts), decodes each frame as an AAMVA licence (licence-barcode.ts), and emits typed events —
// scan (a document to prefill, or a refusal), error (line faults), connected, disconnected — and a heartbeat
// health. An unplugged imager is reopened with the shared backoff. Logs carry kinds, reasons and codes only;
// every payload buffer is zeroed once decoded.
import pino, { type Logger } from 'pino';
import { backoffCeiling, GuichetError, isGuichetError, type BackoffPolicy } from '@guichet/shared';
import type { DeviceHealth } from '../device-health';
import { realTimers, type DeviceTimers } from '../device/device-timers';
import { EventListeners } from '../device/event-listeners';
import type { ByteTransport } from '../transport/byte-transport';
import { MAX_PAYLOAD_BYTES } from './aamva-format';
import { PDF417_SYMBOLOGY, splitAimIdentifier } from './aim-identifier';
import type { ScanRefused, ScanResult } from './id-document';
import { idScannerHealth, type IdScannerCondition } from './id-scanner-health';
import { parseLicenceBarcode } from './licence-barcode';
import { DEFAULT_FRAMING, ScanFramer, type FramerEvent, type ScanFraming } from './scan-framing';

export type IdScannerEvents = {
  scan: [ScanResult];
  error: [GuichetError];
  connected: [];
  disconnected: [GuichetError];
};

export interface IdScannerOptions {
  transport: ByteTransport;
  framing?: ScanFraming;
  timers?: DeviceTimers;
  clock?: () => Date;
  log?: Logger;
  /** Reopening an unplugged imager: the shared backoff without jitter (default 500 ms to 10 s); false: never. */
  reconnect?: BackoffPolicy | false;
}

type Listener<K extends keyof IdScannerEvents> = (...args: IdScannerEvents[K]) => void;

/** Which refusal a parser error is: another barcode, another AAMVA document, an unknown issuer, or a broken one. */
export function refusalFor(code: string): ScanRefused['reason'] {
  switch (code) {
    case 'IDSCAN_EMPTY':
    case 'IDSCAN_TOO_LONG':
    case 'IDSCAN_NOT_AAMVA':
      return 'not-aamva';
    case 'IDSCAN_NO_LICENCE_SUBFILE':
      return 'not-a-licence';
    case 'IDSCAN_UNKNOWN_ISSUER':
      return 'unknown-issuer';
    default:
      return 'malformed';
  }
}

/** Decodes one frame (AIM identifier optional) to a scan result; never throws, always zeroes the payload. */
export function decodeScan(payload: Buffer): ScanResult {
  try {
    const { symbology, dataAt } = splitAimIdentifier(payload);
    if (symbology !== undefined && symbology !== PDF417_SYMBOLOGY)
      return { kind: 'refused', reason: 'not-aamva', code: 'IDSCAN_NOT_AAMVA' };
    return parseLicenceBarcode(payload.subarray(dataAt));
  } catch (error) {
    const code = isGuichetError(error) ? error.code : 'IDSCAN_UNEXPECTED';
    return { kind: 'refused', reason: refusalFor(code), code };
  } finally {
    payload.fill(0);
  }
}

export class IdScanner {
  private readonly transport: ByteTransport;
  private readonly timers: DeviceTimers;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly reconnect: BackoffPolicy | false;
  private readonly framer: ScanFramer;
  private readonly events = new EventListeners<IdScannerEvents>();
  private readonly condition: IdScannerCondition = {
    connected: false,
    consecutiveLineFaults: 0,
    consecutiveMalformed: 0,
  };
  private readonly unsubscribe: Array<() => void> = [];
  private closing = false;
  private reconnectTimer: unknown;
  private attempt = 0;

  constructor(options: IdScannerOptions) {
    this.transport = options.transport;
    this.timers = options.timers ?? realTimers;
    this.clock = options.clock ?? (() => new Date());
    this.reconnect = options.reconnect ?? { baseMs: 500, maxMs: 10_000 };
    this.log = (options.log ?? pino({ level: 'silent' })).child({
      component: 'id-scanner',
      imager: this.transport.description,
    });
    this.framer = new ScanFramer(
      { framing: options.framing ?? DEFAULT_FRAMING, maxFrameBytes: MAX_PAYLOAD_BYTES + 3, timers: this.timers },
      (event) => this.handleFrame(event),
    );
    this.unsubscribe.push(
      this.transport.onData((chunk) => {
        this.framer.push(chunk);
        // This driver is the line's only reader: the chunk's bytes are now in the framer, wipe the OS copy.
        chunk.fill(0);
      }),
      this.transport.onClose((error) => this.handleClose(error)),
    );
  }

  on<K extends keyof IdScannerEvents>(event: K, listener: Listener<K>): () => void {
    return this.events.on(event, listener);
  }

  /** Opens the line; throws a typed error if it cannot (and keeps trying in the background when reconnect is on). */
  async connect(): Promise<void> {
    this.closing = false;
    try {
      await this.transport.open();
    } catch (cause) {
      const error = this.offlineError(cause);
      this.condition.offlineCode = error.code;
      this.log.warn({ event: 'open-failed', code: error.code });
      this.scheduleReconnect();
      throw error;
    }
    this.markConnected();
  }

  health(): DeviceHealth {
    return idScannerHealth(this.condition, this.clock());
  }

  async close(): Promise<void> {
    this.closing = true;
    this.cancelReconnect();
    this.unsubscribe.splice(0).forEach((off) => off());
    this.framer.reset();
    await this.transport.close();
    this.condition.connected = false;
    this.condition.offlineCode = 'IDSCAN_CLOSED';
  }

  private handleFrame(event: FramerEvent): void {
    if (event.kind === 'fault') {
      this.condition.consecutiveLineFaults += 1;
      this.log.warn({ event: 'line-fault', code: event.error.code });
      if (event.error.code === 'IDSCAN_FRAME_PARTIAL') {
        // A person scanned a card and got nothing back: tell the screen, as for any other refused scan.
        this.emitScan({ kind: 'refused', reason: 'partial-read', code: event.error.code });
      }
      this.events.emit('error', event.error);
      return;
    }
    this.condition.consecutiveLineFaults = 0;
    const bytes = event.payload.length;
    this.emitScan(decodeScan(event.payload));
    this.log.debug({ event: 'frame', bytes });
  }

  private emitScan(result: ScanResult): void {
    if (result.kind === 'refused') {
      if (result.reason === 'malformed' || result.reason === 'partial-read') this.condition.consecutiveMalformed += 1;
      this.log.info({ event: 'scan-refused', reason: result.reason, code: result.code });
    } else {
      this.condition.consecutiveMalformed = 0;
      this.log.info({
        event: 'scan',
        kind: result.kind,
        jurisdiction: result.jurisdiction,
        aamvaVersion: result.aamvaVersion,
        unverified: result.unverified.length,
      });
    }
    this.events.emit('scan', result);
  }

  private markConnected(): void {
    this.attempt = 0;
    this.condition.connected = true;
    this.condition.offlineCode = undefined;
    this.log.info({ event: 'connected' });
    this.events.emit('connected');
  }

  private handleClose(cause?: Error): void {
    this.framer.reset();
    if (this.closing) return;
    const error = new GuichetError('IDSCAN_DISCONNECTED', `${this.transport.description} closed: imager unplugged?`, {
      cause,
    });
    this.condition.connected = false;
    this.condition.offlineCode = error.code;
    this.log.warn({ event: 'disconnected', code: error.code });
    this.events.emit('disconnected', error);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnect === false || this.closing || this.reconnectTimer !== undefined) return;
    const delay = backoffCeiling(this.attempt, this.reconnect);
    this.attempt += 1;
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closing || this.transport.isOpen) return;
      this.transport.open().then(
        () => {
          if (this.closing) return void this.transport.close();
          this.markConnected();
        },
        (cause: unknown) => {
          this.condition.offlineCode = this.offlineError(cause).code;
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== undefined) this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  private offlineError(cause: unknown): GuichetError {
    return isGuichetError(cause)
      ? cause
      : new GuichetError('IDSCAN_OFFLINE', `cannot open ${this.transport.description}`, { cause });
  }
}
