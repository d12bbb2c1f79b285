// Device API of a semi-integrated PIN pad speaking PAX POSLink (PROTOCOL.md): sale (T00 SALE), transaction
// lookup by ECR reference (R02 local detail report), reversal (T00 VOID of the looked-up transaction number),
// batch close (B00), status (A00 Initialize). A sale whose answer never arrives is `unknown`, never declined; the
// kiosk settles it with cancelUnknownSale(reference), which queries, waits out a terminal still authorising,
// and reverses. Idempotent by reference. The request/response exchange is TerminalExchange's, what was done
// with each reference is the ReferenceLedger's, and how an unknown sale is settled is settleUnknownSale's.
import { GuichetError, isGuichetError } from '@guichet/shared';
import pino, { type Logger } from 'pino';
import type { DeviceHealth } from '../device-health';
import type { ByteTransport } from '../transport/byte-transport';
import { realTimers, type DeviceTimers } from '../device/device-timers';
import { TaskQueue } from '../device/task-queue';
import { encodeMessage } from './message-codec';
import { CARD_TYPES, EDC_ALL, TRANS_TYPE, resultMeaning, saleOutcomeOf, type MessageFields } from './message-table';
import type {
  BatchTotals,
  CardSummary,
  ReversalResult,
  SaleResolution,
  SaleResult,
  TransactionStatus,
  UnknownReason,
} from './payment-results';
import type { ResultMeaning } from './message-table';
import { TERMINAL_STATE_HEALTH } from './terminal-health';
import { ReferenceLedger } from './reference-ledger';
import { frameMayHaveArrived } from './terminal-link';
import { TerminalExchange, type Answer } from './terminal-exchange';
import { settleUnknownSale } from './unknown-sale-settlement';

export interface PaymentTerminalOptions {
  transport: ByteTransport;
  ackTimeoutMs?: number;
  /** Wait for the answer to a sale: the card holder inserts, enters a PIN, the host authorises (default 120 s). */
  saleTimeoutMs?: number;
  /** Wait for the answer to a query, reversal, batch close or status (default 15 s). */
  responseTimeoutMs?: number;
  /**
   * The longest the terminal may take to finish a sale it received (its card-holder and host timeouts), from
   * when the sale was sent. Within it, `not-found` or `busy` for the reference settles nothing (default
   * `saleTimeoutMs`: set it higher if the terminal's own timeouts are longer).
   */
  authorisationWindowMs?: number;
  /** How long cancelUnknownSale() asks the caller to wait before asking again (default 5 s). */
  resolveRetryMs?: number;
  timers?: DeviceTimers;
  now?: () => Date;
  log?: Logger;
}

const REFERENCE = /^[A-Za-z0-9-]{1,20}$/;
export class PaymentTerminal {
  private readonly terminal: TerminalExchange;
  private readonly references = new ReferenceLedger();
  private readonly queue = new TaskQueue();
  private readonly log: Logger;
  private readonly now: () => Date;
  private health: DeviceHealth;

  constructor(private readonly options: PaymentTerminalOptions) {
    this.log = (options.log ?? pino({ level: 'silent' })).child({ component: 'payment-terminal' });
    this.now = options.now ?? (() => new Date());
    this.terminal = new TerminalExchange(options.transport, {
      ackTimeoutMs: options.ackTimeoutMs,
      timers: options.timers ?? realTimers,
      log: this.log,
    });
    this.health = { state: 'offline', code: 'PAYMENT_TERMINAL_NOT_OPEN', checkedAt: this.now().toISOString() };
    options.transport.onClose(() => this.setHealth(disconnected(options.transport)));
  }

  async open(): Promise<void> {
    if (!this.options.transport.isOpen) await this.options.transport.open();
    this.terminal.start();
  }

  async close(): Promise<void> {
    this.terminal.stop();
    await this.options.transport.close();
  }

  /** Last observed health (updated by every exchange). */
  currentHealth(): DeviceHealth {
    return this.health;
  }

