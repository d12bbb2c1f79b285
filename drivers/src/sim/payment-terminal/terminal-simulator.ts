// A semi-integrated PIN pad simulator speaking the same STX/ETX/LRC ECR bytes (drivers/src/payment-terminal/
// PROTOCOL.md) over any ByteTransport (a socat pty in tests), with a scripted card holder, fault injection and
// a memory of transactions so status queries, reversals and batch totals work. With `records`, every state
// change is also written to a durable batch file before the terminal answers, and a restart reloads it.
import pino, { type Logger } from 'pino';
import { isGuichetError } from '@guichet/shared';
import type { ByteTransport } from '../../transport/byte-transport';
import { decodeMessage, encodeMessage, type DecodedMessage } from '../../payment-terminal/message-codec';
import { RESULT_CODE_BUSY, TRANS_TYPE, type MessageFields } from '../../payment-terminal/message-table';
import { TerminalLink } from '../../payment-terminal/terminal-link';
import {
  CARDHOLDER_SCRIPTS,
  type CardholderScript,
  type SimulatedCard,
  type TerminalFault,
  type WhileAuthorising,
  simulatedCardNumber,
} from './cardholder-scripts';
import type { TerminalRecord, TerminalRecords } from './terminal-records';

export interface TerminalSimulatorOptions {
  script?: CardholderScript;
  fault?: TerminalFault;
  /** Delay of answers under the `late` fault (default 3000 ms). */
  lateMs?: number;
  /** Time the card holder and host take before an answer (default 20 ms). */
  processingMs?: number;
  /**
   * Time a sale stays in progress before its result is recorded (default 0: recorded at once). Meanwhile a
   * repeated sale of the reference gets no second answer, the status is BUSY, and queries and voids of it are
   * answered as `whileAuthorising` says.
   */
  authorisationMs?: number;
  /** How queries and voids of a sale in progress are answered (default `not-found`). */
  whileAuthorising?: WhileAuthorising;
  card?: SimulatedCard;
  ackTimeoutMs?: number;
  log?: Logger;
  /** Called with each decoded request (the CLI reports them). */
  onRequest?: (message: DecodedMessage) => void;
  /**
   * Durable batch: each state change is appended before the answer, and the transactions, sequence and open
   * batch found in it are loaded at construction (a restarted terminal remembers its sales).
   */
  records?: TerminalRecords;
  /** Time stamp of the records (default the wall clock). */
  clock?: () => Date;
}

export interface SimulatedTransaction {
  reference: string;
  state: 'APPROVED' | 'DECLINED' | 'REVERSED';
  resultCode: string;
  amountCents: number;
  authCode: string;
  card: SimulatedCard;
  terminalRef: string;
  batch: number;
  /** The full card number, held in memory only for sales made since start (never sent, never recorded). */
  pan?: string;
}

const GARBAGE = Buffer.from([0xff, 0x00, 0x41, 0x7f, 0x1c]);

export class PaymentTerminalSimulator {
  readonly transactions = new Map<string, SimulatedTransaction>();
  script: CardholderScript;
  fault: TerminalFault;
  lateMs: number;
  authorisationMs: number;
  whileAuthorising: WhileAuthorising;
  card: SimulatedCard;
  /** What the terminal answers to a status request (A01). */
  terminalState: 'READY' | 'BUSY' | 'ERROR' = 'READY';
  private readonly link: TerminalLink;
  private readonly log: Logger;
  private sequence = 0;
  private batchNumber = 1;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** References of sales being authorised (not yet recorded in `transactions`). */
  private readonly authorising = new Set<string>();
  private outgoing: Promise<void> = Promise.resolve();
  /** Requests received (decoded), for tests and the CLI's report. */
  readonly received: DecodedMessage[] = [];
  private readonly records: TerminalRecords | undefined;
  private readonly clock: () => Date;

  constructor(
    private readonly transport: ByteTransport,
    options: TerminalSimulatorOptions = {},
  ) {
    this.script = options.script ?? 'approve';
    this.fault = options.fault ?? 'none';
    this.lateMs = options.lateMs ?? 3000;
    this.authorisationMs = options.authorisationMs ?? 0;
    this.whileAuthorising = options.whileAuthorising ?? 'not-found';
    this.card = options.card ?? { brand: 'VISA', last4: '4242' };
    this.processingMs = options.processingMs ?? 20;
    this.onRequest = options.onRequest;
    this.records = options.records;
    this.clock = options.clock ?? (() => new Date());
    if (this.records) this.load(this.records);
    this.log = (options.log ?? pino({ level: 'silent' })).child({ component: 'payment-terminal-sim' });
    this.link = new TerminalLink(transport, {
      ackTimeoutMs: options.ackTimeoutMs ?? 1000,
      log: this.log,
      answerFrame: () => {
        if (this.fault === 'nak-storm') return 'nak';
        if (this.fault === 'no-answer') return 'silent';
        if (this.fault === 'garbage') void this.transport.write(GARBAGE).catch(() => undefined);
        return 'ack';
      },
    });
    this.link.onMessage((payload) => this.handle(payload));
  }

