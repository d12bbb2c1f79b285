// The real desk over the kiosk's real transactions (journal, runner, PIN pad and printer drivers against their
// simulators, the fleet link to a fake hub): one visit may take several kiosk transactions (refused details
// corrected, details changed after the quote), a cancellation or walk-away ends the transaction at the hub and
// drops the details, and availability follows the device board and the fleet's target mode.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import type { KioskMode } from '@guichet/shared/protocol/messages';
import type { TxDetails } from '@guichet/shared/protocol/transactions';
import { SimulatedDeviceBoard } from '../devices/device-board';
import { TransactionRig } from '../test-support/transaction-rig';
import { RuntimeDesk } from './runtime-desk';
import type { DeskAvailability, DeskSession, DeskState } from './transaction-desk';

const STICKER: TxDetails = {
  serviceId: 'vehicle-sticker-renewal',
  plate: 'CBKR 482',
  licenceNumber: 'T42187305690318',
};

let rig: TransactionRig;
let board: SimulatedDeviceBoard;
let mode: KioskMode;
let modeListeners: Array<(mode: KioskMode) => void>;
let desk: RuntimeDesk;

beforeEach(async () => {
  rig = await new TransactionRig().start();
  await rig.ready();
  board = new SimulatedDeviceBoard();
  mode = 'in-service';
  modeListeners = [];
  desk = new RuntimeDesk({
    transactions: rig.transactions,
    devices: board,
    mode: () => mode,
    onModeChange: (listener) => {
      modeListeners.push(listener);
      return () => undefined;
    },
  });
});

afterEach(async () => {
  desk.close();
  await rig.stop();
});

const reach = (session: DeskSession, state: DeskState['state']) =>
  eventually(`desk state ${state}`, () => session.state().state === state, { timeoutMs: 5_000 });