  /** Asks the terminal for its state (A00 Initialize) and returns the resulting health. */
  status(): Promise<DeviceHealth> {
    return this.serialised(async () => {
      try {
        const answer = await this.terminal.exchange(
          encodeMessage('initializeRequest', {}),
          'initializeResponse',
          () => true,
          this.options.responseTimeoutMs ?? 15_000,
        );
        if (answer.kind === 'lost') return this.setHealth(disconnected(this.options.transport));
        if (answer.kind === 'invalid') return this.setHealth(this.failureHealth(answer.error));
        if (answer.kind !== 'answer')
          return this.setHealth({
            state: 'offline',
            code: 'PAYMENT_TERMINAL_NO_ANSWER',
            detail: 'no answer to the status request',
          });
        if (answer.fields.resultCode === '000000') return this.setHealth(TERMINAL_STATE_HEALTH.READY);
        return this.setHealth({
          ...TERMINAL_STATE_HEALTH.ERROR,
          detail: `${TERMINAL_STATE_HEALTH.ERROR.detail} (${answer.fields.resultCode})`,
        });
      } catch (error) {
        return this.setHealth(this.failureHealth(error));
      }
    });
  }

  sale(request: { amountCents: number; reference: string }): Promise<SaleResult> {
    const { amountCents, reference } = request;
    if (!Number.isInteger(amountCents) || amountCents <= 0 || amountCents > 999_999_999)
      return Promise.reject(
        new GuichetError('PAYMENT_BAD_AMOUNT', 'amount must be a positive integer number of cents below 10 000 000 $'),
      );
    if (!REFERENCE.test(reference)) return badReference();
    return this.serialised(async () => {
      const repeated = this.references.saleToRepeat(reference, amountCents);
      if (repeated) return repeated;
      this.references.remember(reference, { amountCents, saleSentAtMs: this.now().getTime() });
      const reply = await this.credit(
        TRANS_TYPE.sale,
        reference,
        this.options.saleTimeoutMs ?? 120_000,
        '',
        amountCents,
      );
      if (reply.kind !== 'answer') {
        if (reply.kind === 'unknown' && reply.reason === 'response-timeout')
          this.setHealth({
            state: 'offline',
            code: 'PAYMENT_TERMINAL_NO_ANSWER',
            detail: 'no answer to a sale; outcome unknown',
          });
        // The answer to this sale exists but cannot be trusted (a field outside the table): unknown at once, not
        // after the sale timeout; the terminal may well have charged.
        this.log.warn({ reference }, 'sale outcome unknown: settle it with cancelUnknownSale');
        return {
          outcome: 'unknown',
          reference,
          amountCents,
          reason: reply.kind === 'invalid' ? 'invalid-answer' : reply.reason,
        };
      }
      const answer = reply.fields;
      this.setHealth({ state: 'ok' });
      // An answer without our ECR reference (a terminal that stops after the response message) cannot be told
      // from a late answer to an earlier sale: never a decline, so unknown and settled.
      if (answer.reference !== reference) {
        this.log.warn({ reference }, 'sale answered without its reference: outcome unknown');
        return { outcome: 'unknown', reference, amountCents, reason: 'invalid-answer' };
      }
      const meaning = resultMeaning(answer.resultCode, answer.hostCode);
      const terminalReference = answer.transactionNumber || undefined;
      let result: SaleResult;
      switch (saleOutcomeOf(answer.resultCode)) {
        case 'approved':
          // An approval of another amount (a partial approval, or a terminal confused about the request) is not
          // the sale the kiosk asked for: unknown, so that it is resolved and reversed, never honoured.
          result =
            Number(answer.approvedCents) === amountCents
              ? {
                  outcome: 'approved',
                  reference,
                  amountCents,
                  authCode: answer.authCode,
                  terminalReference,
                  ...card(answer),
                }
              : {
                  outcome: 'unknown',
                  reference,
                  amountCents,
                  reason: 'amount-mismatch',
                  terminalAmountCents: Number(answer.approvedCents),
                  terminalReference,
                };
          break;
        case 'declined':
          result = { outcome: 'declined', reference, amountCents, reason: meaning, terminalReference, ...card(answer) };
          break;
        case 'unknown':
          result = { outcome: 'unknown', reference, amountCents, reason: meaning };
      }
      if (result.outcome !== 'unknown') this.references.remember(reference, { result });
      this.log.info({ reference, outcome: result.outcome, reason: result.reason }, 'sale finished');
      return result;
    });
  }

  /**
   * What the terminal knows of a reference. `not-found` and `busy` are not conclusive after an `unknown` sale
   * (the terminal may still be authorising it): use cancelUnknownSale() to settle one.
   */
  queryTransaction(reference: string): Promise<TransactionStatus> {
    if (!REFERENCE.test(reference)) return badReference();
    return this.serialised(() => this.query(reference));
  }

  /** Voids the transaction of a reference; repeating it is harmless (the terminal answers reversed again). */
  reverse(reference: string): Promise<ReversalResult> {
    if (!REFERENCE.test(reference)) return badReference();
    return this.serialised(() => this.voidSale(reference));
  }

