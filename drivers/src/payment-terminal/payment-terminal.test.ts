// Device API against the payment-terminal simulator over an in-memory cable: scripted card holder, faults,
// and the unknown-outcome resolution (query, then reversal). The pty version is payment-terminal.pty.test.ts.
// Time is vitest's fake time (Date included), moved on to the next due timer whenever the test is idle: the
// driver's timeouts and the simulator's delays keep their order and nobody waits for them; elapsed times
// measured with Date.now() are virtual.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { isGuichetError } from '@guichet/shared';
import { DeviceHealth } from '../device-health';
import { PaymentTerminalSimulator } from '../sim/payment-terminal/terminal-simulator';
import type { CardholderScript, TerminalFault, WhileAuthorising } from '../sim/payment-terminal/cardholder-scripts';
import { decodeMessage } from './message-codec';
import type { MessageFields } from './message-table';
import { rawResponse } from './poslink-fixtures';
import { MemoryTransport } from '../transport/memory-transport';
import { TerminalLink } from './terminal-link';
import { FrameDecoder } from './frame-codec';
import { PaymentTerminal, type PaymentTerminalOptions } from './payment-terminal';
import type { SaleResolution } from './payment-results';

describe('PaymentTerminal against the simulator', () => {
  let terminal: PaymentTerminal | undefined;
  let sim: PaymentTerminalSimulator | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setTimerTickMode('nextTimerAsync');
  });
  afterEach(async () => {
    await terminal?.close();
    await sim?.stop();
    vi.useRealTimers();
  });

  async function setUp(
    options: {
      script?: CardholderScript;
      fault?: TerminalFault;
      authorisationMs?: number;
      whileAuthorising?: WhileAuthorising;
      driver?: Partial<PaymentTerminalOptions>;
    } = {},
  ): Promise<{ terminal: PaymentTerminal; sim: PaymentTerminalSimulator }> {
    const [host, device] = MemoryTransport.pair();
    const { driver, ...simOptions } = options;
    sim = new PaymentTerminalSimulator(device, { ...simOptions, lateMs: 900, processingMs: 5, ackTimeoutMs: 150 });
    await sim.start();
    terminal = new PaymentTerminal({
      transport: host,
      ackTimeoutMs: 150,
      saleTimeoutMs: 600,
      responseTimeoutMs: 600,
      ...driver,
    });
    await terminal.open();
    return { terminal, sim };
  }

  it('approves a sale: auth code, brand, last 4 and terminal reference; health ok and schema-valid', async () => {
    const { terminal } = await setUp({ script: 'approve' });
    const result = await terminal.sale({ amountCents: 4275, reference: 'K17-000001' });
    expect(result).toEqual({
      outcome: 'approved',
      reference: 'K17-000001',
      amountCents: 4275,
      authCode: 'A00001',
      brand: 'visa',
      last4: '4242',
      terminalReference: '1',
    });
    expect(DeviceHealth.parse(terminal.currentHealth()).state).toBe('ok');
    expect(await terminal.status()).toMatchObject({ state: 'ok' });
  });

  it.each([
    ['decline', 'declined'],
    ['insufficient-funds', 'insufficient-funds'],
    ['pin-timeout', 'pin-timeout'],
    ['card-removed', 'card-removed'],
  ] as const)('script %s is a definitive decline with reason %s', async (script, reason) => {
    const { terminal } = await setUp({ script });
    expect(await terminal.sale({ amountCents: 100, reference: 'R-1' })).toMatchObject({ outcome: 'declined', reason });
  });

  it('is idempotent by reference: a repeated sale returns the first result and charges once', async () => {
    const { terminal, sim } = await setUp();
    const first = await terminal.sale({ amountCents: 500, reference: 'R-IDEM' });
    sim.script = 'decline';
    expect(await terminal.sale({ amountCents: 500, reference: 'R-IDEM' })).toEqual(first);
    expect(sim.transactions.size).toBe(1);
  });

  it('an answer after the timeout gives unknown (never declined); query says approved; reversal reverses', async () => {
    const { terminal, sim } = await setUp({ fault: 'late' });
    const sale = await terminal.sale({ amountCents: 1999, reference: 'R-LATE' });
    expect(sale).toMatchObject({ outcome: 'unknown', reason: 'response-timeout' });
    expect(terminal.currentHealth().state).toBe('offline');
    sim.fault = 'none';
    expect(await terminal.queryTransaction('R-LATE')).toMatchObject({
      state: 'approved',
      amountCents: 1999,
      brand: 'visa',
      last4: '4242',
    });
    expect(await terminal.reverse('R-LATE')).toEqual({ outcome: 'reversed', reference: 'R-LATE' });
    expect(await terminal.queryTransaction('R-LATE')).toMatchObject({ state: 'reversed' });
    expect(await terminal.reverse('R-LATE')).toEqual({ outcome: 'reversed', reference: 'R-LATE' });
    expect(terminal.currentHealth().state).toBe('ok');
  });

  it('drop after authorisation gives unknown, and the query finds it approved', async () => {
    const { terminal, sim } = await setUp({ fault: 'drop-after-auth' });
    expect(await terminal.sale({ amountCents: 800, reference: 'R-DROP' })).toMatchObject({ outcome: 'unknown' });
    sim.fault = 'none';
    expect(await terminal.queryTransaction('R-DROP')).toMatchObject({ state: 'approved' });
  });

  it('no answer at all (no ACK) gives unknown with reason no-ack and offline health', async () => {
    const { terminal } = await setUp({ fault: 'no-answer' });
    expect(await terminal.sale({ amountCents: 800, reference: 'R-SILENT' })).toMatchObject({
      outcome: 'unknown',
      reason: 'no-ack',
    });
    expect(terminal.currentHealth()).toMatchObject({ state: 'offline', code: 'PAYMENT_LINK_NO_ACK' });
    await expect(terminal.queryTransaction('R-SILENT')).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'PAYMENT_LINK_NO_ACK'),
    );
  });

  it('a NAK storm is a typed PAYMENT_LINK_NAK failure (nothing was charged) and fault health', async () => {
    const { terminal, sim } = await setUp({ fault: 'nak-storm' });
    await expect(terminal.sale({ amountCents: 800, reference: 'R-NAK' })).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'PAYMENT_LINK_NAK'),
    );
    expect(sim.transactions.size).toBe(0);
    expect(terminal.currentHealth()).toMatchObject({ state: 'fault', code: 'PAYMENT_LINK_NAK' });
  });

  it('a link lost during a resend (the terminal may have the sale) gives unknown link-lost, never a throw', async () => {
    // The terminal receives the sale but its ACK is lost; the driver resends; then the USB-serial adapter drops.
    const [host, device] = MemoryTransport.pair();
    await device.open();
    const decoder = new FrameDecoder();
    let frames = 0;
    device.onData((chunk) => {
      for (const event of decoder.push(chunk)) if (event.kind === 'frame' && ++frames === 2) void host.close();
    });
    terminal = new PaymentTerminal({ transport: host, ackTimeoutMs: 100, saleTimeoutMs: 1000 });
    await terminal.open();
    expect(await terminal.sale({ amountCents: 2500, reference: 'R-LOST' })).toEqual({
      outcome: 'unknown',
      reference: 'R-LOST',
      amountCents: 2500,
      reason: 'link-lost',
    });
    expect(frames).toBe(2);
    expect(terminal.currentHealth()).toMatchObject({ state: 'offline', code: 'PAYMENT_LINK_LOST' });
  });

  it('a link lost while waiting for the answer gives unknown link-lost at once, not after the sale timeout', async () => {
    const { terminal, sim } = await setUp({ fault: 'drop-after-auth' });
    const started = Date.now();
    const sale = terminal.sale({ amountCents: 700, reference: 'R-UNPLUG' });
    // The in-memory cable delivers on microtasks: the sale reaches the terminal without a timer running (an idle
    // macrotask would move fake time on to the sale timeout).
    for (let turns = 0; turns < 1000 && sim.transactions.size === 0; turns++) await Promise.resolve();
    expect(sim.transactions.size).toBe(1); // authorised; its answer will never come
    await terminal.close();
    expect(await sale).toMatchObject({ outcome: 'unknown', reason: 'link-lost' });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('a reversal lost on the link is unknown; a sale or reversal on a closed port throws TRANSPORT_CLOSED (nothing sent)', async () => {
    const [host, device] = MemoryTransport.pair();
    await device.open();
    device.onData(() => void host.close());
    terminal = new PaymentTerminal({ transport: host, ackTimeoutMs: 100, responseTimeoutMs: 1000 });
    await terminal.open();
    expect(await terminal.reverse('R-VOID')).toEqual({ outcome: 'unknown', reference: 'R-VOID', reason: 'link-lost' });
    await expect(terminal.sale({ amountCents: 100, reference: 'R-CLOSED' })).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'TRANSPORT_CLOSED'),
    );
    await expect(terminal.reverse('R-CLOSED')).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'TRANSPORT_CLOSED'),
    );
  });

  it('garbage bytes on the line do not prevent an approval', async () => {
    const { terminal } = await setUp({ fault: 'garbage' });
    expect(await terminal.sale({ amountCents: 300, reference: 'R-NOISE' })).toMatchObject({ outcome: 'approved' });
  });

  it('reversal of an unknown reference is not-found; of a declined one refused; batch totals count approved only', async () => {
    const { terminal, sim } = await setUp();
    await terminal.sale({ amountCents: 1000, reference: 'B-1' });
    await terminal.sale({ amountCents: 2500, reference: 'B-2' });
    sim.script = 'decline';
    await terminal.sale({ amountCents: 9900, reference: 'B-3' });
    expect(await terminal.reverse('NOPE')).toEqual({ outcome: 'not-found', reference: 'NOPE' });
    expect(await terminal.reverse('B-3')).toMatchObject({ outcome: 'refused' });
    expect(await terminal.queryTransaction('NOPE')).toEqual({ reference: 'NOPE', state: 'not-found' });
    expect(await terminal.batchTotals()).toEqual({ batchNumber: 1, count: 2, totalCents: 3500 });
    expect(await terminal.batchTotals()).toEqual({ batchNumber: 2, count: 0, totalCents: 0 });
  });

  it('refuses a bad amount or reference before anything is sent', async () => {
    const { terminal, sim } = await setUp();
    await expect(terminal.sale({ amountCents: 12.5, reference: 'R' })).rejects.toMatchObject({
      code: 'PAYMENT_BAD_AMOUNT',
    });
    await expect(terminal.sale({ amountCents: 100, reference: 'bad ref!' })).rejects.toMatchObject({
      code: 'PAYMENT_BAD_REFERENCE',
    });
    await expect(terminal.reverse('')).rejects.toMatchObject({ code: 'PAYMENT_BAD_REFERENCE' });
    expect(sim.received).toHaveLength(0);
  });

  it('status: Initialize answered OK is ok, an error code fault, no answer (busy) offline, a closed port offline', async () => {
    const { terminal, sim } = await setUp();
    expect(await terminal.status()).toMatchObject({ state: 'ok' });
    sim.terminalState = 'BUSY';
    expect(await terminal.status()).toMatchObject({ state: 'offline', code: 'PAYMENT_TERMINAL_NO_ANSWER' });
    sim.terminalState = 'ERROR';
    const health = await terminal.status();
    expect(health).toMatchObject({ state: 'fault', code: 'PAYMENT_TERMINAL_ERROR' });
    expect(terminal.currentHealth()).toEqual(health);
    await terminal.close();
    expect(terminal.currentHealth()).toMatchObject({ state: 'offline', code: 'PAYMENT_TERMINAL_DISCONNECTED' });
  });

  it('a result code the table does not know gives unknown, never declined', async () => {
    const [host, device] = MemoryTransport.pair();
    await device.open();
    const peer = new TerminalLink(device);
    peer.start();
    peer.onMessage(() => {
      // The test closes this end as soon as the sale returns, possibly before our ACK arrives.
      peer
        .send(rawResponse('creditResponse', { transType: '01', resultCode: '987654', reference: 'R-ODD' }))
        .catch(() => undefined);
    });
    terminal = new PaymentTerminal({ transport: host, ackTimeoutMs: 150, saleTimeoutMs: 1000 });
    await terminal.open();
    expect(await terminal.sale({ amountCents: 100, reference: 'R-ODD' })).toMatchObject({
      outcome: 'unknown',
      reason: 'unknown-code',
    });
    await device.close();
  });

  /**
   * A hand-driven terminal that answers each credit request (sale or void) with `answer(request)` over an
   * approval of it, and each lookup with an approved sale numbered 1 (no void). The answer is framed as is,
   * without the schema, so a test can send fields it refuses.
   */
  async function answeringPeer(
    answer: (request: MessageFields<'creditRequest'>) => Record<string, string>,
    options: { saleTimeoutMs?: number } = {},
  ): Promise<{ terminal: PaymentTerminal; requests: string[]; peer: TerminalLink }> {
    const [host, device] = MemoryTransport.pair();
    await device.open();
    const peer = new TerminalLink(device);
    peer.start();
    const requests: string[] = [];
    peer.onMessage((payload) => {
      const message = decodeMessage(payload);
      if (message.name === 'reportRequest') {
        const record =
          message.fields.transType === '01'
            ? rawResponse('reportResponse', {
                resultCode: '000000',
                totalRecords: '1',
                transType: '01',
                approvedCents: '2500',
                transactionNumber: '1',
                reference: message.fields.reference,
              })
            : rawResponse('reportResponse', { resultCode: '100023', resultMessage: 'NOT FOUND' });
        peer.send(record).catch(() => undefined);
        return;
      }
      if (message.name !== 'creditRequest') return;
      requests.push(
        `${message.fields.transType}:${message.fields.reference}:${message.fields.amountCents}:${message.fields.origTransactionNumber}`,
      );
      const fields: Record<string, string> = {
        transType: message.fields.transType,
        resultCode: '000000',
        hostCode: '00',
        reference: message.fields.reference,
        approvedCents: message.fields.amountCents,
        authCode: 'A1',
        cardType: '01',
        account: '4242',
        transactionNumber: '1',
        ...answer(message.fields),
      };
      peer.send(rawResponse('creditResponse', fields)).catch(() => undefined);
    });
    terminal = new PaymentTerminal({
      transport: host,
      ackTimeoutMs: 150,
      saleTimeoutMs: options.saleTimeoutMs ?? 1000,
      responseTimeoutMs: 1000,
    });
    await terminal.open();
    return { terminal, requests, peer };
  }

  it('an approval for another amount is unknown (amount-mismatch, to be reversed), never approved', async () => {
    const { terminal } = await answeringPeer((request): Record<string, string> =>
      request.transType === '01' ? { approvedCents: '100' } : {},
    );
    expect(await terminal.sale({ amountCents: 2500, reference: 'R-PART' })).toEqual({
      outcome: 'unknown',
      reference: 'R-PART',
      amountCents: 2500,
      reason: 'amount-mismatch',
      terminalAmountCents: 100,
      terminalReference: '1',
    });
  });

  it.each([
    ['000002', 'partially-approved'],
    ['100023', 'not-found'],
    ['100011', 'refused'],
    ['987654', 'unknown-code'],
  ])('a sale answered %s is unknown (%s), not declined', async (resultCode, reason) => {
    const { terminal } = await answeringPeer(() => ({ resultCode, authCode: '' }));
    expect(await terminal.sale({ amountCents: 100, reference: 'R-CODE' })).toMatchObject({
      outcome: 'unknown',
      reason,
    });
  });

  it('a reference reused with another amount, or after a reversal, is refused with PAYMENT_REFERENCE_REUSED and nothing sent', async () => {
    const { terminal, requests } = await answeringPeer(() => ({}));
    expect(await terminal.sale({ amountCents: 2500, reference: 'R-ONCE' })).toMatchObject({
      outcome: 'approved',
      amountCents: 2500,
    });
    await expect(terminal.sale({ amountCents: 9999, reference: 'R-ONCE' })).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'PAYMENT_REFERENCE_REUSED'),
    );
    expect(await terminal.sale({ amountCents: 2500, reference: 'R-ONCE' })).toMatchObject({ outcome: 'approved' });
    expect(await terminal.reverse('R-ONCE')).toEqual({ outcome: 'reversed', reference: 'R-ONCE' });
    await expect(terminal.sale({ amountCents: 2500, reference: 'R-ONCE' })).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'PAYMENT_REFERENCE_REUSED'),
    );
    // The void names the sale's terminal transaction number, found by its ECR reference (R02).
    expect(requests).toEqual(['01:R-ONCE:2500:', '16:R-ONCE::1']);
  });

  it('a reference whose sale was unknown cannot be retried with another amount either', async () => {
    const { terminal } = await setUp({ fault: 'drop-after-auth' });
    expect(await terminal.sale({ amountCents: 500, reference: 'R-RETRY' })).toMatchObject({ outcome: 'unknown' });
    await expect(terminal.sale({ amountCents: 600, reference: 'R-RETRY' })).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'PAYMENT_REFERENCE_REUSED'),
    );
  });

  it.each([
    ['a card type that is not two digits', { cardType: 'DISCOVER' }],
    ['a full card number', { account: '4242424242424242' }],
  ])('an answer with %s is unknown (invalid-answer) at once, not after the sale timeout', async (_what, invalid) => {
    const { terminal } = await answeringPeer(() => invalid, { saleTimeoutMs: 10_000 });
    const started = Date.now();
    expect(await terminal.sale({ amountCents: 2500, reference: 'R-ODDITY' })).toEqual({
      outcome: 'unknown',
      reference: 'R-ODDITY',
      amountCents: 2500,
      reason: 'invalid-answer',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(terminal.currentHealth()).toMatchObject({ state: 'warning', code: 'PAYMENT_MESSAGE_INVALID' });
  });

  it('a void answered with an invalid card field is still read from its valid result code', async () => {
    const { terminal } = await answeringPeer(() => ({ cardType: 'DISCOVER' }), { saleTimeoutMs: 10_000 });
    expect(await terminal.reverse('R-DISC')).toEqual({ outcome: 'reversed', reference: 'R-DISC' });
    expect(await terminal.reverse('R-DISC2')).toMatchObject({ outcome: 'reversed' });
  });

  it('an invalid answer whose reference cannot be read is not taken for ours', async () => {
    const { terminal } = await answeringPeer(() => ({ reference: 'R 1', cardType: 'DISCOVER' }), {
      saleTimeoutMs: 300,
    });
    expect(await terminal.sale({ amountCents: 100, reference: 'R-1' })).toMatchObject({
      outcome: 'unknown',
      reason: 'response-timeout',
    });
  });

  it('a query answered with a field the table refuses fails with PAYMENT_MESSAGE_INVALID at once', async () => {
    const [host, device] = MemoryTransport.pair();
    await device.open();
    const peer = new TerminalLink(device);
    peer.start();
    peer.onMessage(() => {
      peer
        .send(
          rawResponse('reportResponse', {
            resultCode: '000000',
            totalRecords: '1',
            transType: '16',
            approvedCents: '100',
            account: '4242424242424242',
            transactionNumber: '1',
            reference: 'R-Q',
          }),
        )
        .catch(() => undefined);
    });
    terminal = new PaymentTerminal({ transport: host, ackTimeoutMs: 150, responseTimeoutMs: 10_000 });
    await terminal.open();
    const started = Date.now();
    await expect(terminal.queryTransaction('R-Q')).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'PAYMENT_MESSAGE_INVALID'),
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  /** Calls cancelUnknownSale until it settles, waiting as told in between; returns every answer. */
  async function cancelUntilSettled(terminal: PaymentTerminal, reference: string): Promise<SaleResolution[]> {
    const answers: SaleResolution[] = [];
    for (let tries = 0; tries < 50; tries++) {
      const answer = await terminal.cancelUnknownSale(reference);
      answers.push(answer);
      if (answer.outcome === 'not-charged') return answers;
      await vi.advanceTimersByTimeAsync(answer.retryAfterMs);
    }
    throw new Error(`never settled: ${JSON.stringify(answers.slice(-3))}`);
  }

  it.each([
    ['busy', 'no-answer'],
    ['not-found', 'not-found'],
  ] as const)(
    'a terminal still authorising (%s) is not concluded: queried again later, then the approval is reversed',
    async (whileAuthorising, firstReason) => {
      const { terminal, sim } = await setUp({
        authorisationMs: 500,
        whileAuthorising,
        driver: { saleTimeoutMs: 100, responseTimeoutMs: 150, authorisationWindowMs: 3_000, resolveRetryMs: 100 },
      });
      expect(await terminal.sale({ amountCents: 1500, reference: 'R-AUTH' })).toMatchObject({
        outcome: 'unknown',
        reason: 'response-timeout',
      });
      // A lookup while the terminal authorises gets no answer (a PAX terminal in a transaction takes no other
      // command) or not-found: inconclusive, not "never charged".
      if (whileAuthorising === 'busy')
        await expect(terminal.queryTransaction('R-AUTH')).rejects.toSatisfy((error: unknown) =>
          isGuichetError(error, 'PAYMENT_TERMINAL_NO_ANSWER'),
        );
      else expect(await terminal.queryTransaction('R-AUTH')).toMatchObject({ state: 'not-found' });
      const answers = await cancelUntilSettled(terminal, 'R-AUTH');
      expect(answers[0]).toMatchObject({ outcome: 'retry-later', reason: firstReason });
      expect(answers.at(-1)).toEqual({ outcome: 'not-charged', reference: 'R-AUTH', finding: 'reversed' });
      expect(sim.transactions.get('R-AUTH')).toMatchObject({ state: 'REVERSED', amountCents: 1500 });
    },
  );

  it('a reversal asked while the terminal authorises is not taken as final either', async () => {
    const { terminal, sim } = await setUp({
      authorisationMs: 400,
      whileAuthorising: 'busy',
      driver: { saleTimeoutMs: 100, responseTimeoutMs: 200 },
    });
    expect(await terminal.sale({ amountCents: 900, reference: 'R-EARLY' })).toMatchObject({ outcome: 'unknown' });
    expect(await terminal.reverse('R-EARLY')).toEqual({
      outcome: 'unknown',
      reference: 'R-EARLY',
      reason: 'response-timeout',
    });
    await vi.advanceTimersByTimeAsync(400); // the terminal's authorisation time
    expect(sim.transactions.has('R-EARLY')).toBe(true);
    expect(await terminal.reverse('R-EARLY')).toEqual({ outcome: 'reversed', reference: 'R-EARLY' });
  });

  it('a sale the terminal never received is settled as not found only once the authorisation window has passed', async () => {
    const { terminal, sim } = await setUp({
      fault: 'no-answer',
      driver: { authorisationWindowMs: 800, resolveRetryMs: 100 },
    });
    const sentAt = Date.now();
    expect(await terminal.sale({ amountCents: 300, reference: 'R-NEVER' })).toMatchObject({
      outcome: 'unknown',
      reason: 'no-ack',
    });
    sim.fault = 'none';
    const answers = await cancelUntilSettled(terminal, 'R-NEVER');
    expect(answers[0]).toMatchObject({ outcome: 'retry-later', reason: 'not-found' });
    expect(answers.at(-1)).toEqual({ outcome: 'not-charged', reference: 'R-NEVER', finding: 'not-found-after-window' });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(800);
    // The reversal was tried anyway: its lookup by ECR reference found nothing to void, so no VOID was sent.
    expect(sim.received.filter((m) => m.name === 'reportRequest').length).toBeGreaterThanOrEqual(2);
    expect(sim.received.filter((m) => m.name === 'creditRequest' && m.fields.transType === '16')).toHaveLength(0);
  });

  it('settles at once what the terminal says was declined or already reversed, and voids an approval', async () => {
    const { terminal, sim } = await setUp({ script: 'decline', driver: { resolveRetryMs: 100 } });
    await terminal.sale({ amountCents: 100, reference: 'R-DECL' });
    expect(await terminal.cancelUnknownSale('R-DECL')).toEqual({
      outcome: 'not-charged',
      reference: 'R-DECL',
      finding: 'declined',
    });
    sim.script = 'approve';
    await terminal.sale({ amountCents: 100, reference: 'R-APPR' });
    expect(await terminal.cancelUnknownSale('R-APPR')).toEqual({
      outcome: 'not-charged',
      reference: 'R-APPR',
      finding: 'reversed',
    });
    expect(await terminal.cancelUnknownSale('R-APPR')).toEqual({
      outcome: 'not-charged',
      reference: 'R-APPR',
      finding: 'already-reversed',
    });
    // A journal's send time from before a restart is honoured: long past, a not-found is final at once.
    expect(await terminal.cancelUnknownSale('R-OLD', { saleSentAt: new Date(Date.now() - 3_600_000) })).toEqual({
      outcome: 'not-charged',
      reference: 'R-OLD',
      finding: 'not-found-after-window',
    });
  });

  it('logs carry component payment-terminal and never card digits', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    const [host, device] = MemoryTransport.pair();
    sim = new PaymentTerminalSimulator(device, {
      processingMs: 5,
      lateMs: 700,
      card: { brand: 'AMEX', last4: '8431' },
    });
    await sim.start();
    terminal = new PaymentTerminal({
      transport: host,
      ackTimeoutMs: 150,
      saleTimeoutMs: 400,
      responseTimeoutMs: 400,
      log,
    });
    await terminal.open();
    expect(await terminal.sale({ amountCents: 100, reference: 'L-1' })).toMatchObject({ last4: '8431', brand: 'amex' });
    sim.fault = 'late';
    expect(await terminal.sale({ amountCents: 100, reference: 'L-2' })).toMatchObject({ outcome: 'unknown' });
    await vi.advanceTimersByTimeAsync(400); // the late answer (700 ms after the sale) arrives and is logged
    expect(lines.some((line) => line.includes('unexpected message from the terminal ignored'))).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(JSON.parse(line)).toMatchObject({ component: 'payment-terminal' });
      expect(line).not.toMatch(/8431|\*{4}/);
    }
  });
});