describe('runtime desk sessions', () => {
  it('sells a sticker: quoted, paid on the PIN pad, committed and printed, details dropped', async () => {
    const session = desk.begin('vehicle-sticker-renewal', 'en');
    const seen: string[] = [];
    session.onChange((s) => seen.push(s.state));
    session.enterDetails(STICKER);
    await session.quote();
    expect(session.state()).toMatchObject({ state: 'quoted', quote: { totalCents: 12_100 } });
    await session.pay();
    const done = session.state();
    expect(done).toMatchObject({ state: 'completed', totalCents: 12_100, receipt: 'printed' });
    expect(done.state === 'completed' && done.payment).toEqual({ brand: 'visa', last4: '4242' });
    expect(seen).toEqual(
      expect.arrayContaining(['quoting', 'quoted', 'paying', 'authorized', 'committing', 'printing']),
    );
    expect(rig.hub.state(session.txId)).toBe('committed');
    expect((session as unknown as { holdsDetails: boolean }).holdsDetails).toBe(false);
  });

  it('starts a new kiosk transaction when the citizen corrects details the ministry refused', async () => {
    rig.hub.refuseQuote = { code: 'MINISTRY_REFUSED', message: 'no such plate' };
    const session = desk.begin('vehicle-sticker-renewal', 'en');
    session.enterDetails({ ...STICKER, plate: 'ZZZZ 999' });
    await session.quote();
    expect(session.state()).toEqual({ state: 'refused', code: 'MINISTRY_REFUSED' });
    const refusedTx = session.txId;
    expect(rig.transactions.get(refusedTx)).toMatchObject({ state: 'cancelled', reason: 'ministry-refused' });

    rig.hub.refuseQuote = undefined;
    session.enterDetails(STICKER);
    await session.quote();
    expect(session.state().state).toBe('quoted');
    expect(session.txId).not.toBe(refusedTx);
    expect(rig.hub.state(session.txId)).toBe('quoted');
  });

  it('cancels the quoted transaction at the hub when the details change after the quote', async () => {
    const session = desk.begin('vehicle-sticker-renewal', 'en');
    session.enterDetails(STICKER);
    await session.quote();
    const first = session.txId;
    session.enterDetails({ ...STICKER, plate: 'CBKR 483' });
    await session.quote();
    expect(session.state().state).toBe('quoted');
    expect(session.txId).not.toBe(first);
    expect(rig.hub.state(first)).toBe('cancelled');
    expect(rig.transactions.get(first)).toMatchObject({ state: 'cancelled', reason: 'citizen-cancelled' });
  });

  it('retries a declined card as a new transaction for the same amount, paid at once', async () => {
    rig.terminalSim.script = 'decline';
    const session = desk.begin('vehicle-sticker-renewal', 'fr');
    session.enterDetails(STICKER);
    await session.quote();
    await session.pay();
    expect(session.state()).toEqual({ state: 'declined', totalCents: 12_100 });
    const declined = session.txId;
    await eventually('the declined quote cancelled at the hub', () => rig.hub.state(declined) === 'cancelled');
    rig.terminalSim.script = 'approve';
    await session.pay();
    expect(session.state().state).toBe('completed');
    expect(session.txId).not.toBe(declined);
    expect(rig.salesSent(declined)).toBe(1);
    expect(rig.salesSent(session.txId)).toBe(1);
  });

  it('ends the transaction at the hub on cancel (citizen) and on timeout (walked away), keeping nothing', async () => {
    const cancelled = desk.begin('vehicle-sticker-renewal', 'en');
    cancelled.enterDetails(STICKER);
    await cancelled.quote();
    await cancelled.cancel();
    expect(cancelled.state()).toEqual({ state: 'cancelled' });
    expect(rig.transactions.get(cancelled.txId)).toMatchObject({ state: 'cancelled', reason: 'citizen-cancelled' });
    await eventually('hub cancelled', () => rig.hub.state(cancelled.txId) === 'cancelled');

    const walkedAway = desk.begin('driver-record-abstract', 'en');
    walkedAway.enterDetails({ serviceId: 'driver-record-abstract', licenceNumber: 'N90714428850512' });
    await walkedAway.quote();
    await walkedAway.timeout!();
    expect(rig.transactions.get(walkedAway.txId)).toMatchObject({ state: 'cancelled', reason: 'timeout' });
    expect((walkedAway as unknown as { holdsDetails: boolean }).holdsDetails).toBe(false);
  });

  it('reports a kiosk busy with another transaction as a retryable failure, and begins on retry', async () => {
    const other = await rig.transactions.begin('driver-record-abstract', 'en');
    const session = desk.begin('vehicle-sticker-renewal', 'en');
    await reach(session, 'failed');
    expect(session.state()).toEqual({ state: 'failed', code: 'TX_BUSY', retryable: true });
    expect(session.txId).toBe('');
    await other.cancel();
    await session.quote();
    expect(session.state()).toEqual({ state: 'identifying' });
    expect(rig.transactions.get(session.txId)).toMatchObject({ state: 'identifying' });
    session.enterDetails(STICKER);
    await session.quote();
    expect(session.state().state).toBe('quoted');
  });

  it('voids the sale when the ministry refuses after payment', async () => {
    rig.hub.refuseCommit = { code: 'MINISTRY_REFUSED', message: 'permit suspended' };
    const session = desk.begin('vehicle-sticker-renewal', 'en');
    session.enterDetails(STICKER);
    await session.quote();
    await session.pay();
    await reach(session, 'voided');
    expect(session.state()).toEqual({ state: 'voided', code: 'MINISTRY_REFUSED' });
    expect(rig.terminalSim.transactions.get(session.txId)?.state).toBe('REVERSED');
  });
});

describe('runtime desk availability', () => {
  it('follows the device board and the fleet target mode, and tells listeners once per change', () => {
    const changes: DeskAvailability[] = [];
    desk.onAvailabilityChange((a) => changes.push(a));
    expect(desk.availability().services['vehicle-sticker-renewal']).toEqual({ available: true });
    board.set('paymentTerminal', { state: 'offline', code: 'PAYMENT_TERMINAL_NO_ANSWER' });
    board.set('paymentTerminal', { state: 'offline', code: 'PAYMENT_TERMINAL_NO_ANSWER' });
    expect(changes).toHaveLength(1);
    expect(changes[0]!.services['vehicle-sticker-renewal']).toEqual({ available: false, reason: 'payment' });
    expect(changes[0]!.services['change-of-address']).toEqual({ available: true });
    mode = 'out-of-service';
    for (const listener of modeListeners) listener(mode);
    expect(changes).toHaveLength(2);
    expect(changes[1]!.inService).toBe(false);
  });
});
