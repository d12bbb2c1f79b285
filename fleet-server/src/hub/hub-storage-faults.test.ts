// The delivery worker on storage that fails: a run that cannot write the journal is reported to StorageHealth
// (logged once), retried on the backoff rather than in a tight loop, and delivers once storage returns.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { StorageHealth } from '../storage/storage-health';
import { hubFixture, type HubFixture } from '../test-support/hub-fixture';
import { changeOfAddress, commitOf, txId } from '../test-support/hub-test-data';

let f: HubFixture;
afterEach(async () => {
  await f.close();
});

/** Lets the worker's promise chain (run, then reschedule) settle: one turn of the event loop, no waiting. */
async function settle(): Promise<void> {
  await f.hub.worker.idle();
  await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('delivery worker on failing storage', () => {
  it('backs off while the journal cannot be written, reports it once, and delivers when storage returns', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n'))
          if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    let now = (): Date => new Date(0);
    const storageHealth = new StorageHealth(pino({ level: 'info' }, sink), () => now());
    f = hubFixture({ hub: { backoff: { baseMs: 10_000, maxMs: 40_000 }, storageHealth } });
    now = f.clock.now;
    const health = f.ministry('health').inject('commit', { mode: 'down' });
    await f.hub.quote('K-001', { txId: txId(7), lang: 'en', details: changeOfAddress() });
    f.hub.worker.start();
    await f.hub.commit('K-001', commitOf(txId(7), 0, changeOfAddress()));
    expect(f.hub.journal.outboxItem(txId(7), 'health')).toMatchObject({ attempts: 1 });

    // Storage fails before the retry is due: the retry reaches the ministry (still down) but cannot record it.
    f.db.pragma('query_only = 1');
    f.clock.advance(10_000);
    await settle();
    expect(health.calls.commit).toBe(2);
    expect(storageHealth.snapshot()).toEqual({
      storage: 'failing',
      since: '2026-11-23T15:00:10.000Z',
      code: 'SQLITE_READONLY',
      writers: ['hub-delivery'],
    });
    // Ten minutes of failing storage: retries follow the backoff (10, 20, 40, 40… s), not the unchanged due time.
    for (let i = 0; i < 600; i++) {
      f.clock.advance(1_000);
      await settle();
    }
    expect(health.calls.commit).toBe(2 + 1 + 1 + Math.floor((600 - 30) / 40));
    expect(lines.filter((l) => l.event === 'storage.failing')).toHaveLength(1);

    f.db.pragma('query_only = 0');
    health.heal();
    f.clock.advance(40_000);
    await settle();
    expect(f.hub.journal.outboxSize()).toBe(0);
    expect(health.records.has(txId(7))).toBe(true);
    expect(storageHealth.snapshot()).toEqual({ storage: 'ok' });
    expect(lines.filter((l) => l.event === 'storage.recovered')).toHaveLength(1);
  });

  it('answers quotes and commits with HUB_UNAVAILABLE (retryable) while the journal cannot be written', async () => {
    f = hubFixture();
    await f.hub.quote('K-001', { txId: txId(8), lang: 'en', details: changeOfAddress() });
    f.db.pragma('query_only = 1');
    const unavailable = { ok: false, error: { code: 'HUB_UNAVAILABLE', retryable: true } };
    expect(await f.hub.quote('K-001', { txId: txId(9), lang: 'en', details: changeOfAddress() })).toMatchObject(
      unavailable,
    );
    expect(await f.hub.commit('K-001', commitOf(txId(8), 0, changeOfAddress()))).toMatchObject(unavailable);
    expect(f.hub.journal.outboxSize()).toBe(0);
    f.db.pragma('query_only = 0');
    // The kiosk's retry of the same commit, once storage is back, goes through once.
    expect(await f.hub.commit('K-001', commitOf(txId(8), 0, changeOfAddress()))).toMatchObject({ ok: true });
  });
});
