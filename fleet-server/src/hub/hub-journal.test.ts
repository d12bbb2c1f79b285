import { afterEach, describe, expect, it } from 'vitest';
import { cents } from '@guichet/shared';
import { hubFixture, type HubFixture } from '../test-support/hub-fixture';
import { HubJournal } from './hub-journal';
import { txId } from '../test-support/hub-test-data';

let f: HubFixture;
afterEach(async () => {
  await f.close();
});

const quoteRow = (id: string) => ({
  txId: id,
  kioskId: 'K-001',
  serviceId: 'driver-record-abstract' as const,
  serviceCents: cents(1200),
  feeCents: cents(100),
  totalCents: cents(1300),
  feeSplit: [
    { party: 'province', cents: cents(50) },
    { party: 'contractor', cents: cents(50) },
  ],
  detailsDigest: 'digest',
  quoteLines: [],
  quotedAt: '2026-11-23T15:00:00.000Z',
  expiresAt: '2026-11-23T15:15:00.000Z',
});

describe('HubJournal group commit', () => {
  it('writes of one turn share a transaction, yet a failing write fails alone', async () => {
    f = hubFixture();
    const journal = f.hub.journal;
    const results = await Promise.allSettled([
      journal.insertQuote(quoteRow(txId(1)), [{ ministryId: 'transportation', cents: cents(1200) }]),
      journal.markCommitting(txId(404), undefined, new Date(), []),
      journal.insertQuote(quoteRow(txId(2)), [{ ministryId: 'transportation', cents: cents(1200) }]),
      // A second quote of the same id breaks the primary key: rolled back to its savepoint, deliveries included.
      journal.insertQuote(quoteRow(txId(1)), [{ ministryId: 'health', cents: cents(1200) }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(journal.get(txId(1))?.state).toBe('quoted');
    expect(journal.get(txId(2))?.state).toBe('quoted');
    expect(journal.get(txId(404))).toBeUndefined();
    expect(journal.deliveries(txId(1)).map((d) => d.ministryId)).toEqual(['transportation']);
  });

  it('rejects every write of a turn when the database is gone, and none is half-done', async () => {
    f = hubFixture();
    const write = f.hub.journal.insertQuote(quoteRow(txId(3)), []);
    f = f.reopen();
    await expect(write).rejects.toThrow(/not open/);
    expect(f.hub.journal.get(txId(3))).toBeUndefined();
  });

  it('tells its crash-test observer of each write just before its transaction and once it committed', async () => {
    f = hubFixture();
    const seen: string[] = [];
    const journal = new HubJournal(f.db, {
      onDurableStep: (step, phase) => seen.push(`${step} ${phase} ${f.hub.journal.get(txId(5))?.state ?? 'absent'}`),
    });
    await journal.insertQuote(quoteRow(txId(5)), [{ ministryId: 'transportation', cents: cents(1200) }]);
    await journal.markCommitting(txId(5), undefined, new Date(), []);
    await journal.setDelivery(txId(5), 'transportation', { status: 'refused', code: 'NO' }, new Date());
    await expect(journal.markCommitted(txId(404), new Date(), [], [])).rejects.toThrow(/not in state committing/);
    expect(seen).toEqual([
      'quote writing absent',
      'quote written quoted',
      'committing writing quoted',
      'committing written committing',
      'delivery:transportation writing committing',
      'delivery:transportation written committing',
      // A write that fails is announced but never reported written.
      'committed writing committing',
    ]);
  });
});