  private readonly processingMs: number;
  private readonly onRequest: ((message: DecodedMessage) => void) | undefined;

  /** The full number of the simulated card, as the chip gives it to the terminal (test data, never sent). */
  get cardNumber(): string {
    return simulatedCardNumber(this.card);
  }

  private load(records: TerminalRecords): void {
    for (const r of records.current()) {
      this.transactions.set(r.reference, {
        reference: r.reference,
        state: r.state,
        resultCode: r.resultCode,
        amountCents: r.amountCents,
        authCode: r.authCode,
        card: { brand: r.brand, last4: r.last4 },
        terminalRef: r.terminalRef,
        batch: r.batch,
      });
      this.sequence = Math.max(this.sequence, Number(/^T(\d+)$/.exec(r.terminalRef)?.[1] ?? 0));
      this.batchNumber = Math.max(this.batchNumber, r.batch);
    }
    this.sequence = Math.max(this.sequence, this.transactions.size);
    for (const closed of records.closedBatches()) this.batchNumber = Math.max(this.batchNumber, closed.batch + 1);
  }

  /** Writes a state change to the durable batch (when there is one) before anything answers it. */
  private persist(t: SimulatedTransaction): void {
    if (!this.records) return;
    const record: TerminalRecord = {
      reference: t.reference,
      state: t.state,
      resultCode: t.resultCode,
      amountCents: t.amountCents,
      authCode: t.authCode,
      brand: t.card.brand,
      last4: t.card.last4,
      terminalRef: t.terminalRef,
      batch: t.batch,
      at: this.clock().toISOString(),
    };
    this.records.append(record);
  }

  async start(): Promise<void> {
    if (!this.transport.isOpen) await this.transport.open();
    this.link.start();
  }

  async stop(): Promise<void> {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.authorising.clear();
    this.link.stop();
    await this.transport.close();
  }

  private handle(payload: Buffer): void {
    let message: DecodedMessage;
    try {
      message = decodeMessage(payload);
    } catch (error) {
      this.log.warn({ code: isGuichetError(error) ? error.code : 'unknown' }, 'unreadable request ignored');
      return;
    }
    this.received.push(message);
    this.onRequest?.(message);
    const isSale = message.name === 'creditRequest' && message.fields.transType === TRANS_TYPE.sale;
    let answer: Buffer | undefined;
    try {
      answer = this.process(message);
    } catch (error) {
      // The batch could not be written: like a terminal with a full or failed memory, it answers nothing.
      this.log.error({ err: error, message: message.name }, 'terminal records not written; no answer');
      return;
    }
    if (answer) this.answer(answer, isSale);
  }

  private answer(answer: Buffer, isSale: boolean): void {
    if (isSale && this.fault === 'drop-after-auth') return;
    this.later(this.fault === 'late' ? this.lateMs : this.processingMs, () => {
      this.outgoing = this.outgoing.then(() => this.send(answer));
    });
  }

