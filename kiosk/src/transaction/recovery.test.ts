// Restart recovery: a journal left in each in-flight state, the world (hub, terminal) as the crash left it,
// a reboot, and the outcome the design specifies — checked against the terminal simulator's own records:
// never two charges, never a charge without a commit, nothing guessed.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import type { TxDetails } from '@guichet/shared';
import { TransactionRig } from '../test-support/transaction-rig';
import { HubClient } from './hub-client';
import { initialRecord, type TxRecord, type TxState } from './transaction-machine';
import { newTxId } from './tx-id';

const STICKER: TxDetails = {
  serviceId: 'vehicle-sticker-renewal',
  plate: 'CBKR 417',
  licenceNumber: 'D6101-40706-60905',
};

let rig: TransactionRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

interface World {
  /** The hub has a quote. */
  quoted?: boolean;
  /** The terminal received the sale (and approved it). */
  sold?: boolean;
  /** The hub committed it. */
  committed?: boolean;
  /** The terminal already reversed it. */
  reversed?: boolean;
}

/** What the kiosk had done before the crash, and the journal row it had written for `state`. */
async function leaveInFlight(rig: TransactionRig, state: TxState, world: World): Promise<TxRecord> {
  const hub = new HubClient({ link: rig.link });
  const txId = newTxId(rig.clock, rig.random);
  const record: TxRecord = {
    ...initialRecord(txId, 'vehicle-sticker-renewal', 'en', rig.clock()),
    state,
    detailsEntered: true,
  };
  if (world.quoted) {
    const quote = await hub.quote({ txId, lang: 'en', details: STICKER });
    if (quote.kind !== 'ok') throw new Error('quote failed');
    const { serviceCents, feeCents, totalCents, expiresAt, lines } = quote.value;
    record.quote = { serviceCents, feeCents, totalCents, expiresAt, lines };
  }
  if (['paying', 'authorized', 'committing', 'printing', 'voiding', 'needs-resolution'].includes(state))
    record.saleSentAt = rig.clock().toISOString();
  if (world.sold) {
    const sale = await rig.terminal.sale({ amountCents: record.quote!.totalCents, reference: txId });
    if (sale.outcome !== 'approved') throw new Error('sale failed');
    if (!['paying', 'needs-resolution'].includes(state))
      record.payment = { brand: 'visa', last4: sale.last4!, authCode: sale.authCode! };
  }
  if (world.committed) {
    const committed = await hub.commit({
      txId,
      totalCents: record.quote!.totalCents,
      payment: record.payment!,
      details: STICKER,
    });
    if (committed.kind !== 'ok') throw new Error('commit failed');
    if (state === 'printing') record.committed = committed.value;
  }
  if (world.reversed) await rig.terminal.reverse(txId);
  rig.transactions.journal.save(record, { fromState: null, event: 'left-by-test' });
  return record;
}

async function rigUp(): Promise<TransactionRig> {
  rig = await new TransactionRig().start();
  await rig.ready();
  return rig;
}

function expectMoneySafe(rig: TransactionRig, txId: string): void {
  expect(rig.salesSent(txId)).toBeLessThanOrEqual(1);
  expect(rig.chargedWithoutCommit()).toEqual([]);
  expect(rig.transactions.journal.inFlight()).toEqual([]);
}

