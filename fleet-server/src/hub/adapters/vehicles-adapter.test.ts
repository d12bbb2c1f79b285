// The vehicles adapter against the real mainframe simulator over TCP: each service's validate/commit, idempotent
// commits, lookup, refusals, every injected fault, and a simulator restart on the same data directory.
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cents, isGuichetError, type TxDetails } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { startVehiclesSimulator, type VehiclesSimulator } from '@guichet/ministries/vehicles/vehicles-simulator';
import { TEST_CASES } from '@guichet/ministries/test-data';
import { tempDataDir, testTxId } from '@guichet/ministries/test-support';
import { MinistryUnavailableError, type MinistryRequest } from '../ministry-adapter';
import { ManualTimer } from './deadline';
import { VehiclesAdapter } from './vehicles-adapter';

const NOW = () => new Date('2026-11-29T15:00:00Z');

function request(txId: string, details: TxDetails): MinistryRequest {
  return { txId, serviceId: details.serviceId, ministryId: 'transportation', details };
}
const sticker = (c: { plate: string; licenceNumber: string }): TxDetails => ({
  serviceId: 'vehicle-sticker-renewal',
  ...c,
});

function unavailableReason(error: unknown): unknown {
  return error instanceof MinistryUnavailableError ? error.details?.reason : error;
}