  /**
   * Settles a sale whose outcome was `unknown` (or one the kiosk will not honour) so that the card holder is
   * not charged: queries the terminal; declined or already reversed settle it; an approval is reversed; and a
   * `not-found` or `busy` answer — the terminal may still be authorising — settles nothing until the
   * authorisation window since the sale was sent has passed, when the sale is reversed anyway (idempotent) and
   * a reversal that finds nothing is final. Call it again after `retryAfterMs` until `not-charged`. The send
   * time comes from this driver's memory, or `saleSentAt` (e.g. from the kiosk's journal after a restart);
   * unknown to both, the window starts at the first call.
   */
  cancelUnknownSale(reference: string, options: { saleSentAt?: Date } = {}): Promise<SaleResolution> {
    if (!REFERENCE.test(reference)) return badReference();
    return this.serialised(async () => {
      const now = this.now().getTime();
      const sentAtMs = options.saleSentAt?.getTime() ?? this.references.get(reference)?.saleSentAtMs ?? now;
      this.references.remember(reference, { saleSentAtMs: sentAtMs });
      return settleUnknownSale({
        reference,
        windowLeftMs: sentAtMs + (this.options.authorisationWindowMs ?? this.options.saleTimeoutMs ?? 120_000) - now,
        retryMs: this.options.resolveRetryMs ?? 5_000,
        query: () =>
          this.query(reference).then(
            (status) => status.state,
            (error: unknown) => {
              this.log.warn(
                { reference, code: isGuichetError(error) ? error.code : 'unknown' },
                'query for an unknown sale failed',
              );
              return 'no-answer' as const;
            },
          ),
        reverse: () =>
          this.voidSale(reference).then(
            (reversal) => reversal.outcome,
            () => 'unknown' as const,
          ),
        onSettled: (finding) => this.log.info({ reference, finding }, 'unknown sale settled: not charged'),
      });
    });
  }

  private async query(reference: string): Promise<TransactionStatus> {
    // A voided sale has a VOID record under the same ECR reference (reverse() sends it so); otherwise the SALE
    // record, if the terminal has one, says it was approved. Local detail holds completed transactions only.
    const voided = await this.lookup(reference, TRANS_TYPE.void);
    if (voided) return { reference, state: 'reversed', ...recordSummary(voided) };
    const sale = await this.lookup(reference, TRANS_TYPE.sale);
    if (!sale) {
      // The terminal keeps no record of a decline; the decline it answered to this driver is final.
      const known = this.references.get(reference)?.result;
      if (known?.outcome === 'declined') return { reference, state: 'declined', ...pick(known) };
      return { reference, state: 'not-found' };
    }
    return { reference, state: 'approved', ...recordSummary(sale) };
  }

  /** The terminal's record of `transType` under the ECR reference `reference` (R02), or undefined if none. */
  private async lookup(
    reference: string,
    transType: (typeof TRANS_TYPE)[keyof typeof TRANS_TYPE],
  ): Promise<MessageFields<'reportResponse'> | undefined> {
    const reply = await this.terminal
      .exchange(
        encodeMessage('reportRequest', { edcType: EDC_ALL, transType, reference }),
        'reportResponse',
        // A record of another reference is a late answer to another lookup; an answer without a record (not
        // found, an error) carries no reference and can only be ours.
        (m) => m.reference === reference || m.reference === '',
        this.options.responseTimeoutMs ?? 15_000,
      )
      .catch((error: unknown) => {
        throw this.noted(error);
      });
    if (reply.kind === 'invalid') throw this.noted(reply.error);
    if (reply.kind !== 'answer') throw this.noted(noAnswer(reply, 'the transaction lookup', { reference }));
    const answer = reply.fields;
    this.setHealth({ state: 'ok' });
    const meaning = resultMeaning(answer.resultCode);
    if (meaning === 'not-found') return undefined;
    if (meaning !== 'approved')
      throw new GuichetError('PAYMENT_QUERY_REFUSED', 'the terminal refused the transaction lookup', {
        details: { reference, resultCode: answer.resultCode },
      });
    if (answer.reference !== reference || answer.transType !== transType)
      throw this.noted(
        new GuichetError('PAYMENT_MESSAGE_INVALID', 'the lookup answered a record of another reference or type', {
          details: { reference, transType },
        }),
      );
    return answer;
  }

