import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { hubFixture, type HubFixture } from '../test-support/hub-fixture';
import { MINISTRY_SCRIPTS, changeOfAddress, commitOf, sticker, txId } from '../test-support/hub-test-data';

let f: HubFixture;
afterEach(async () => {
  await f.close();
});

const K1 = 'K-001';
const stateOf = (id: string) =>
  (f.db.prepare(`SELECT state FROM hub_transactions WHERE tx_id = ?`).get(id) as { state: string }).state;

describe('TransactionHub after a crash in the middle of a commit', () => {
  it('finishes a commit the ministry took before the crash exactly once, by lookup', async () => {
    f = hubFixture({ ministries: MINISTRY_SCRIPTS });
    const transportation = f.ministry('transportation').inject('commit', { mode: 'hold', afterCommit: true }, 1);
    await f.hub.quote(K1, { txId: txId(1), lang: 'en', details: sticker() });
    const lost = f.hub.commit(K1, commitOf(txId(1), 12100, sticker()));
    await eventually('the ministry to hold the commit', () => transportation.heldCalls === 1);
    expect(stateOf(txId(1))).toBe('committing');

    f = f.reopen(); // the fleet server dies and starts again on the same file
    expect(stateOf(txId(1))).toBe('committing');
    expect(await f.hub.resumeInFlight()).toEqual({ resolved: 1, unresolved: 0 });
    expect(stateOf(txId(1))).toBe('committed');
    expect(await f.hub.resumeInFlight()).toEqual({ resolved: 0, unresolved: 0 });

    const status = await f.hub.status(K1, txId(1));
    expect(status).toMatchObject({
      ok: true,
      status: {
        state: 'committed',
        deliveries: [{ ministryId: 'transportation', status: 'done', reference: 'TRA-000001' }],
      },
    });
    // The kiosk's retry gets the same answer and sends nothing to the ministry.
    const retry = await f.hub.commit(K1, commitOf(txId(1), 12100, sticker()));
    expect(retry).toEqual({ ok: true, committed: 'status' in status && status.ok ? status.status : undefined });
    // The dead process's commit wakes up against a closed database: it answers nothing durable.
    transportation.release();
    expect(await lost).toMatchObject({ ok: false, error: { code: 'HUB_UNAVAILABLE' } });

    expect(transportation.calls.commit).toBe(1);
    expect(transportation.records.size).toBe(1);
    expect(f.hub.ledger.linesFor(txId(1)).filter((l) => l.kind === 'capture')).toHaveLength(4);
    expect(f.hub.ledger.unbalanced()).toEqual([]);
  });

  it('refuses after a restart a paid commit the ministry never received, once its grace has passed, so the kiosk voids the sale', async () => {
    f = hubFixture({ ministries: MINISTRY_SCRIPTS });
    const transportation = f.ministry('transportation').inject('commit', { mode: 'hold', afterCommit: false }, 1);
    await f.hub.quote(K1, { txId: txId(2), lang: 'en', details: sticker() });
    const lost = f.hub.commit(K1, commitOf(txId(2), 12100, sticker()));
    await eventually('the ministry to hold the commit', () => transportation.heldCalls === 1);
    f = f.reopen();
    await f.hub.start();
    // The commit sent before the crash may still be queued at the ministry: not-found is not final yet.
    expect(stateOf(txId(2))).toBe('committing');
    f.clock.advance(2 * 60_000);
    expect(await f.hub.resumeInFlight()).toEqual({ resolved: 1, unresolved: 0 });
    expect(stateOf(txId(2))).toBe('refused');
    expect(await f.hub.commit(K1, commitOf(txId(2), 12100, sticker()))).toMatchObject({
      ok: false,
      error: { code: 'MINISTRY_UNAVAILABLE', retryable: false },
    });
    transportation.release();
    await lost;
    expect(transportation.records.size).toBe(0);
    expect(f.hub.ledger.linesFor(txId(2))).toEqual([]);
  });

  it('leaves a commit in flight while the ministry cannot answer a lookup, and finishes it when it can', async () => {
    f = hubFixture({ ministries: MINISTRY_SCRIPTS });
    const transportation = f.ministry('transportation').inject('commit', { mode: 'hold', afterCommit: true }, 1);
    await f.hub.quote(K1, { txId: txId(3), lang: 'en', details: sticker() });
    const lost = f.hub.commit(K1, commitOf(txId(3), 12100, sticker()));
    await eventually('the ministry to hold the commit', () => transportation.heldCalls === 1);
    f = f.reopen();
    transportation.inject('lookup', { mode: 'down' }, 1);
    expect(await f.hub.resumeInFlight()).toEqual({ resolved: 0, unresolved: 1 });
    expect(stateOf(txId(3))).toBe('committing');
    expect(await f.hub.resumeInFlight()).toEqual({ resolved: 1, unresolved: 0 });
    expect(stateOf(txId(3))).toBe('committed');
    transportation.release();
    await lost;
    expect(transportation.records.size).toBe(1);
    expect(f.hub.ledger.linesFor(txId(3))).toHaveLength(4);
  });

  it('delivers a fan-out cut short by a crash from its outbox, each part once', async () => {
    f = hubFixture({ ministries: MINISTRY_SCRIPTS });
    const health = f.ministry('health').inject('commit', { mode: 'hold', afterCommit: false }, 1);
    await f.hub.quote(K1, { txId: txId(4), lang: 'en', details: changeOfAddress() });
    const lost = f.hub.commit(K1, commitOf(txId(4), 0, changeOfAddress()));
    await eventually('health to hold the commit', () => health.heldCalls === 1);
    expect(f.hub.journal.outboxSize()).toBe(2); // transportation's part is already delivered
    f = f.reopen();
    await f.hub.start();
    expect(stateOf(txId(4))).toBe('committed');
    expect(f.hub.journal.outboxSize()).toBe(0);
    health.release();
    await lost;
    for (const id of ['transportation', 'health', 'natural-resources'] as const) {
      expect(f.ministry(id).records.size).toBe(1);
    }
    expect(f.ministry('transportation').calls.commit).toBe(1);
  });
});
