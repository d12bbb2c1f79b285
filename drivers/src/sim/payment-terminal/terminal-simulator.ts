// A PAX-like PIN pad simulator speaking PAX POSLink (drivers/src/payment-terminal/PROTOCOL.md: A00, T00
// SALE/VOID, R02 local detail lookup, B00) over any ByteTransport (a socat pty in tests), with a scripted card
// holder, fault injection and a memory of transactions so lookups, voids and batch totals work. With `records`, every state
// change is also written to a durable batch file before the terminal answers, and a restart reloads it.
import pino, { type Logger } from 'pino';
import { isGuichetError } from '@guichet/shared';
import type { ByteTransport } from '../../transport/byte-transport';
import { decodeMessage, encodeMessage, type DecodedMessage } from '../../payment-terminal/message-codec';
import { MESSAGES, PROTOCOL_VERSION, TRANS_TYPE, type MessageFields } from '../../payment-terminal/message-table';
import { TerminalLink } from '../../payment-terminal/terminal-link';
import {
  CARDHOLDER_SCRIPTS,
  type CardholderScript,
  type SimulatedCard,
  type TerminalFault,
  type TerminalProfile,
  type WhileAuthorising,
  simulatedCardNumber,
} from './cardholder-scripts';
import type { TerminalRecord, TerminalRecords } from './terminal-records';

export interface TerminalSimulatorOptions {
  /** The terminal behaviour simulated (default and only one so far: `poslink`, a PAX terminal). */
  profile?: TerminalProfile;
  script?: CardholderScript;
  fault?: TerminalFault;
  /** Delay of answers under the `late` fault (default 3000 ms). */
  lateMs?: number;
  /** Time the card holder and host take before an answer (default 20 ms). */
  processingMs?: number;
  /**
   * Time a sale stays in progress before its result is recorded (default 0: recorded at once). Meanwhile a
   * repeated sale of the reference and an Initialize get no answer, and lookups of it are answered as
   * `whileAuthorising` says.
   */
  authorisationMs?: number;
  /** How lookups of a sale in progress are answered: `not-found` (100023), or `busy` (no answer at all). */
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
  /** The card holder script of a sale made since start (a restart knows the result code only). */
  script?: CardholderScript;
}

const GARBAGE = Buffer.from([0xff, 0x00, 0x41, 0x7f, 0x1c]);

export class PaymentTerminalSimulator {
  readonly transactions = new Map<string, SimulatedTransaction>();
  readonly profile: TerminalProfile;
  script: CardholderScript;
  fault: TerminalFault;
  lateMs: number;
  authorisationMs: number;
  whileAuthorising: WhileAuthorising;
  card: SimulatedCard;
  /** What the terminal does with Initialize (A00): answer OK, not answer (busy), or answer an error. */
  terminalState: 'READY' | 'BUSY' | 'ERROR' = 'READY';
  /** Serial number answered in A01. */
  readonly serialNumber = '53000000001';
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
    this.profile = options.profile ?? 'poslink';
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
      this.sequence = Math.max(this.sequence, Number(/^T?(\d+)$/.exec(r.terminalRef)?.[1] ?? 0));
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
    if (!message.name.endsWith('Request')) {
      this.log.warn({ message: message.name }, 'a response sent to the terminal ignored');
      return;
    }
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

