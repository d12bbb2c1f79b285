// The reconciliation's hub reader reads the hub's real tables: its schema and the hub's agree, value by value.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readHub } from '../reconciliation/sources/hub-reader';
import { hubFixture, type HubFixture } from '../test-support/hub-fixture';
import { MINISTRY_SCRIPTS, changeOfAddress, commitOf, sticker, txId } from '../test-support/hub-test-data';

let f: HubFixture;
afterEach(async () => {
  await f.close();
});

describe('the hub journal as the reconciliation reads it', () => {
  it('gives each transaction its state, total, deliveries and balanced ledger lines', async () => {
    f = hubFixture({ ministries: MINISTRY_SCRIPTS });
    const K1 = 'K-001';
    await f.hub.quote(K1, { txId: txId(1), lang: 'en', details: sticker() });
    await f.hub.commit(K1, commitOf(txId(1), 12100, sticker()));
    await f.hub.quote(K1, { txId: txId(2), lang: 'en', details: sticker() });
    await f.hub.cancel(K1, { txId: txId(2), reason: 'declined' });
    f.ministry('health').inject('commit', { mode: 'down' });
    await f.hub.quote(K1, { txId: txId(3), lang: 'en', details: changeOfAddress(false) });
    await f.hub.commit(K1, commitOf(txId(3), 0, changeOfAddress(false)));

    const hub = readHub(path.join(f.dir, 'fleet.db'));
    expect(hub.map((h) => [h.txId, h.state, h.totalCents])).toEqual([
      [txId(1), 'committed', 12100],
      [txId(2), 'cancelled', 12100],
      [txId(3), 'committed', 0],
    ]);
    expect(hub[0]!.deliveries).toEqual([{ ministryId: 'transportation', status: 'done' }]);
    expect(hub[0]!.ledger.reduce((sum, l) => sum + l.debitCents - l.creditCents, 0)).toBe(0);
    expect(hub[0]!.ledger).toHaveLength(4);
    expect(hub[2]!.deliveries).toEqual([
      { ministryId: 'health', status: 'queued' },
      { ministryId: 'transportation', status: 'done' },
    ]);
  });
});
