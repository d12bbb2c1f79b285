import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubFixture, type HubFixture } from '../test-support/hub-fixture';
import { PERSONAL_STRINGS, changeOfAddress, commitOf, txId } from '../test-support/hub-test-data';

let f: HubFixture;
afterEach(async () => {
  await f.close();
});

const K1 = 'K-001';

/** Every row of every hub/ledger table except the outbox, as text: where no citizen detail may appear. */
function nonOutboxText(): string {
  const tables = ['hub_transactions', 'hub_deliveries', 'ledger_lines', 'events'];
  return tables.map((t) => JSON.stringify(f.db.prepare(`SELECT * FROM ${t}`).all())).join('\n');
}

describe('TransactionHub change-of-address fan-out', () => {
  it('is free, and sends each ministry only its own record', async () => {
    f = hubFixture();
    const quote = await f.hub.quote(K1, { txId: txId(1), lang: 'en', details: changeOfAddress() });
    expect(quote).toMatchObject({ ok: true, quote: { serviceCents: 0, feeCents: 0, totalCents: 0 } });
    const ack = await f.hub.commit(K1, commitOf(txId(1), 0, changeOfAddress()));
    expect(ack).toMatchObject({
      ok: true,
      committed: {
        deliveries: [
          { ministryId: 'transportation', status: 'done' },
          { ministryId: 'health', status: 'done' },
          { ministryId: 'natural-resources', status: 'done' },
        ],
      },
    });
    const keys = (id: 'transportation' | 'health' | 'natural-resources') =>
      Object.keys(f.ministry(id).records.get(txId(1))!.details).sort();
    expect(keys('transportation')).toEqual(['licenceNumber', 'newAddress', 'serviceId']);
    expect(keys('health')).toEqual(['healthCardNumber', 'newAddress', 'serviceId']);
    expect(keys('natural-resources')).toEqual(['newAddress', 'outdoorsCardNumber', 'serviceId']);
    expect(f.hub.ledger.linesFor(txId(1))).toEqual([]);
    expect(f.hub.journal.outboxSize()).toBe(0);
  });

  it('leaves out the Outdoors Card ministry when the citizen has no card', async () => {
    f = hubFixture();
    await f.hub.quote(K1, { txId: txId(2), lang: 'fr', details: changeOfAddress(false) });
    const ack = await f.hub.commit(K1, commitOf(txId(2), 0, changeOfAddress(false)));
    expect(ack.ok && 'committed' in ack && ack.committed.deliveries.map((d) => d.ministryId)).toEqual([
      'transportation',
      'health',
    ]);
    expect(f.ministry('natural-resources').calls).toEqual({ validate: 0, commit: 0, lookup: 0 });
  });

  it('queues the part of a ministry that is down, retries it with backoff, and delivers it once it is back', async () => {
    f = hubFixture({ hub: { backoff: { baseMs: 10_000, maxMs: 60_000 } } });
    // Health validated the quote, then went down before the commit: its part is queued.
    const health = f.ministry('health').inject('commit', { mode: 'down' });
    expect(await f.hub.quote(K1, { txId: txId(3), lang: 'en', details: changeOfAddress() })).toMatchObject({
      ok: true,
    });
    f.hub.worker.start();
    const ack = await f.hub.commit(K1, commitOf(txId(3), 0, changeOfAddress()));
    expect(ack).toMatchObject({
      ok: true,
      committed: {
        deliveries: [
          { ministryId: 'transportation', status: 'done' },
          { ministryId: 'health', status: 'queued' },
          { ministryId: 'natural-resources', status: 'done' },
        ],
      },
    });
    expect(f.hub.journal.outboxSize()).toBe(1);
    expect(f.hub.journal.outboxItem(txId(3), 'health')).toMatchObject({
      attempts: 1,
      nextAttemptAt: '2026-11-23T15:00:10.000Z',
    });
    // Citizen details live in the outbox only, and never in logs.
    for (const s of PERSONAL_STRINGS) {
      expect(nonOutboxText()).not.toContain(s);
      expect(f.logText()).not.toContain(s);
    }

    f.clock.advance(9_999);
    await f.hub.worker.idle();
    expect(health.calls.commit).toBe(1);
    f.clock.advance(1);
    await f.hub.worker.idle();
    expect(health.calls.commit).toBe(2);
    expect(f.hub.journal.outboxItem(txId(3), 'health')).toMatchObject({
      attempts: 2,
      nextAttemptAt: '2026-11-23T15:00:30.000Z',
    });

    health.heal();
    f.clock.advance(20_000);
    await f.hub.worker.idle();
    expect(health.calls.commit).toBe(3);
    expect(health.records.size).toBe(1);
    expect(f.hub.journal.outboxSize()).toBe(0);
    expect(f.clock.pendingTimers).toBe(0);
    expect(await f.hub.status(K1, txId(3))).toMatchObject({
      ok: true,
      status: {
        state: 'committed',
        deliveries: [
          { ministryId: 'transportation', status: 'done' },
          { ministryId: 'health', status: 'done', reference: 'HEA-000001' },
          { ministryId: 'natural-resources', status: 'done' },
        ],
      },
    });
    // A kiosk's retry of the commit answers from the journal and sends nothing again.
    expect(await f.hub.commit(K1, commitOf(txId(3), 0, changeOfAddress()))).toMatchObject({ ok: true });
    expect([...f.ministries.values()].reduce((n, m) => n + m.calls.commit, 0)).toBe(5);
  });

  it('keeps the outbox across a restart and delivers from it after the restart', async () => {
    f = hubFixture({ hub: { backoff: { baseMs: 1_000, maxMs: 1_000 } } });
    const health = f.ministry('health').inject('commit', { mode: 'timeout' });
    await f.hub.quote(K1, { txId: txId(4), lang: 'en', details: changeOfAddress() });
    await f.hub.commit(K1, commitOf(txId(4), 0, changeOfAddress()));
    f = f.reopen();
    health.heal();
    await f.hub.start();
    f.clock.advance(1_000);
    await f.hub.worker.idle();
    expect(health.records.get(txId(4))?.details).toMatchObject({ healthCardNumber: '9876543210AB' });
    expect(f.hub.journal.outboxSize()).toBe(0);
  });

  it('refuses a fan-out any of whose ministries cannot validate it now, storing nothing; retried, it is quoted', async () => {
    f = hubFixture();
    f.ministry('health').inject('validate', { mode: 'timeout' }, 1);
    expect(await f.hub.quote(K1, { txId: txId(7), lang: 'en', details: changeOfAddress() })).toMatchObject({
      ok: false,
      error: { code: 'MINISTRY_UNAVAILABLE', retryable: true },
    });
    expect(await f.hub.status(K1, txId(7))).toEqual({ ok: true, status: { txId: txId(7), state: 'unknown' } });
    expect(f.db.prepare(`SELECT COUNT(*) AS n FROM hub_deliveries`).get()).toEqual({ n: 0 });
    expect(await f.hub.quote(K1, { txId: txId(7), lang: 'en', details: changeOfAddress() })).toMatchObject({
      ok: true,
    });
  });

  it('records a queued part its ministry later refuses, for an operator to follow up, without personal data', async () => {
    f = hubFixture({ hub: { backoff: { baseMs: 10_000, maxMs: 60_000 } } });
    const health = f.ministry('health').inject('commit', { mode: 'down' }, 1);
    await f.hub.quote(K1, { txId: txId(8), lang: 'en', details: changeOfAddress() });
    f.hub.worker.start();
    expect(await f.hub.commit(K1, commitOf(txId(8), 0, changeOfAddress()))).toMatchObject({
      ok: true,
      committed: { deliveries: [{ status: 'done' }, { ministryId: 'health', status: 'queued' }, { status: 'done' }] },
    });
    health.inject('commit', { mode: 'refuse', code: 'CARD_CANCELLED' }, 1);
    f.clock.advance(10_000);
    await f.hub.worker.idle();
    expect(f.hub.journal.outboxSize()).toBe(0);
    expect(f.hub.journal.delivery(txId(8), 'health')).toMatchObject({
      status: 'refused',
      refusalCode: 'CARD_CANCELLED',
    });
    expect(f.hub.journal.refusedDeliveries()).toEqual([
      {
        txId: txId(8),
        kioskId: K1,
        serviceId: 'change-of-address',
        ministryId: 'health',
        code: 'CARD_CANCELLED',
        refusedAt: '2026-11-23T15:00:10.000Z',
      },
    ]);
    const raised = f.logs.filter((l) => l.event === 'tx.delivery-refused');
    expect(raised).toEqual([
      expect.objectContaining({ level: 50, txId: txId(8), ministryId: 'health', code: 'CARD_CANCELLED' }),
    ]);
    for (const s of PERSONAL_STRINGS) {
      expect(f.logText()).not.toContain(s);
      expect(nonOutboxText()).not.toContain(s);
    }
    // The transaction stays committed (the other parts are done); the kiosk sees the part is no longer queued.
    expect(await f.hub.status(K1, txId(8))).toMatchObject({
      ok: true,
      status: {
        state: 'committed',
        deliveries: [{ ministryId: 'transportation' }, { ministryId: 'natural-resources' }],
      },
    });
  });

  it('refuses a fan-out no ministry can validate, or one with a ministry the hub has no adapter for', async () => {
    f = hubFixture();
    for (const id of ['transportation', 'health', 'natural-resources'] as const)
      f.ministry(id).inject('validate', { mode: 'down' }, 1);
    expect(await f.hub.quote(K1, { txId: txId(6), lang: 'en', details: changeOfAddress() })).toMatchObject({
      ok: false,
      error: { code: 'MINISTRY_UNAVAILABLE', retryable: true },
    });
    f.ministries.delete('health');
    expect(await f.hub.quote(K1, { txId: txId(6), lang: 'en', details: changeOfAddress() })).toMatchObject({
      ok: false,
      error: { code: 'MINISTRY_UNAVAILABLE', retryable: false },
    });
    expect(await f.hub.status(K1, txId(6))).toEqual({ ok: true, status: { txId: txId(6), state: 'unknown' } });
    expect(f.ministry('transportation').calls.validate).toBe(1);
  });

  it('reports a part the ministry refuses at commit as a line, and delivers the rest', async () => {
    f = hubFixture();
    f.ministry('natural-resources').inject('commit', { mode: 'refuse', code: 'CARD_EXPIRED' }, 1);
    await f.hub.quote(K1, { txId: txId(5), lang: 'en', details: changeOfAddress() });
    const ack = await f.hub.commit(K1, commitOf(txId(5), 0, changeOfAddress()));
    expect(ack).toMatchObject({
      ok: true,
      committed: {
        deliveries: [
          { ministryId: 'transportation', status: 'done' },
          { ministryId: 'health', status: 'done' },
        ],
      },
    });
    expect(ack.ok && 'committed' in ack && ack.committed.lines[0]).toEqual({
      label: 'tx.delivery-refused',
      value: 'natural-resources',
    });
    expect(f.hub.journal.outboxSize()).toBe(0);
  });

  it('leaves no byte of a delivered outbox row in fleet.db or its WAL', async () => {
    f = hubFixture();
    await f.hub.quote(K1, { txId: txId(9), lang: 'en', details: changeOfAddress() });
    expect(await f.hub.commit(K1, commitOf(txId(9), 0, changeOfAddress()))).toMatchObject({ ok: true });
    expect(f.hub.journal.outboxSize()).toBe(0);
    const files = fs.readdirSync(f.dir).filter((name) => name.startsWith('fleet.db'));
    expect(files).toContain('fleet.db');
    const bytes = files.map((name) => fs.readFileSync(path.join(f.dir, name)).toString('latin1')).join('');
    for (const s of PERSONAL_STRINGS) expect(bytes).not.toContain(s);
  });
});