  private later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }

  private async send(answer: Buffer): Promise<void> {
    if (!this.transport.isOpen || this.fault === 'no-answer') return;
    try {
      if (this.fault === 'garbage') await this.transport.write(GARBAGE);
      await this.link.send(answer);
    } catch (error) {
      this.log.warn({ code: isGuichetError(error) ? error.code : 'unknown' }, 'answer not delivered');
    }
  }

  /** Applies a request to the simulated terminal and returns the answer's bytes. */
  private process(message: DecodedMessage): Buffer | undefined {
    switch (message.name) {
      case 'statusRequest':
        return encodeMessage('statusResponse', {
          resultCode: '000000',
          terminalState: this.authorising.size > 0 && this.terminalState === 'READY' ? 'BUSY' : this.terminalState,
        });
      case 'creditRequest':
        return message.fields.transType === TRANS_TYPE.sale
          ? this.sale(message.fields.reference, Number(message.fields.amountCents))
          : this.void(message.fields.reference);
      case 'queryRequest': {
        const known = this.transactions.get(message.fields.reference);
        if (!known) {
          const resultCode =
            this.authorising.has(message.fields.reference) && this.whileAuthorising === 'busy'
              ? RESULT_CODE_BUSY
              : '000000';
          return encodeMessage('queryResponse', {
            resultCode,
            reference: message.fields.reference,
            state: 'NOTFOUND',
            amountCents: '',
            authCode: '',
            brand: '',
            maskedPan: '',
            terminalRef: '',
          });
        }
        return encodeMessage('queryResponse', {
          resultCode: '000000',
          reference: known.reference,
          state: known.state,
          amountCents: String(known.amountCents),
          authCode: known.authCode,
          brand: known.card.brand,
          maskedPan: masked(known.card),
          terminalRef: known.terminalRef,
        });
      }
      case 'batchRequest': {
        const inBatch = [...this.transactions.values()].filter(
          (t) => t.batch === this.batchNumber && t.state === 'APPROVED',
        );
        const totalCents = inBatch.reduce((sum, t) => sum + t.amountCents, 0);
        const answer = encodeMessage('batchResponse', {
          resultCode: '000000',
          batchNumber: String(this.batchNumber),
          count: String(inBatch.length),
          totalCents: String(totalCents),
        });
        this.records?.closeBatch({
          batch: this.batchNumber,
          count: inBatch.length,
          totalCents,
          at: this.clock().toISOString(),
        });
        this.batchNumber++;
        return answer;
      }
      default:
        return undefined;
    }
  }

  private sale(reference: string, amountCents: number): Buffer | undefined {
    // Idempotent by reference: a repeated sale answers the stored result, it never charges twice; one still
    // being authorised gets no second answer (the first one is coming).
    const known = this.transactions.get(reference);
    if (known) return this.saleResponse(known);
    if (this.authorising.has(reference)) return undefined;
    if (this.authorisationMs <= 0) return this.saleResponse(this.record(reference, amountCents));
    this.authorising.add(reference);
    this.later(this.authorisationMs, () => {
      this.authorising.delete(reference);
      let transaction: SimulatedTransaction;
      try {
        transaction = this.record(reference, amountCents);
      } catch (error) {
        this.log.error({ err: error }, 'terminal records not written; no answer');
        return;
      }
      this.answer(this.saleResponse(transaction), true);
    });
    return undefined;
  }

  private record(reference: string, amountCents: number): SimulatedTransaction {
    const outcome = CARDHOLDER_SCRIPTS[this.script];
    this.sequence++;
    const transaction: SimulatedTransaction = {
      reference,
      state: outcome.state,
      resultCode: outcome.resultCode,
      amountCents,
      authCode: outcome.state === 'APPROVED' ? `A${String(100000 + this.sequence).slice(1)}` : '',
      card: this.card,
      terminalRef: `T${String(this.sequence).padStart(6, '0')}`,
      batch: this.batchNumber,
      pan: this.cardNumber,
    };
    this.persist(transaction);
    this.transactions.set(reference, transaction);
    return transaction;
  }

  private saleResponse(transaction: SimulatedTransaction): Buffer {
    return this.creditResponse(
      TRANS_TYPE.sale,
      transaction.state === 'REVERSED' ? '000000' : transaction.resultCode,
      transaction,
    );
  }

  private void(reference: string): Buffer {
    const transaction = this.transactions.get(reference);
    if (!transaction) {
      const resultCode =
        this.authorising.has(reference) && this.whileAuthorising === 'busy' ? RESULT_CODE_BUSY : '100023';
      return encodeMessage('creditResponse', {
        transType: TRANS_TYPE.void,
        resultCode,
        reference,
        amountCents: '0',
        authCode: '',
        brand: '',
        maskedPan: '',
        terminalRef: '',
      });
    }
    if (transaction.state === 'DECLINED') return this.creditResponse(TRANS_TYPE.void, '100011', transaction);
    if (transaction.state !== 'REVERSED') {
      this.persist({ ...transaction, state: 'REVERSED' });
      transaction.state = 'REVERSED';
    }
    return this.creditResponse(TRANS_TYPE.void, '000000', transaction);
  }

  private creditResponse(
    transType: MessageFields<'creditResponse'>['transType'],
    resultCode: string,
    t: SimulatedTransaction,
  ): Buffer {
    return encodeMessage('creditResponse', {
      transType,
      resultCode,
      reference: t.reference,
      amountCents: String(t.amountCents),
      authCode: t.authCode,
      brand: t.card.brand,
      maskedPan: masked(t.card),
      terminalRef: t.terminalRef,
    });
  }
}

function masked(card: SimulatedCard): string {
  return `************${card.last4}`;
}