  /** Applies a request to the simulated terminal and returns the answer's bytes (undefined: no answer). */
  private process(message: DecodedMessage): Buffer | undefined {
    switch (message.name) {
      case 'initializeRequest':
        // A PAX terminal busy with a transaction does not take another command.
        if (this.terminalState === 'BUSY' || this.authorising.size > 0) return undefined;
        return this.terminalState === 'ERROR'
          ? header('initializeResponse', INITIALIZE_ERROR_CODE, 'ERROR')
          : encodeMessage('initializeResponse', {
              resultCode: '000000',
              resultMessage: 'OK',
              serialNumber: this.serialNumber,
            });
      case 'creditRequest':
        if (message.fields.transType === TRANS_TYPE.sale)
          return this.sale(message.fields.reference, Number(message.fields.amountCents));
        if (message.fields.transType === TRANS_TYPE.void)
          return this.void(message.fields.reference, message.fields.origTransactionNumber);
        return header('creditResponse', TRANS_TYPE_NOT_SUPPORTED, 'TRANS TYPE NOT SUPPORTED');
      case 'reportRequest':
        return this.lookup(message.fields.reference, message.fields.transType);
      case 'batchRequest': {
        const inBatch = [...this.transactions.values()].filter(
          (t) => t.batch === this.batchNumber && t.state === 'APPROVED',
        );
        const totalCents = inBatch.reduce((sum, t) => sum + t.amountCents, 0);
        // Totals per EDC type, credit first (credit=debit=EBT=gift=loyalty=cash=check).
        const answer = encodeMessage(
          'batchResponse',
          {
            resultCode: '000000',
            resultMessage: 'OK',
            hostCode: '00',
            batchNumber: String(this.batchNumber),
            totalCount: `${inBatch.length}=0=0=0=0=0=0`,
            totalAmount: `${totalCents}=0=0=0=0=0=0`,
          },
          { '5.1': 'BATCH CLOSED', '8.0': stamp(this.clock()), '9.0': '00000001', '10.0': '000000000001' },
        );
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

  /** R02: the record of `transType` under an ECR reference. Local detail holds completed transactions only. */
  private lookup(reference: string, transType: string): Buffer | undefined {
    if (this.authorising.has(reference) && this.whileAuthorising === 'busy') return undefined;
    const t = this.transactions.get(reference);
    const wanted = transType || TRANS_TYPE.sale;
    const found =
      t !== undefined &&
      (wanted === TRANS_TYPE.void ? t.state === 'REVERSED' : wanted === TRANS_TYPE.sale && t.state !== 'DECLINED');
    if (!found) return header('reportResponse', '100023', 'NOT FOUND');
    return encodeMessage(
      'reportResponse',
      {
        resultCode: '000000',
        resultMessage: 'OK',
        totalRecords: '1',
        hostCode: '00',
        authCode: t.authCode,
        hostReference: t.terminalRef,
        cardType: CARD_TYPE[t.card.brand],
        transType: wanted,
        origTransType: wanted === TRANS_TYPE.void ? TRANS_TYPE.sale : '',
        approvedCents: String(t.amountCents),
        account: t.card.last4,
        transactionNumber: t.terminalRef,
        reference: t.reference,
      },
      { '6.0': '0', '7.1': 'APPROVED', '12.1': '4', '12.10': '0', '13.2': stamp(this.clock()) },
    );
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
      terminalRef: String(this.sequence),
      batch: this.batchNumber,
      pan: this.cardNumber,
      script: this.script,
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

  /** T00 VOID: voids the transaction of that terminal transaction number (POSLink's original reference). */
  private void(reference: string, origTransactionNumber: string): Buffer {
    const transaction = [...this.transactions.values()].find((t) => t.terminalRef === origTransactionNumber);
    if (!transaction) return header('creditResponse', '100023', 'NOT FOUND');
    if (transaction.state === 'DECLINED') return this.creditResponse(TRANS_TYPE.void, '100011', transaction);
    if (transaction.state !== 'REVERSED') {
      this.persist({ ...transaction, state: 'REVERSED' });
      transaction.state = 'REVERSED';
    }
    return this.creditResponse(TRANS_TYPE.void, '000000', { ...transaction, reference });
  }

  /** A T01 in full: host, transaction type, amount, account (last 4 only), trace with the ECR reference. */
  private creditResponse(transType: string, resultCode: string, t: SimulatedTransaction): Buffer {
    const approved = resultCode === '000000';
    const declined = !approved && t.state === 'DECLINED' && resultCode === t.resultCode;
    const script = CARDHOLDER_SCRIPTS[declined ? scriptOf(t) : 'approve'];
    const fields: MessageFields<'creditResponse'> = {
      resultCode,
      resultMessage: approved || declined ? script.resultMessage : 'ERROR',
      hostCode: approved || declined ? script.hostCode : '',
      hostMessage: approved || declined ? script.hostMessage : '',
      authCode: t.authCode,
      hostReference: approved ? t.terminalRef : '',
      transType,
      approvedCents: approved ? String(t.amountCents) : '0',
      account: t.card.last4,
      cardType: CARD_TYPE[t.card.brand],
      transactionNumber: t.terminalRef,
      reference: t.reference,
    };
    return encodeMessage('creditResponse', fields, {
      '8.1': '4',
      '8.10': '0',
      '9.2': stamp(this.clock()),
    });
  }
}

/** The script that produced a stored result: remembered since start, else the first with its result code. */
function scriptOf(t: SimulatedTransaction): CardholderScript {
  if (t.script) return t.script;
  const entry = Object.entries(CARDHOLDER_SCRIPTS).find(([, o]) => o.resultCode === t.resultCode);
  return (entry?.[0] ?? 'decline') as CardholderScript;
}

/** The response code a terminal in error answers to Initialize (any non-zero code; PROTOCOL.md). */
export const INITIALIZE_ERROR_CODE = '100001';
/** The response code for a transaction type the simulator does not do. */
const TRANS_TYPE_NOT_SUPPORTED = '100003';

/** POSLink card types of the simulated brands; Interac has none in the public documents (OTHER, 99). */
const CARD_TYPE: Record<SimulatedCard['brand'], string> = { VISA: '01', MC: '02', AMEX: '03', INTERAC: '99' };

/** A response that stops after the response message, as a terminal answers an error or "not found". */
function header(
  name: 'initializeResponse' | 'creditResponse' | 'reportResponse',
  resultCode: string,
  resultMessage: string,
): Buffer {
  return Buffer.from(['0', MESSAGES[name].command, PROTOCOL_VERSION, resultCode, resultMessage].join('\x1c'), 'latin1');
}

/** POSLink time stamps: YYYYMMDDhhmmss. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
