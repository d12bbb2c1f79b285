// The card-reader device: classifies each HID report (classify-swipe.ts) and emits typed events — swipe,
// error, connected, disconnected — and a heartbeat health. Logs carry the swipe kind and error codes only,
// never a field read from a card.
import pino, { type Logger } from 'pino';
import { GuichetError, isGuichetError } from '@guichet/shared';
import type { DeviceHealth } from '../device-health';
import { EventListeners } from '../device/event-listeners';
import { cardReaderHealth, type CardReaderCondition } from './card-reader-health';
import { classifySwipe } from './classify-swipe';
import type { HidTransport } from './hid-transport';
import type { SwipeResult } from './swipe-result';

export type CardReaderEvents = {
  swipe: [SwipeResult];
  error: [GuichetError];
  connected: [];
  disconnected: [GuichetError];
};

export interface CardReaderOptions {
  clock?: () => Date;
  log?: Logger;
}

type Listener<K extends keyof CardReaderEvents> = (...args: CardReaderEvents[K]) => void;

export class CardReader {
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly events = new EventListeners<CardReaderEvents>();
  private readonly condition: CardReaderCondition = {
    connected: false,
    consecutiveUnreadable: 0,
    consecutiveBadReports: 0,
  };
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly transport: HidTransport,
    options: CardReaderOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.log = (options.log ?? pino({ level: 'silent' })).child({
      component: 'card-reader',
      reader: transport.description,
    });
    this.unsubscribe.push(
      transport.onReport((report) => this.handleReport(report)),
      transport.onConnection((change) => {
        if (change.connected) this.markConnected();
        else this.markDisconnected(change.error);
      }),
    );
  }

  on<K extends keyof CardReaderEvents>(event: K, listener: Listener<K>): () => void {
    return this.events.on(event, listener);
  }

  private emit<K extends keyof CardReaderEvents>(event: K, ...args: CardReaderEvents[K]): void {
    this.events.emit(event, ...args);
  }

  async connect(): Promise<void> {
    try {
      await this.transport.open();
    } catch (cause) {
      const error = isGuichetError(cause)
        ? cause
        : new GuichetError('CARD_READER_OFFLINE', `cannot open ${this.transport.description}`, { cause });
      this.condition.offlineCode = error.code;
      this.log.warn({ event: 'open-failed', code: error.code });
      throw error;
    }
    this.markConnected();
  }

  health(): DeviceHealth {
    return cardReaderHealth(this.condition, this.clock());
  }

  private markConnected(): void {
    this.condition.connected = true;
    this.condition.offlineCode = undefined;
    this.log.info({ event: 'connected' });
    this.emit('connected');
  }

  private markDisconnected(error: GuichetError): void {
    this.condition.connected = false;
    this.condition.offlineCode = error.code;
    this.log.warn({ event: 'disconnected', code: error.code });
    this.emit('disconnected', error);
  }

  private handleReport(report: Buffer): void {
    let result: SwipeResult;
    try {
      result = classifySwipe(report);
    } catch (cause) {
      report.fill(0);
      const error = isGuichetError(cause)
        ? cause
        : new GuichetError('CARD_REPORT_UNEXPECTED', 'a report could not be decoded', { cause });
      this.condition.consecutiveBadReports += 1;
      // The message of a GuichetError from the parsers names positions and lengths, never card characters.
      this.log.warn({ event: 'bad-report', code: error.code });
      this.emit('error', error);
      return;
    }
    this.condition.consecutiveBadReports = 0;
    this.condition.consecutiveUnreadable = result.kind === 'unreadable' ? this.condition.consecutiveUnreadable + 1 : 0;
    this.log.info({
      event: 'swipe',
      kind: result.kind,
      ...(result.kind === 'unreadable' ? { reason: result.reason } : {}),
    });
    this.emit('swipe', result);
  }

  async close(): Promise<void> {
    this.unsubscribe.splice(0).forEach((off) => off());
    await this.transport.close();
    this.condition.connected = false;
    this.condition.offlineCode = 'CARD_READER_CLOSED';
  }
}
