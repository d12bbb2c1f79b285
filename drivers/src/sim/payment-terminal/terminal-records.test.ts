// The simulator's durable batch: sales, declines and reversals written before the answer, reloaded by a
// restarted simulator (queries and voids of old references still work), and no card number in the file.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isGuichetError } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { decodeMessage, encodeMessage, type DecodedMessage } from '../../payment-terminal/message-codec';
import { TRANS_TYPE, type MessageFields, type MessageName } from '../../payment-terminal/message-table';
import { TerminalLink } from '../../payment-terminal/terminal-link';
import { MemoryTransport } from '../../transport/memory-transport';
import { TerminalRecords } from './terminal-records';
import { PaymentTerminalSimulator, type TerminalSimulatorOptions } from './terminal-simulator';

const scratch = mkdtempSync(join(tmpdir(), 'guichet-terminal-records-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let fileCount = 0;
const freshFile = (): string => join(scratch, `terminal-${++fileCount}.db`);

/** The kiosk's end of the cable, speaking raw ECR messages (independent of the device driver's API). */
class EcrHost {
  private readonly answers: DecodedMessage[] = [];
  private constructor(private readonly link: TerminalLink) {
    link.onMessage((payload) => this.answers.push(decodeMessage(payload)));
  }

  static async connect(transport: MemoryTransport): Promise<EcrHost> {
    await transport.open();
    const link = new TerminalLink(transport, { ackTimeoutMs: 500 });
    link.start();
    return new EcrHost(link);
  }

  get answerCount(): number {
    return this.answers.length;
  }

  answersSince(mark: number): DecodedMessage[] {
    return this.answers.slice(mark);
  }

  /** Sends a request (acknowledged by the link) without waiting for its answer. */
  async send<N extends MessageName>(name: N, fields: MessageFields<N>): Promise<void> {
    await this.link.send(encodeMessage(name, fields));
  }

  async ask<N extends MessageName>(name: N, fields: MessageFields<N>): Promise<DecodedMessage> {
    const before = this.answers.length;
    await this.link.send(encodeMessage(name, fields));
    return eventually(`an answer to ${name}`, () => this.answers[before]);
  }

  stop(): void {
    this.link.stop();
  }
}

const clock = () => new Date('2026-11-29T15:00:00.000Z');

describe('PaymentTerminalSimulator with durable records', () => {
  const running: { sim: PaymentTerminalSimulator; host: EcrHost; records: TerminalRecords }[] = [];
  afterEach(async () => {
    for (const { sim, host, records } of running.splice(0)) {
      host.stop();
      await sim.stop();
      records.close();
    }
  });

  async function boot(file: string, options: TerminalSimulatorOptions = {}) {
    const [kioskEnd, terminalEnd] = MemoryTransport.pair();
    const records = TerminalRecords.open(file);
    const sim = new PaymentTerminalSimulator(terminalEnd, { processingMs: 1, clock, records, ...options });
    await sim.start();
    const host = await EcrHost.connect(kioskEnd);
    const handle = { sim, host, records };
    running.push(handle);
    return handle;
  }

  async function shutDown(handle: { sim: PaymentTerminalSimulator; host: EcrHost; records: TerminalRecords }) {
    running.splice(running.indexOf(handle), 1);
    handle.host.stop();
    await handle.sim.stop();
    handle.records.close();
  }

  const sale = (host: EcrHost, reference: string, amountCents: number) =>
    host.ask('creditRequest', {
      transType: TRANS_TYPE.sale,
      amountCents: String(amountCents),
      reference,
      origTransactionNumber: '',
    });
  /** A POSLink VOID names the sale's terminal transaction number (the driver finds it with R02). */
  const voidOf = (handle: { host: EcrHost; sim: PaymentTerminalSimulator }, reference: string) =>
    handle.host.ask('creditRequest', {
      transType: TRANS_TYPE.void,
      amountCents: '',
      reference,
      origTransactionNumber: handle.sim.transactions.get(reference)?.terminalRef ?? '999',
    });

  it('writes each state change before answering, and a restarted terminal answers queries and voids of old sales', async () => {
    const file = freshFile();
    const first = await boot(file, { card: { brand: 'MC', last4: '4444' } });
    const approved = await sale(first.host, '01JDXAPPROVED0000001', 4275);
    expect(approved.fields).toMatchObject({ resultCode: '000000', transactionNumber: '1' });
    // Written by the time the answer arrived (the write comes first):
    expect(first.records.current()).toEqual([
      {
        reference: '01JDXAPPROVED0000001',
        state: 'APPROVED',
        resultCode: '000000',
        amountCents: 4275,
        authCode: 'A00001',
        brand: 'MC',
        last4: '4444',
        terminalRef: '1',
        batch: 1,
        at: '2026-11-29T15:00:00.000Z',
      },
    ]);
    first.sim.script = 'decline';
    expect((await sale(first.host, '01JDXDECLINED000002', 900)).fields).toMatchObject({ resultCode: '000100' });
    first.sim.script = 'approve';
    await sale(first.host, '01JDXREVERSEDBEFORE3', 1200);
    expect((await voidOf(first, '01JDXREVERSEDBEFORE3')).fields).toMatchObject({ resultCode: '000000' });
    // A repeated void changes nothing, so it writes nothing.
    await voidOf(first, '01JDXREVERSEDBEFORE3');
    expect(first.records.history().map((r) => [r.reference, r.state])).toEqual([
      ['01JDXAPPROVED0000001', 'APPROVED'],
      ['01JDXDECLINED000002', 'DECLINED'],
      ['01JDXREVERSEDBEFORE3', 'APPROVED'],
      ['01JDXREVERSEDBEFORE3', 'REVERSED'],
    ]);
    await shutDown(first);

    const second = await boot(file);
    expect(second.sim.transactions.size).toBe(3);
    const query = await second.host.ask('reportRequest', {
      edcType: '00',
      transType: TRANS_TYPE.sale,
      reference: '01JDXAPPROVED0000001',
    });
    expect(query.fields).toMatchObject({
      resultCode: '000000',
      transType: '01',
      approvedCents: '4275',
      account: '4444',
      cardType: '02',
      transactionNumber: '1',
    });
    const reversal = await voidOf(second, '01JDXAPPROVED0000001');
    expect(reversal.fields).toMatchObject({ resultCode: '000000', reference: '01JDXAPPROVED0000001' });
    // A declined sale from before the restart still cannot be voided; a repeated sale answers the stored result.
    expect((await voidOf(second, '01JDXDECLINED000002')).fields).toMatchObject({ resultCode: '100011' });
    expect((await sale(second.host, '01JDXDECLINED000002', 900)).fields).toMatchObject({ resultCode: '000100' });
    // New sales continue the terminal's numbering rather than reusing 1.
    expect((await sale(second.host, '01JDXAFTERRESTART004', 500)).fields).toMatchObject({ transactionNumber: '4' });
    expect(second.records.current().map((r) => [r.reference, r.state])).toEqual([
      ['01JDXAPPROVED0000001', 'REVERSED'],
      ['01JDXDECLINED000002', 'DECLINED'],
      ['01JDXREVERSEDBEFORE3', 'REVERSED'],
      ['01JDXAFTERRESTART004', 'APPROVED'],
    ]);
  });

  it('answers no sale whose record it could not write (the write comes before the answer)', async () => {
    const handle = await boot(freshFile());
    await sale(handle.host, 'R-WRITTEN', 100);
    handle.records.close(); // the batch memory fails
    const mark = handle.host.answerCount;
    await handle.host.send('creditRequest', {
      transType: TRANS_TYPE.sale,
      amountCents: '200',
      reference: 'R-LOST',
      origTransactionNumber: '',
    });
    // Answers leave in order: had the sale been answered, its answer would come before the Initialize answer.
    await handle.host.ask('initializeRequest', {});
    expect(handle.host.answersSince(mark).map((m) => m.name)).toEqual(['initializeResponse']);
    expect(handle.sim.received.map((m) => m.name).slice(-2)).toEqual(['creditRequest', 'initializeRequest']);
    expect(handle.sim.transactions.has('R-LOST')).toBe(false);
  });

  it('keeps closed batches: a restarted terminal opens the next batch number', async () => {
    const file = freshFile();
    const first = await boot(file);
    await sale(first.host, 'R-1', 100);
    await sale(first.host, 'R-2', 250);
    expect((await first.host.ask('batchRequest', { timestamp: '20261129150000' })).fields).toMatchObject({
      resultCode: '000000',
      batchNumber: '1',
      totalCount: '2=0=0=0=0=0=0',
      totalAmount: '350=0=0=0=0=0=0',
    });
    await shutDown(first);
    const second = await boot(file);
    expect(second.records.closedBatches()).toEqual([
      { batch: 1, count: 2, totalCents: 350, at: '2026-11-29T15:00:00.000Z' },
    ]);
    await sale(second.host, 'R-3', 75);
    expect((await second.host.ask('batchRequest', { timestamp: '20261129150000' })).fields).toMatchObject({
      batchNumber: '2',
      totalCount: '1=0=0=0=0=0=0',
    });
  });

  it('never writes the card number: the file bytes (database and WAL) hold brand and last 4 only', async () => {
    const file = freshFile();
    const handle = await boot(file, { card: { brand: 'VISA', last4: '1881' } });
    const pan = handle.sim.cardNumber;
    expect(pan).toMatch(/^\d{16}$/);
    for (let i = 1; i <= 5; i++) await sale(handle.host, `PAN-SCAN-${i}`, 1000 + i);
    await voidOf(handle, 'PAN-SCAN-2');
    // The simulator does hold the number in memory for this run's sales; the file must not.
    expect(handle.sim.transactions.get('PAN-SCAN-1')?.pan).toBe(pan);
    const files = readdirSync(scratch).filter((name) => name.startsWith(file.split('/').at(-1)!));
    expect(files.length).toBeGreaterThanOrEqual(2); // the database and its WAL
    const bytes = Buffer.concat(files.map((name) => readFileSync(join(scratch, name))));
    expect(bytes.includes(Buffer.from('1881'))).toBe(true);
    expect(bytes.includes(Buffer.from(pan))).toBe(false);
    expect(bytes.includes(Buffer.from(pan.slice(0, 12)))).toBe(false);
  });

  it('refuses a file that is not SQLite, and a read-only open of a file without the tables', () => {
    const junk = join(scratch, 'junk.db');
    writeFileSync(junk, 'this is not a database, just forty-odd bytes of text\n'.repeat(4));
    expect(() => TerminalRecords.open(junk)).toThrow(
      expect.objectContaining({ code: 'TERMINAL_RECORDS_UNREADABLE' }) as Error,
    );
    const empty = join(scratch, 'empty.db');
    TerminalRecords.open(empty).close();
    expect(() => TerminalRecords.open(join(scratch, 'missing.db'), { readonly: true })).toThrow(
      /not a payment terminal records file/,
    );
    const readonly = TerminalRecords.open(empty, { readonly: true });
    try {
      expect(readonly.current()).toEqual([]);
      let caught: unknown;
      try {
        readonly.append({
          reference: 'R-1',
          state: 'APPROVED',
          resultCode: '000000',
          amountCents: 1,
          authCode: '',
          brand: 'VISA',
          last4: '4242',
          terminalRef: 'T000001',
          batch: 1,
          at: '2026-11-29T15:00:00.000Z',
        });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(Error);
      expect(isGuichetError(caught)).toBe(false);
    } finally {
      readonly.close();
    }
  });
});