describe('recovery at start', () => {
  it.each([
    ['selecting', {}],
    ['identifying', {}],
  ] as const)('%s: cancelled, nothing asked of the hub or the terminal', async (state, world) => {
    const rig = await rigUp();
    const left = await leaveInFlight(rig, state, world);
    await rig.restart();
    await rig.ready();
    expect(rig.transactions.get(left.txId)).toMatchObject({ state: 'cancelled', reason: 'recovery' });
    expect(rig.hub.calls).toEqual([]);
    expect(rig.terminalSim.received).toEqual([]);
  });

  it('quoting: cancelled at the hub, which then refuses a late commit', async () => {
    const rig = await rigUp();
    const left = await leaveInFlight(rig, 'quoting', { quoted: true });
    await rig.restart();
    await rig.ready();
    expect(rig.transactions.get(left.txId)).toMatchObject({ state: 'cancelled', hubCancel: 'done' });
    expect(rig.hub.state(left.txId)).toBe('cancelled');
    const late = await new HubClient({ link: rig.link }).commit({
      txId: left.txId,
      totalCents: left.quote!.totalCents,
      details: STICKER,
      payment: { brand: 'visa', last4: '4242' },
    });
    expect(late).toMatchObject({ kind: 'refused', error: { code: 'TX_CANCELLED' } });
  });

  it('paying, the terminal approved the sale: cancelUnknownSale reverses it, then cancel at the hub', async () => {
    const rig = await rigUp();
    const left = await leaveInFlight(rig, 'paying', { quoted: true, sold: true });
    await rig.restart();
    await rig.ready();
    expect(rig.transactions.get(left.txId)).toMatchObject({ state: 'voided', code: 'reversed', hubCancel: 'done' });
    expect(rig.terminalSim.transactions.get(left.txId)?.state).toBe('REVERSED');
    expect(rig.hub.state(left.txId)).toBe('cancelled');
    expectMoneySafe(rig, left.txId);
  });

  it('paying, the sale never reached the terminal: not settled (not ready) until its authorisation window has passed', async () => {
    const rig = await rigUp();
    const left = await leaveInFlight(rig, 'paying', { quoted: true });
    await rig.restart();
    await rig.connect();
    void rig.transactions.start();
    await eventually('a retry is scheduled', () => rig.timers.size === 1);
    expect(rig.transactions.isReady).toBe(false);
    expect(rig.transactions.get(left.txId)?.state).toBe('needs-resolution');
    await expect(rig.transactions.begin('vehicle-sticker-renewal', 'en')).rejects.toMatchObject({
      code: 'TX_NOT_READY',
    });
    rig.nowMs += 1_000; // past the terminal's authorisation window (its sale timeout, 800 ms)
    rig.timers.fireAll();
    await rig.transactions.ready;
    expect(rig.transactions.get(left.txId)).toMatchObject({ state: 'voided', code: 'not-found-after-window' });
    expect(rig.terminalSim.transactions.has(left.txId)).toBe(false);
    expectMoneySafe(rig, left.txId);
  });

  it('a reboot while the terminal is still authorising: the approval that lands later is found and reversed', async () => {
    rig = await new TransactionRig({ terminal: { authorisationMs: 300 }, saleTimeoutMs: 5_000 }).start();
    await rig.ready();
    const r = rig;
    const session = await r.transactions.begin('vehicle-sticker-renewal', 'en');
    await session.enterDetails(STICKER);
    await session.quote();
    const paying = session.pay().catch((error: unknown) => error);
    await eventually('the sale is sent', () => r.salesSent(session.txId) === 1);
    await r.restart(); // the kiosk dies mid-sale; the journal says paying
    expect(await paying).toBeInstanceOf(Error);
    expect(r.transactions.get(session.txId)?.state).toBe('paying');
    await r.connect();
    void r.transactions.start();
    await eventually(
      'the terminal has approved the sale',
      () => r.terminalSim.transactions.get(session.txId)?.state === 'APPROVED',
    );
    for (let round = 0; round < 20 && !r.transactions.isReady; round++) {
      await eventually('a retry is scheduled or recovery is done', () => r.timers.size > 0 || r.transactions.isReady);
      r.timers.fireAll();
      await eventually('the retry ran', () => r.timers.size > 0 || r.transactions.isReady);
    }
    await r.transactions.ready;
    expect(r.transactions.get(session.txId)).toMatchObject({ state: 'voided', code: 'reversed' });
    expect(r.terminalSim.transactions.get(session.txId)?.state).toBe('REVERSED');
    expectMoneySafe(r, session.txId);
  });

  it.each([
    ['authorized', { quoted: true, sold: true }, 'voided', 'REVERSED', 'cancelled'],
    ['authorized', { quoted: true, sold: true, committed: true }, 'completed', 'APPROVED', 'committed'],
    ['committing', { quoted: true, sold: true }, 'voided', 'REVERSED', 'cancelled'],
    ['committing', { quoted: true, sold: true, committed: true }, 'completed', 'APPROVED', 'committed'],
    ['voiding', { quoted: true, sold: true }, 'voided', 'REVERSED', 'cancelled'],
    ['voiding', { quoted: true, sold: true, reversed: true }, 'voided', 'REVERSED', 'cancelled'],
    ['needs-resolution', { quoted: true, sold: true }, 'voided', 'REVERSED', 'cancelled'],
  ] as const)('%s (%j): %s, terminal %s, hub %s', async (state, world, outcome, terminalState, hubState) => {
    const rig = await rigUp();
    const left = await leaveInFlight(rig, state, world);
    await rig.restart();
    await rig.ready();
    const after = rig.transactions.get(left.txId)!;
    expect(after.state).toBe(outcome);
    expect(rig.terminalSim.transactions.get(left.txId)?.state).toBe(terminalState);
    expect(rig.hub.state(left.txId)).toBe(hubState);
    if (outcome === 'completed') {
      expect(after).toMatchObject({
        receipt: 'printed',
        committed: { deliveries: [{ ministryId: 'transportation', status: 'done' }] },
      });
      expect(rig.printerSim.text()).toContain(left.txId);
    }
    expectMoneySafe(rig, left.txId);
  });

  it('printing: completed, receipt interrupted (nothing printed), and reprint prints it', async () => {
    const rig = await rigUp();
    const left = await leaveInFlight(rig, 'printing', { quoted: true, sold: true, committed: true });
    await rig.restart();
    await rig.ready();
    expect(rig.transactions.get(left.txId)).toMatchObject({ state: 'completed', receipt: 'interrupted' });
    expect(rig.printerSim.receipts()).toEqual([]);
    await rig.transactions.reprint(left.txId);
    expect(rig.printerSim.text()).toContain(left.txId);
    expect(rig.transactions.get(left.txId)?.receipt).toBe('printed');
    expectMoneySafe(rig, left.txId);
  });

  it('the hub out of reach: not ready, retried with backoff until the hub answers; then voided, and the kiosk serves', async () => {
    const rig = await rigUp();
    const left = await leaveInFlight(rig, 'authorized', { quoted: true, sold: true });
    await rig.restart();
    await rig.hub.stop();
    rig.link.start();
    void rig.transactions.start();
    await eventually('a retry is scheduled', () => rig.timers.size === 1);
    expect(rig.transactions.isReady).toBe(false);
    expect(rig.terminalSim.transactions.get(left.txId)?.state).toBe('APPROVED'); // nothing guessed meanwhile
    rig.timers.fireAll();
    await eventually('another retry is scheduled', () => rig.timers.size === 1);
    expect(rig.transactions.isReady).toBe(false);
    await rig.hub.start();
    await eventually('the kiosk link is back', () => rig.link.connected);
    rig.timers.fireAll();
    await rig.transactions.ready;
    expect(rig.transactions.get(left.txId)).toMatchObject({ state: 'voided' });
    expect(rig.terminalSim.transactions.get(left.txId)?.state).toBe('REVERSED');
    expectMoneySafe(rig, left.txId);
    expect((await rig.transactions.begin('driver-record-abstract', 'en')).state).toBe('identifying');
  });
});
