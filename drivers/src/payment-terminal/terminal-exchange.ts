// The request/response exchange with the terminal: sends a request over the link and waits for the response
// recognisably its own (command, and reference where there is one), no longer than its timeout nor past a close
// of the port. Messages nobody waits for (a late answer, a duplicate) are ACKed by the link and logged.
import { isGuichetError, type GuichetError } from '@guichet/shared';
import type { Logger } from 'pino';
import { realTimers, type DeviceTimers } from '../device/device-timers';
import { ResponseWaiter } from '../device/response-waiter';
import type { ByteTransport } from '../transport/byte-transport';
import { invalidMessageError, readMessage, type ReadMessage } from './message-codec';
import type { MessageFields, MessageName } from './message-table';
import { TerminalLink } from './terminal-link';

/** Response fields as strings, already validated by the message table's zod schemas. */
export type Response<N extends MessageName> = MessageFields<N>;

/**
 * How a request ended once it was ACKed: its answer; an answer recognisably ours with fields that fail the
 * table, given with the fields that passed; no answer in time; or the port closed while waiting.
 */
export type Answer<N extends MessageName> =
  | { kind: 'answer'; fields: Response<N> }
  | { kind: 'invalid'; fields: Partial<Response<N>>; error: GuichetError }
  | { kind: 'timeout' }
  | { kind: 'lost' };

/** A message from the terminal with the error of its fields that fail the table, if any. */
interface Received {
  message: ReadMessage;
  invalid: GuichetError | undefined;
}

export interface TerminalExchangeOptions {
  ackTimeoutMs?: number;
  timers?: DeviceTimers;
  log: Logger;
}

export class TerminalExchange {
  readonly link: TerminalLink;
  private readonly responses: ResponseWaiter<Received>;
  private readonly log: Logger;

  constructor(transport: ByteTransport, options: TerminalExchangeOptions) {
    const timers = options.timers ?? realTimers;
    this.log = options.log;
    this.link = new TerminalLink(transport, { ackTimeoutMs: options.ackTimeoutMs, timers, log: options.log });
    this.responses = new ResponseWaiter<Received>(timers);
    this.link.onMessage((payload) => this.dispatch(payload));
    transport.onClose(() => this.responses.loseAll());
  }

  start(): void {
    this.link.start();
  }

  stop(): void {
    this.link.stop();
  }

  /**
   * Sends `request` and waits for the `responseName` message whose fields `matches`, no longer than `timeoutMs`
   * after the request was ACKed. Rejects as TerminalLink.send() does when the request could not be delivered.
   */
  async exchange<R extends MessageName>(
    request: Buffer,
    responseName: R,
    matches: (fields: Partial<Response<R>>) => boolean,
    timeoutMs: number,
  ): Promise<Answer<R>> {
    // `matches` sees only the fields that passed the table: an answer whose reference is unreadable is not ours.
    const wait = this.responses.expect(({ message, invalid }): Answer<R> | undefined => {
      if (message.name !== responseName || !matches(message.fields as Partial<Response<R>>)) return undefined;
      return invalid
        ? { kind: 'invalid', fields: message.fields as Partial<Response<R>>, error: invalid }
        : { kind: 'answer', fields: message.fields as Response<R> };
    });
    try {
      await this.link.send(request);
      const outcome = await wait.within(timeoutMs);
      return outcome.kind === 'answer' ? outcome.value : outcome;
    } finally {
      wait.cancel();
    }
  }

  private dispatch(payload: Buffer): void {
    let message: ReadMessage;
    try {
      message = readMessage(payload);
    } catch (error) {
      this.log.warn(
        { code: isGuichetError(error) ? error.code : 'unknown' },
        'unreadable message from the terminal ignored',
      );
      return;
    }
    const invalid = message.invalidFields.length > 0 ? invalidMessageError(message) : undefined;
    // Field names only, never values: an invalid field may hold card data.
    if (invalid)
      this.log.warn(
        { code: invalid.code, message: message.name, fields: message.invalidFields },
        'message from the terminal fails the field table',
      );
    if (this.responses.offer({ message, invalid })) return;
    // A late answer (after our timeout) or a duplicate: ACKed by the link, logged without card data.
    this.log.info({ message: message.name }, 'unexpected message from the terminal ignored');
  }
}