  private async voidSale(reference: string): Promise<ReversalResult> {
    // From now on a sale of this reference must not be answered from memory (it may be reversed) nor sent again;
    // a decline stays known (the terminal keeps no record of it).
    const known = this.references.get(reference)?.result;
    this.references.remember(reference, {
      reversalRequested: true,
      result: known?.outcome === 'declined' ? known : undefined,
    });
    // POSLink voids a transaction by its terminal transaction number: look the sale up by its ECR reference.
    let status: TransactionStatus;
    try {
      status = await this.query(reference);
    } catch (error) {
      // Nothing was voided; a lookup the terminal certainly did not get is a throw, as for the void itself.
      if (!frameMayHaveArrived(error)) throw error;
      return { outcome: 'unknown', reference, reason: lookupFailure(error) };
    }
    if (status.state === 'reversed') return { outcome: 'reversed', reference };
    if (status.state === 'not-found') return { outcome: 'not-found', reference };
    if (status.state === 'declined') return { outcome: 'refused', reference, reason: 'declined' };
    if (!status.terminalReference) return { outcome: 'unknown', reference, reason: 'invalid-answer' };
    const reply = await this.credit(
      TRANS_TYPE.void,
      reference,
      this.options.responseTimeoutMs ?? 15_000,
      status.terminalReference,
    );
    if (reply.kind === 'unknown') return { outcome: 'unknown', reference, reason: reply.reason };
    // A void's answer is its result code for its reference and type: card fields that fail the table do not
    // make a valid result code unreadable.
    if (reply.kind === 'answer') this.setHealth({ state: 'ok' });
    const { resultCode, reference: answered } = reply.fields;
    if (resultCode === undefined || answered !== reference)
      return { outcome: 'unknown', reference, reason: 'invalid-answer' };
    const meaning = resultMeaning(resultCode);
    if (meaning === 'approved') return { outcome: 'reversed', reference };
    if (meaning === 'not-found') return { outcome: 'not-found', reference };
    // A code we cannot read, or a partial approval: nothing is known to be done, so ask again.
    if (meaning === 'unknown-code' || meaning === 'partially-approved')
      return { outcome: 'unknown', reference, reason: meaning };
    return { outcome: 'refused', reference, reason: meaning };
  }

  /** Closes the terminal's batch (B00 settlement) and returns its totals. */
  batchTotals(): Promise<BatchTotals> {
    return this.serialised(async () => {
      const reply = await this.terminal
        .exchange(
          encodeMessage('batchRequest', { timestamp: timestamp(this.now()) }),
          'batchResponse',
          () => true,
          this.options.responseTimeoutMs ?? 15_000,
        )
        .catch((error: unknown) => {
          throw this.noted(error);
        });
      if (reply.kind === 'invalid') throw this.noted(reply.error);
      if (reply.kind !== 'answer') throw this.noted(noAnswer(reply, 'the batch close'));
      const answer = reply.fields;
      if (resultMeaning(answer.resultCode) !== 'approved')
        throw new GuichetError('PAYMENT_BATCH_REFUSED', 'the terminal refused to close the batch', {
          details: { resultCode: answer.resultCode },
        });
      this.setHealth({ state: 'ok' });
      return {
        batchNumber: Number(answer.batchNumber || 0),
        count: sumTotals(answer.totalCount),
        totalCents: sumTotals(answer.totalAmount),
      };
    });
  }

  /**
   * Sends a sale or void (T00) and waits for its T01. Throws only when the terminal certainly did not get the
   * request (NAKed three times, or the port closed before a frame left): a caller may take a throw as "not
   * charged". Any other failure is `unknown` with its reason; an invalid answer is noted in the health.
   */
  private async credit(
    transType: (typeof TRANS_TYPE)[keyof typeof TRANS_TYPE],
    reference: string,
    timeoutMs: number,
    origTransactionNumber: string,
    amountCents?: number,
  ): Promise<
    Exclude<Answer<'creditResponse'>, { kind: 'timeout' | 'lost' }> | { kind: 'unknown'; reason: UnknownReason }
  > {
    const request = encodeMessage('creditRequest', {
      transType,
      amountCents: amountCents === undefined ? '' : String(amountCents),
      reference,
      origTransactionNumber,
    });
    let reply: Answer<'creditResponse'>;
    try {
      reply = await this.terminal.exchange(
        request,
        'creditResponse',
        // Ours: our reference and type; or an answer that stops after the response message (no trace), which
        // the caller takes as unknown.
        (m) => (m.reference === reference && m.transType === transType) || (m.reference === '' && m.transType === ''),
        timeoutMs,
      );
    } catch (error) {
      this.noted(error);
      if (!frameMayHaveArrived(error)) throw error;
      this.log.warn(
        { reference, transType, code: isGuichetError(error) ? error.code : 'unknown' },
        'link failed once the terminal may have had the request',
      );
      return { kind: 'unknown', reason: isGuichetError(error, 'PAYMENT_LINK_NO_ACK') ? 'no-ack' : 'link-lost' };
    }
    if (reply.kind === 'timeout') return { kind: 'unknown', reason: 'response-timeout' };
    if (reply.kind === 'lost') return { kind: 'unknown', reason: 'link-lost' };
    if (reply.kind === 'invalid') this.noted(reply.error);
    return reply;
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(task);
  }

