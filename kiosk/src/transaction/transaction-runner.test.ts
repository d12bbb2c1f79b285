// Citizen transactions end to end on the kiosk: the real PaymentTerminal driver against the terminal
// simulator, the real ReceiptPrinter against the printer simulator over TCP, the fleet link (socket.io) to an
// in-process hub that keeps the contract. Each case checks the terminal's own records: never two charges,
// never a charge without a commit.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import type { TxDetails } from '@guichet/shared';
import { TransactionRig, type RigOptions } from '../test-support/transaction-rig';

const STICKER: TxDetails = {
  serviceId: 'vehicle-sticker-renewal',
  plate: 'CBKR 417',
  licenceNumber: 'D6101-40706-60905',
};
const ADDRESS: TxDetails = {
  serviceId: 'change-of-address',
  licenceNumber: 'D6101-40706-60905',
  healthCardNumber: '9876543217',
  outdoorsCardNumber: '708158000123456',
  newAddress: { street: '112 Rideau Street', city: 'Ottawa', province: 'ON', postalCode: 'K1N 5X6' },
};

let rig: TransactionRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

async function ready(options: RigOptions = {}): Promise<TransactionRig> {
  rig = await new TransactionRig(options).start();
  await rig.ready();
  return rig;
}

describe('a citizen transaction', () => {
  it('approve: quote, sale, commit, receipt (fee separate, brand and last 4, auth code, txId), telemetry without personal data', async () => {
    const rig = await ready();
    const session = await rig.transactions.begin('vehicle-sticker-renewal', 'fr');
    const seen: string[] = [];
    session.onChange((r) => seen.push(r.state));
    await session.enterDetails(STICKER);
    expect(session.hasDetails).toBe(true);
    const quoted = await session.quote();
    expect(quoted.quote).toMatchObject({ serviceCents: 12_000, feeCents: 100, totalCents: 12_100 });
    const done = await session.pay();
    expect(done).toMatchObject({
      state: 'completed',
      receipt: 'printed',
      payment: { brand: 'visa', last4: '4242', authCode: 'A00001', terminalReference: '1' },
      committed: { deliveries: [{ ministryId: 'transportation', status: 'done' }] },
    });
    expect(seen).toEqual([
      'identifying',
      'quoting',
      'quoting',
      'paying',
      'authorized',
      'committing',
      'printing',
      'completed',
    ]);
    expect(session.hasDetails).toBe(false);
    expect(rig.terminalSim.transactions.get(session.txId)).toMatchObject({ state: 'APPROVED', amountCents: 12_100 });
    expect(rig.salesSent(session.txId)).toBe(1);
    expect(rig.hub.state(session.txId)).toBe('committed');
    expect(rig.chargedWithoutCommit()).toEqual([]);

    const text = rig.printerSim.text();
    expect(text).toContain('Renouvellement de la vignette');
    expect(text).toMatch(/Montant \/ Amount\s+120,00 \$/);
    expect(text).toMatch(/Frais de service \/ Convenience fee\s+1,00 \$/);
    expect(text).toMatch(/Total\s+121,00 \$/);
    expect(text).toMatch(new RegExp(`Transaction\\s+${session.txId}`));
    expect(text).toContain('VISA ****4242');
    expect(text).toContain('A00001');
    expect(text).toContain(session.txId);
    expect(text).toContain(`TRA-${session.txId.slice(-8)}`);
    expect(text).not.toContain('D6101');

    // The journal went through every step in order, each written before the effect it enabled.
    expect(rig.transactions.journal.steps(session.txId).map((s) => s.toState)).toEqual([
      'selecting',
      'identifying',
      'identifying',
      'quoting',
      'quoting',
      'paying',
      'authorized',
      'committing',
      'printing',
      'completed',
    ]);
    const telemetry = await eventually('the outcome reaches the fleet', () =>
      rig.hub.telemetry.find((r) => r.kind === 'transaction.completed'),
    );
    expect(telemetry.data).toMatchObject({
      serviceId: 'vehicle-sticker-renewal',
      outcome: 'completed',
      totalCents: 12_100,
      feeCents: 100,
      charged: true,
    });
    expect(JSON.stringify(rig.hub.telemetry)).not.toMatch(/CBKR|D6101|4242/);
  });

  it('keeps no personal data: details are dropped at the end and never reach the journal file', async () => {
    const rig = await ready();
    const session = await rig.transactions.begin('change-of-address', 'en');
    await session.enterDetails(ADDRESS);
    await session.quote();
    expect(session.hasDetails).toBe(true);
    await session.pay();
    expect(session.hasDetails).toBe(false);
    rig.transactions.stop();
    const bytes = Buffer.concat(
      ['', '-wal']
        .map((suffix) => rig.transactions.journal.file + suffix)
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f)),
    ).toString('latin1');
    expect(bytes).toContain(session.txId);
    for (const secret of ['D6101', '9876543217', '708158000123456', 'Rideau', 'K1N'])
      expect(bytes).not.toContain(secret);
    // Recreate so afterEach can stop the rig cleanly.
    await rig.restart();
  });

  it('free change of address: no sale, committed to three ministries, the one that is down queued, on the receipt', async () => {
    const rig = await ready();
    rig.hub.downMinistries.add('health');
    const session = await rig.transactions.begin('change-of-address', 'en');
    await session.enterDetails(ADDRESS);
    expect((await session.quote()).quote?.totalCents).toBe(0);
    const done = await session.pay();
    expect(done.state).toBe('completed');
    expect(done.payment).toBeUndefined();
    expect(done.committed?.deliveries.map((d) => [d.ministryId, d.status])).toEqual([
      ['transportation', 'done'],
      ['health', 'queued'],
      ['natural-resources', 'done'],
    ]);
    expect(rig.transactions.journal.steps(session.txId).map((s) => s.toState)).not.toContain('paying');
    expect(rig.terminalSim.received.filter((m) => m.name === 'creditRequest')).toEqual([]);
    const text = rig.printerSim.text();
    expect(text).toContain('Ministry of Health: queued, will be sent');
    expect(text).toContain('Ministry of Transportation: done');
    expect(text).toContain('No charge / Sans frais');
  });

  it.each([
    ['decline', 'declined'],
    ['insufficient-funds', 'insufficient-funds'],
    ['pin-timeout', 'pin-timeout'],
  ] as const)('%s at the PIN pad: declined, cancelled at the hub, not charged', async (script, code) => {
    const rig = await ready({ terminal: { script } });
    const session = await rig.transactions.begin('driver-record-abstract', 'en');
    await session.enterDetails({ serviceId: 'driver-record-abstract', licenceNumber: 'D6101-40706-60905' });
    await session.quote();
    const done = await session.pay();
    expect(done).toMatchObject({ state: 'declined', reason: 'declined', code, hubCancel: 'done' });
    expect(rig.hub.state(session.txId)).toBe('cancelled');
    expect(rig.terminalSim.transactions.get(session.txId)?.state).toBe('DECLINED');
    expect(rig.chargedWithoutCommit()).toEqual([]);
    // The next citizen can start at once.
    expect((await rig.transactions.begin('driver-record-abstract', 'en')).state).toBe('identifying');
  });

  it('terminal timeout mid-sale: unknown, settled with cancelUnknownSale (query, reverse), voided, not charged', async () => {
    const rig = await ready({ terminal: { fault: 'drop-after-auth' } });
    const session = await rig.transactions.begin('outdoors-card-renewal', 'en');
    await session.enterDetails({ serviceId: 'outdoors-card-renewal', outdoorsCardNumber: '708158000123456' });
    await session.quote();
    const done = await session.pay();
    expect(done).toMatchObject({ state: 'voided', code: 'reversed' });
    expect(rig.transactions.journal.steps(session.txId).map((s) => s.toState)).toEqual(
      expect.arrayContaining(['paying', 'needs-resolution', 'voided']),
    );
    expect(rig.terminalSim.transactions.get(session.txId)?.state).toBe('REVERSED');
    expect(rig.salesSent(session.txId)).toBe(1);
    expect(rig.hub.state(session.txId)).toBe('cancelled');
    expect(rig.chargedWithoutCommit()).toEqual([]);
  });

  it('ministry refuses after authorization: the sale is voided and the hub cancel acknowledged', async () => {
    const rig = await ready();
    rig.hub.refuseCommit = { code: 'MINISTRY_REFUSED', message: 'plate under suspension' };
    const session = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await session.enterDetails(STICKER);
    await session.quote();
    const done = await session.pay();
    expect(done).toMatchObject({ state: 'voided', reason: 'ministry-refused', code: 'MINISTRY_REFUSED' });
    expect(rig.terminalSim.transactions.get(session.txId)?.state).toBe('REVERSED');
    expect(rig.chargedWithoutCommit()).toEqual([]);
    expect(rig.printerSim.receipts()).toEqual([]);
  });

  it('paper out mid-receipt: completed with receipt failed; reprint(txId) prints it from the journal', async () => {
    const rig = await ready({ printCompletionMs: 600 });
    rig.printerSim.inject({ paperEndAfterBytes: 120 });
    const session = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await session.enterDetails(STICKER);
    await session.quote();
    const done = await session.pay();
    expect(done).toMatchObject({ state: 'completed', receipt: 'failed', code: 'PRINTER_PRINT_FAILED' });
    expect(rig.hub.state(session.txId)).toBe('committed');
    expect(rig.printerSim.receipts()).toEqual([]);
    rig.printerSim.inject({ paper: 'ok' });
    const reprinted = await rig.transactions.reprint(session.txId);
    expect(reprinted).toMatchObject({ state: 'completed', receipt: 'printed' });
    expect(rig.printerSim.receipts()).toHaveLength(1);
    expect(rig.printerSim.text()).toContain(session.txId);
    expect(rig.transactions.get(session.txId)?.receipt).toBe('printed');
    await expect(rig.transactions.reprint('00000000000000000000')).rejects.toMatchObject({ code: 'TX_UNKNOWN' });
  });

  it('commit answer lost (the hub committed): asks tx.status, completes and prints; charged once', async () => {
    const rig = await ready({ hubTimeoutMs: 300 });
    rig.hub.commitFault = 'drop-answer';
    const session = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await session.enterDetails(STICKER);
    await session.quote();
    const done = await session.pay();
    expect(done).toMatchObject({ state: 'completed', receipt: 'printed', code: 'LINK_TIMEOUT' });
    expect(rig.hub.calls.filter((c) => c.txId === session.txId).map((c) => c.event)).toEqual([
      'quote',
      'commit',
      'status',
    ]);
    expect(rig.terminalSim.transactions.get(session.txId)?.state).toBe('APPROVED');
    expect(rig.chargedWithoutCommit()).toEqual([]);
  });

  it('commit lost on the way (the hub never committed): status, cancel at the hub first, then void', async () => {
    const rig = await ready({ hubTimeoutMs: 300 });
    rig.hub.commitFault = 'drop-request';
    const session = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await session.enterDetails(STICKER);
    await session.quote();
    rig.hub.commitFault = 'drop-request';
    const done = await session.pay();
    expect(done.state).toBe('voided');
    expect(rig.hub.calls.filter((c) => c.txId === session.txId).map((c) => c.event)).toEqual([
      'quote',
      'commit',
      'status',
      'cancel',
      'cancel',
    ]);
    expect(rig.hub.state(session.txId)).toBe('cancelled');
    expect(rig.terminalSim.transactions.get(session.txId)?.state).toBe('REVERSED');
    expect(rig.chargedWithoutCommit()).toEqual([]);
  });

  it('commit in doubt at the ministry: asks tx.status while the hub says retry, never voids; ends as the hub decides', async () => {
    const rig = await ready();
    rig.hub.commitInDoubt = true;
    const calls = (txId: string, event: string) => rig.hub.calls.filter((c) => c.txId === txId && c.event === event);
    const landed = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await landed.enterDetails(STICKER);
    await landed.quote();
    expect((await landed.pay()).state).toBe('committing');
    for (let round = 2; round <= 4; round++) {
      rig.timers.fireAll();
      await eventually('the kiosk asks tx.status again', () => calls(landed.txId, 'status').length === round);
      await eventually('the next retry is scheduled', () => rig.timers.size === 1);
      expect(landed.state).toBe('committing');
    }
    expect(calls(landed.txId, 'cancel')).toEqual([]);
    expect(rig.terminalSim.transactions.get(landed.txId)?.state).toBe('APPROVED');
    rig.hub.settleInDoubt(landed.txId, 'committed');
    rig.timers.fireAll();
    expect(await landed.settled()).toMatchObject({ state: 'completed', receipt: 'printed' });
    expect(calls(landed.txId, 'commit')).toHaveLength(1);

    // The ministry never had it: the sale is voided only once the hub has refused it.
    const lost = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await lost.enterDetails(STICKER);
    await lost.quote();
    expect((await lost.pay()).state).toBe('committing');
    expect(rig.terminalSim.transactions.get(lost.txId)?.state).toBe('APPROVED');
    rig.hub.settleInDoubt(lost.txId, 'refused');
    rig.timers.fireAll();
    expect(await lost.settled()).toMatchObject({ state: 'voided' });
    expect(rig.terminalSim.transactions.get(lost.txId)?.state).toBe('REVERSED');
    expect(rig.chargedWithoutCommit()).toEqual([]);
  });

  it('link lost between sale and commit: the commit is not sent, the sale voided; the hub cancel waits for the hub', async () => {
    const rig = await ready({ terminal: { authorisationMs: 400 } });
    const session = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await session.enterDetails(STICKER);
    await session.quote();
    session.onChange((r) => {
      if (r.state === 'paying') void rig.hub.stop();
    });
    const paying = session.pay();
    await eventually('the link is down', () => !rig.link.connected);
    const done = await paying;
    expect(done).toMatchObject({ state: 'voided', code: 'LINK_DOWN', hubCancel: 'pending' });
    expect(rig.terminalSim.transactions.get(session.txId)?.state).toBe('REVERSED');
    // The hub comes back; the owed cancel goes out on the next retry.
    await rig.hub.start();
    await eventually('the kiosk link is back', () => rig.link.connected);
    rig.timers.fireAll();
    expect((await session.resolved()).hubCancel).toBe('done');
    expect(rig.hub.state(session.txId)).toBe('cancelled');
    expect(rig.chargedWithoutCommit()).toEqual([]);
  });

  it('cancel while quoting cancels at the hub; bad details are refused and change nothing; one transaction at a time', async () => {
    const rig = await ready();
    const session = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await expect(
      session.enterDetails({ serviceId: 'vehicle-sticker-renewal', plate: '!', licenceNumber: 'x' }),
    ).rejects.toMatchObject({
      code: 'TX_INVALID_DETAILS',
    });
    await expect(
      session.enterDetails({ serviceId: 'driver-record-abstract', licenceNumber: 'D6101-40706-60905' }),
    ).rejects.toMatchObject({
      code: 'TX_INVALID_DETAILS',
    });
    expect(session.state).toBe('identifying');
    expect(session.hasDetails).toBe(false);
    await expect(session.quote()).rejects.toMatchObject({ code: 'TX_ILLEGAL_TRANSITION' });
    await expect(rig.transactions.begin('driver-record-abstract', 'en')).rejects.toMatchObject({ code: 'TX_BUSY' });
    await session.enterDetails(STICKER);
    await session.quote();
    await expect(session.cancel()).resolves.toMatchObject({
      state: 'cancelled',
      reason: 'citizen-cancelled',
      hubCancel: 'done',
    });
    expect(rig.hub.state(session.txId)).toBe('cancelled');
    expect(session.hasDetails).toBe(false);
    await expect(session.pay()).rejects.toMatchObject({ code: 'TX_ILLEGAL_TRANSITION' });
    expect(rig.terminalSim.received).toEqual([]);
  });

  it('a quote the ministry refuses ends the transaction; an expired quote is not paid', async () => {
    const rig = await ready();
    rig.hub.refuseQuote = { code: 'MINISTRY_REFUSED', message: 'no such plate' };
    const refused = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await refused.enterDetails(STICKER);
    expect(await refused.quote()).toMatchObject({ state: 'cancelled', code: 'MINISTRY_REFUSED' });
    rig.hub.refuseQuote = undefined;
    const late = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await late.enterDetails(STICKER);
    await late.quote();
    rig.nowMs += 11 * 60_000;
    await expect(late.pay()).rejects.toMatchObject({ code: 'TX_QUOTE_EXPIRED' });
    expect(late.state).toBe('cancelled');
    expect(rig.terminalSim.received).toEqual([]);
  });

  it('refuses to start a sale the quote could expire during (sale timeout + margin left), before any charge', async () => {
    // The terminal may take its whole sale timeout (120 s) to answer; the default margin beyond it is 30 s.
    const rig = await ready({ saleTimeoutMs: 120_000 });
    const short = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await short.enterDetails(STICKER);
    const quoted = await short.quote();
    const expiresAtMs = Date.parse(quoted.quote?.expiresAt ?? '');
    rig.nowMs = expiresAtMs - 150_000;
    await expect(short.pay()).rejects.toMatchObject({
      code: 'TX_QUOTE_EXPIRED',
      details: { leftMs: 150_000, neededMs: 150_000 },
    });
    expect(short.state).toBe('cancelled');
    expect(rig.hub.state(short.txId)).toBe('cancelled');
    expect(rig.terminalSim.received).toEqual([]);
    // One millisecond more on the quote and the sale goes ahead.
    const enough = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await enough.enterDetails(STICKER);
    const again = await enough.quote();
    rig.nowMs = Date.parse(again.quote?.expiresAt ?? '') - 150_001;
    await expect(enough.pay()).resolves.toMatchObject({ state: 'completed' });
    expect(rig.hub.state(enough.txId)).toBe('committed');
  });
});