describe('VehiclesAdapter × vehicles mainframe simulator', () => {
  let data: ReturnType<typeof tempDataDir>;
  let sim: VehiclesSimulator;
  let timer: ManualTimer;
  let adapter: VehiclesAdapter;

  beforeEach(async () => {
    data = tempDataDir('vehicles');
    sim = await startVehiclesSimulator({ dataDir: data.dir, now: NOW });
    timer = new ManualTimer();
    adapter = new VehiclesAdapter(sim.address, { startTimer: timer.start, timeoutMs: 5000 });
  });
  afterEach(async () => {
    await adapter.close();
    await sim.close();
    data.remove();
  });

  it('validates a sticker renewal with the price variant and new expiry, and records nothing', async () => {
    const south = await adapter.validate(request(testTxId(1), sticker(TEST_CASES.sticker.ok)));
    expect(south).toMatchObject({ outcome: 'valid', priceVariant: 'southern-ontario' });
    expect(south.outcome === 'valid' && south.lines).toContainEqual({
      label: 'vehicles.permitExpiry',
      value: '2027-12-14',
    });
    const north = await adapter.validate(request(testTxId(2), sticker(TEST_CASES.sticker.northernOntario)));
    expect(north).toMatchObject({ outcome: 'valid', priceVariant: 'northern-ontario' });
    expect(sim.records()).toHaveLength(0);
  });

  it('refuses a suspended owner, someone else’s plate and an unknown plate', async () => {
    await expect(
      adapter.validate(request(testTxId(1), sticker(TEST_CASES.sticker.suspendedOwner))),
    ).resolves.toMatchObject({
      outcome: 'refused',
      code: 'LICENCE_SUSPENDED',
    });
    await expect(adapter.validate(request(testTxId(2), sticker(TEST_CASES.sticker.notOwner)))).resolves.toMatchObject({
      outcome: 'refused',
      code: 'NOT_REGISTERED_OWNER',
    });
    await expect(
      adapter.validate(request(testTxId(3), sticker(TEST_CASES.sticker.unknownPlate))),
    ).resolves.toMatchObject({
      outcome: 'refused',
      code: 'NOT_ON_FILE',
    });
  });

  it('commits once per transaction id, and lookup finds it', async () => {
    const txId = testTxId(7);
    const req = { ...request(txId, sticker(TEST_CASES.sticker.ok)), amountCents: cents(12100) };
    const first = await adapter.commit(req);
    expect(first).toMatchObject({ outcome: 'committed', reference: expect.stringMatching(/^MTO\d{9}$/) as unknown });
    const second = await adapter.commit(req);
    expect(second).toEqual(first);
    expect(sim.records()).toHaveLength(1);
    expect(sim.records()[0]).toMatchObject({ clientReference: txId, kind: 'VSTK', amountCents: 12100 });
    await expect(adapter.lookup(txId)).resolves.toEqual({
      outcome: 'committed',
      reference: first.outcome === 'committed' ? first.reference : '',
    });
    await expect(adapter.lookup(testTxId(8))).resolves.toEqual({ outcome: 'not-found' });
  });

  it('renews from the last renewal: a second renewal of the same plate extends by another year', async () => {
    await adapter.commit({ ...request(testTxId(1), sticker(TEST_CASES.sticker.ok)), amountCents: cents(12100) });
    const again = await adapter.validate(request(testTxId(2), sticker(TEST_CASES.sticker.ok)));
    expect(again.outcome === 'valid' && again.lines).toContainEqual({
      label: 'vehicles.permitExpiry',
      value: '2028-12-14',
    });
  });

  it('orders a personalized plate once: the text is then taken for everyone else', async () => {
    const available: TxDetails = { serviceId: 'personalized-plates', ...TEST_CASES.personalizedPlate.available };
    await expect(adapter.validate(request(testTxId(1), available))).resolves.toMatchObject({ outcome: 'valid' });
    const order = await adapter.commit({ ...request(testTxId(1), available), amountCents: cents(30500) });
    expect(order.outcome).toBe('committed');
    await expect(adapter.validate(request(testTxId(2), available))).resolves.toMatchObject({
      code: 'PLATE_NOT_AVAILABLE',
    });
    // The original order's retry still answers with its record, not "not available".
    await expect(adapter.commit({ ...request(testTxId(1), available), amountCents: cents(30500) })).resolves.toEqual(
      order,
    );
    const taken: TxDetails = { serviceId: 'personalized-plates', ...TEST_CASES.personalizedPlate.notAvailable };
    await expect(adapter.validate(request(testTxId(3), taken))).resolves.toMatchObject({ code: 'PLATE_NOT_AVAILABLE' });
  });

  it('records a driver abstract and a change of address (accents folded to ASCII)', async () => {
    const abstract: TxDetails = { serviceId: 'driver-record-abstract', ...TEST_CASES.abstract.ok };
    await expect(
      adapter.commit({ ...request(testTxId(1), abstract), amountCents: cents(1200) }),
    ).resolves.toMatchObject({
      outcome: 'committed',
    });
    const address: TxDetails = {
      serviceId: 'change-of-address',
      ...TEST_CASES.changeOfAddress.ok,
      newAddress: { street: '45 rue Sainte-Thérèse', city: 'Hearst', province: 'ON', postalCode: 'P0L1N0' },
    };
    await expect(adapter.commit({ ...request(testTxId(2), address), amountCents: cents(0) })).resolves.toMatchObject({
      outcome: 'committed',
    });
    expect(sim.records().map((r) => r.kind)).toEqual(['ABST', 'ADDR']);
    expect(sim.records()[1]?.data).toMatchObject({ street: '45 rue Sainte-Therese', postalCode: 'P0L1N0' });
    await expect(
      adapter.validate(
        request(testTxId(3), { serviceId: 'driver-record-abstract', ...TEST_CASES.abstract.unknownLicence }),
      ),
    ).resolves.toMatchObject({ outcome: 'refused', code: 'NOT_ON_FILE' });
  });

  it('returns the abstract (licence status, demerits, convictions) on commit, on a repeat and on inquiry', async () => {
    const abstract: TxDetails = { serviceId: 'driver-record-abstract', ...TEST_CASES.abstract.ok };
    const expected = { kind: 'driver-record-abstract', licenceStatus: 'VALID', demeritPoints: 3, convictions: 1 };
    const first = await adapter.commit({ ...request(testTxId(1), abstract), amountCents: cents(1200) });
    expect(first).toMatchObject({ outcome: 'committed', document: expected });
    // The lines are kept by the hub and the kiosk's journal: none of the abstract's content is among them.
    expect(first.outcome === 'committed' && first.lines.map((l) => l.label)).toEqual(['ministry.reference']);
    await expect(
      adapter.commit({ ...request(testTxId(1), abstract), amountCents: cents(1200) }),
    ).resolves.toMatchObject({ document: expected });
    await expect(adapter.document(testTxId(1), 'driver-record-abstract')).resolves.toEqual(expected);

    const suspended: TxDetails = { serviceId: 'driver-record-abstract', licenceNumber: 'S31208819770624' };
    await adapter.commit({ ...request(testTxId(2), suspended), amountCents: cents(1200) });
    await expect(adapter.document(testTxId(2), 'driver-record-abstract')).resolves.toEqual({
      kind: 'driver-record-abstract',
      licenceStatus: 'SUSPENDED',
      demeritPoints: 15,
      convictions: 4,
    });
    await expect(adapter.document(testTxId(9), 'driver-record-abstract')).resolves.toBeUndefined();
    const requests = sim.requestsSeen;
    await expect(adapter.document(testTxId(1), 'vehicle-sticker-renewal')).resolves.toBeUndefined();
    expect(sim.requestsSeen).toBe(requests);
    const sticker = await adapter.commit({
      ...request(testTxId(3), { serviceId: 'vehicle-sticker-renewal', ...TEST_CASES.sticker.ok }),
      amountCents: cents(12100),
    });
    expect(sticker).not.toHaveProperty('document');
  });

  it('an abstract inquiry while the mainframe is down is unavailable, not "none"', async () => {
    const abstract: TxDetails = { serviceId: 'driver-record-abstract', ...TEST_CASES.abstract.ok };
    await adapter.commit({ ...request(testTxId(1), abstract), amountCents: cents(1200) });
    await sim.inject({ down: true });
    const error: unknown = await adapter.document(testTxId(1), 'driver-record-abstract').catch((e: unknown) => e);
    expect(unavailableReason(error)).toBe('down');
  });

  it('maps an injected business refusal to a refusal and records nothing', async () => {
    await sim.inject({ rejects: 'HOLD' });
    const outcome = await adapter.commit({
      ...request(testTxId(1), sticker(TEST_CASES.sticker.ok)),
      amountCents: cents(12100),
    });
    expect(outcome).toMatchObject({ outcome: 'refused', code: 'MTO_HOLD' });
    expect(sim.records()).toHaveLength(0);
  });

  it('a connection dropped after the commit was sent is connection-lost, not down: it may have been received', async () => {
    const dropper = createServer((socket) => socket.on('data', () => socket.destroy()));
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    const port = (dropper.address() as AddressInfo).port;
    const dropped = new VehiclesAdapter({ host: '127.0.0.1', port }, { startTimer: timer.start, timeoutMs: 5000 });
    try {
      const error = await dropped
        .commit({ ...request(testTxId(1), sticker(TEST_CASES.sticker.ok)), amountCents: cents(12100) })
        .catch((e: unknown) => e);
      expect(unavailableReason(error)).toBe('connection-lost');
    } finally {
      await dropped.close();
      await new Promise((resolve) => dropper.close(resolve));
    }
  });

  it('down → MinistryUnavailableError(down); back up → works on the same port', async () => {
    await sim.inject({ down: true });
    const error = await adapter.validate(request(testTxId(1), sticker(TEST_CASES.sticker.ok))).catch((e: unknown) => e);
    expect(unavailableReason(error)).toBe('down');
    await sim.heal();
    await expect(adapter.validate(request(testTxId(1), sticker(TEST_CASES.sticker.ok)))).resolves.toMatchObject({
      outcome: 'valid',
    });
  });

  it('slow past the time limit → MinistryUnavailableError(timeout); the commit may still land, lookup tells', async () => {
    await sim.inject({ delayMs: 60_000 });
    const txId = testTxId(3);
    const pending = adapter
      .commit({ ...request(txId, sticker(TEST_CASES.sticker.ok)), amountCents: cents(12100) })
      .catch((e: unknown) => e);
    await eventually('the mainframe to receive the commit', () => sim.requestsSeen >= 1);
    timer.expireAll();
    expect(unavailableReason(await pending)).toBe('timeout');
    await sim.heal();
    await expect(adapter.lookup(txId)).resolves.toMatchObject({ outcome: 'committed' });
  });

  it('a malformed answer → MinistryUnavailableError(malformed-answer)', async () => {
    await sim.inject({ malformed: true });
    const error = await adapter.lookup(testTxId(1)).catch((e: unknown) => e);
    expect(unavailableReason(error)).toBe('malformed-answer');
    expect(isGuichetError(error, 'MINISTRY_UNAVAILABLE')).toBe(true);
  });

  it('an answer sent twice gives one clean result and one record', async () => {
    await sim.inject({ answersTwice: true });
    const req = { ...request(testTxId(4), sticker(TEST_CASES.sticker.ok)), amountCents: cents(12100) };
    const first = await adapter.commit(req);
    const second = await adapter.commit(req);
    expect(first.outcome).toBe('committed');
    expect(second).toEqual(first);
    expect(sim.records()).toHaveLength(1);
  });

  it('a restarted mainframe keeps its records', async () => {
    const txId = testTxId(5);
    const committed = await adapter.commit({
      ...request(txId, sticker(TEST_CASES.sticker.ok)),
      amountCents: cents(12100),
    });
    await sim.close();
    sim = await startVehiclesSimulator({ dataDir: data.dir, now: NOW });
    adapter = new VehiclesAdapter(sim.address, { startTimer: timer.start });
    expect(sim.records()).toHaveLength(1);
    await expect(adapter.lookup(txId)).resolves.toEqual({
      outcome: 'committed',
      reference: committed.outcome === 'committed' ? committed.reference : '',
    });
  });
});