  private setHealth(health: Omit<DeviceHealth, 'checkedAt'>): DeviceHealth {
    this.health = { ...health, checkedAt: this.now().toISOString() };
    return this.health;
  }

  private failureHealth(error: unknown): Omit<DeviceHealth, 'checkedAt'> {
    const code = isGuichetError(error) ? error.code : 'PAYMENT_TERMINAL_FAILED';
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    // A terminal that answers outside the field table is there but misconfigured (PROTOCOL.md: adjust the table).
    const state = code === 'PAYMENT_LINK_NAK' ? 'fault' : code === 'PAYMENT_MESSAGE_INVALID' ? 'warning' : 'offline';
    return { state, code, detail };
  }

  private noted(error: unknown): unknown {
    this.setHealth(this.failureHealth(error));
    return error;
  }
}

function disconnected(transport: ByteTransport): Omit<DeviceHealth, 'checkedAt'> {
  return { state: 'offline', code: 'PAYMENT_TERMINAL_DISCONNECTED', detail: `${transport.description} closed` };
}

function noAnswer(reply: { kind: 'timeout' | 'lost' }, what: string, details?: Record<string, unknown>): GuichetError {
  return reply.kind === 'lost'
    ? new GuichetError('PAYMENT_LINK_LOST', `the port closed while waiting for the answer to ${what}`, { details })
    : new GuichetError('PAYMENT_TERMINAL_NO_ANSWER', `no answer to ${what}`, { details });
}

function badReference(): Promise<never> {
  return Promise.reject(new GuichetError('PAYMENT_BAD_REFERENCE', 'reference must be 1–20 of A-Z a-z 0-9 -'));
}

/** Brand and last 4 of an answer's account information; the table has already refused anything longer. */
function card(fields: { cardType?: string; account?: string }): CardSummary {
  const brand = fields.cardType ? CARD_TYPES[fields.cardType as keyof typeof CARD_TYPES] : undefined;
  const last4 = fields.account ? fields.account.slice(-4) : undefined;
  return { ...(brand ? { brand } : {}), ...(last4 ? { last4 } : {}) };
}

function recordSummary(record: MessageFields<'reportResponse'>): Omit<TransactionStatus, 'reference' | 'state'> {
  return {
    amountCents: record.approvedCents ? Number(record.approvedCents) : undefined,
    authCode: record.authCode || undefined,
    terminalReference: record.transactionNumber || undefined,
    ...card(record),
  };
}

function pick(result: SaleResult): Omit<TransactionStatus, 'reference' | 'state'> {
  return {
    amountCents: result.amountCents,
    terminalReference: result.terminalReference,
    ...(result.brand ? { brand: result.brand } : {}),
    ...(result.last4 ? { last4: result.last4 } : {}),
  };
}

/** Why a lookup before a void failed, as the reason of an `unknown` reversal. */
function lookupFailure(error: unknown): UnknownReason | ResultMeaning {
  if (isGuichetError(error, 'PAYMENT_LINK_NO_ACK')) return 'no-ack';
  if (isGuichetError(error, 'PAYMENT_LINK_LOST') || isGuichetError(error, 'TRANSPORT_CLOSED')) return 'link-lost';
  if (isGuichetError(error, 'PAYMENT_TERMINAL_NO_ANSWER')) return 'response-timeout';
  if (isGuichetError(error, 'PAYMENT_QUERY_REFUSED'))
    return resultMeaning(String((error.details as { resultCode?: string } | undefined)?.resultCode ?? ''));
  return 'invalid-answer';
}

/** POSLink totals: one number, or one per EDC type joined by `=`. */
function sumTotals(value: string): number {
  return value.split('=').reduce((sum, part) => sum + Number(part || 0), 0);
}

/** The B00 time stamp, YYYYMMDDhhmmss in the kiosk's local time. */
function timestamp(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}
