// The driver record abstract through the hub, with the real vehicles adapter against the mainframe simulator: the
// commit's answer carries the abstract, a retried commit does not, tx.document asks the mainframe again for the
// kiosk that owns the transaction only, and none of the abstract's content reaches the hub's database or logs.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TxDetails, type MinistryId } from '@guichet/shared';
import { startVehiclesSimulator, type VehiclesSimulator } from '@guichet/ministries/vehicles/vehicles-simulator';
import { tempDataDir } from '@guichet/ministries/test-support';
import { hubFixture, type HubFixture } from '../test-support/hub-fixture';
import { commitOf, txId } from '../test-support/hub-test-data';
import { VehiclesAdapter } from './adapters/vehicles-adapter';
import type { MinistryAdapter } from './ministry-adapter';

const K1 = 'K-001';
const K2 = 'K-002';
/** A seeded driver whose abstract reads SUSPENDED, 15 demerit points, 4 convictions. */
const ABSTRACT = TxDetails.parse({ serviceId: 'driver-record-abstract', licenceNumber: 'S31208819770624' });
const STICKER = TxDetails.parse({
  serviceId: 'vehicle-sticker-renewal',
  plate: 'CBKR 482',
  licenceNumber: 'T42187305690318',
});
const DOCUMENT = { kind: 'driver-record-abstract', licenceStatus: 'SUSPENDED', demeritPoints: 15, convictions: 4 };
const refusal = (code: string, retryable = false): unknown =>
  expect.objectContaining({ ok: false, error: expect.objectContaining({ code, retryable }) as unknown });

describe('the driver record abstract through the hub', () => {
  let data: ReturnType<typeof tempDataDir>;
  let sim: VehiclesSimulator;
  let f: HubFixture;

  beforeEach(async () => {
    data = tempDataDir('hub-document');
    sim = await startVehiclesSimulator({ dataDir: data.dir, now: () => new Date('2026-11-23T15:00:00Z') });
    const ministries = new Map<MinistryId, MinistryAdapter>([['transportation', new VehiclesAdapter(sim.address)]]);
    f = hubFixture({ hub: { ministries } });
  });
  afterEach(async () => {
    await f.close();
    await sim.close();
    data.remove();
  });

  async function commitAbstract(id: string) {
    const quote = await f.hub.quote(K1, { txId: id, lang: 'en', details: ABSTRACT });
    if (!('quote' in quote)) throw new Error(`expected a quote, got ${JSON.stringify(quote)}`);
    return f.hub.commit(K1, commitOf(id, quote.quote.totalCents, ABSTRACT));
  }

  it('passes the abstract through in the commit answer only, and asks the mainframe again on tx.document', async () => {
    const ack = await commitAbstract(txId(1));
    expect(ack).toMatchObject({ ok: true, committed: { state: 'committed', document: DOCUMENT } });

    // A retried commit is answered from the journal: no document (the kiosk asks tx.document), and no second order.
    const retry = await f.hub.commit(K1, commitOf(txId(1), 1300, ABSTRACT));
    expect(retry).toMatchObject({ ok: true, committed: { state: 'committed' } });
    expect('committed' in retry && retry.committed).not.toHaveProperty('document');
    expect(await f.hub.status(K1, txId(1))).not.toHaveProperty('status.document');

    expect(await f.hub.document(K1, txId(1))).toEqual({ ok: true, document: { txId: txId(1), document: DOCUMENT } });
    expect(await f.hub.document(K2, txId(1))).toEqual(refusal('TX_NOT_YOURS'));
    expect(sim.records().filter((r) => r.kind === 'ABST')).toHaveLength(1);
  });

  it('has no document for a transaction not committed, unknown, or of a service without one', async () => {
    await f.hub.quote(K1, { txId: txId(2), lang: 'en', details: ABSTRACT });
    expect(await f.hub.document(K1, txId(2))).toEqual(refusal('TX_NO_DOCUMENT'));
    expect(await f.hub.document(K1, txId(3))).toEqual(refusal('TX_UNKNOWN'));
    const quote = await f.hub.quote(K1, { txId: txId(4), lang: 'en', details: STICKER });
    if (!('quote' in quote)) throw new Error(`expected a quote, got ${JSON.stringify(quote)}`);
    const sticker = await f.hub.commit(K1, commitOf(txId(4), quote.quote.totalCents, STICKER));
    expect('committed' in sticker && sticker.committed).not.toHaveProperty('document');
    expect(await f.hub.document(K1, txId(4))).toEqual(refusal('TX_NO_DOCUMENT'));
  });

  it('answers MINISTRY_UNAVAILABLE (retryable) while the mainframe is down, then the abstract once it is back', async () => {
    await commitAbstract(txId(5));
    await sim.inject({ down: true });
    expect(await f.hub.document(K1, txId(5))).toEqual(refusal('MINISTRY_UNAVAILABLE', true));
    await sim.heal();
    expect(await f.hub.document(K1, txId(5))).toMatchObject({ ok: true, document: { document: DOCUMENT } });
  });

  it('stores none of the abstract: not in the hub database file, its WAL, or the logs', async () => {
    await commitAbstract(txId(6));
    await f.hub.document(K1, txId(6));
    const bytes = Buffer.concat(
      fs
        .readdirSync(f.dir)
        .map((name) => path.join(f.dir, name))
        .filter((file) => fs.statSync(file).isFile())
        .map((file) => fs.readFileSync(file)),
    ).toString('latin1');
    expect(bytes).toContain(txId(6)); // the scan does read the hub's tables
    for (const text of ['SUSPENDED', 'licenceStatus', 'demerit', 'convictions', 'S31208819770624'])
      expect(bytes).not.toContain(text);
    expect(f.logText()).toContain(txId(6));
    expect(f.logText()).not.toMatch(/SUSPENDED|demerit|convictions|licenceStatus/i);
  });
});
