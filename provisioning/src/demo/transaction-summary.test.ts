// The demo's console summary of the fleet's transaction telemetry: counts per outcome and the money charged.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { formatTally, receivedTransactions, tallyTransactions } from './transaction-summary';

const completed = (totalCents: number, extra: Record<string, unknown> = {}) => ({
  kind: 'transaction.completed',
  data: { outcome: 'completed', totalCents, charged: totalCents > 0, ...extra },
});

describe('transaction summary', () => {
  it('counts each outcome and adds up what completed transactions charged', () => {
    const tally = tallyTransactions([
      completed(12100),
      completed(0),
      completed(968, { recovered: true }),
      { kind: 'transaction.declined', data: { totalCents: 1200, charged: false } },
      { kind: 'transaction.voided', data: { totalCents: 6100, charged: false, recovered: true } },
      { kind: 'transaction.cancelled', data: {} },
      { kind: 'device.changed', data: { device: 'printer' } },
    ]);
    expect(tally).toEqual({
      counts: { completed: 3, declined: 1, cancelled: 1, voided: 1 },
      chargedCents: 13068,
      recovered: 2,
    });
    expect(formatTally(tally)).toBe(
      '3 completed ($130.68 charged), 1 declined, 1 cancelled, 1 voided (2 settled after a kiosk restart)',
    );
    expect(formatTally(tallyTransactions([]))).toBe('none');
  });

  it("reads the fleet's telemetry received in a time window", () => {
    const db = new Database(':memory:');
    db.exec(
      'CREATE TABLE telemetry (kiosk_id TEXT, stream_id TEXT, seq INTEGER, at TEXT, kind TEXT, data TEXT, received_at TEXT)',
    );
    const insert = db.prepare('INSERT INTO telemetry VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run(
      'K-1',
      's',
      1,
      'x',
      'transaction.completed',
      '{"totalCents":500,"charged":true}',
      '2026-11-30T10:00:00.000Z',
    );
    insert.run('K-1', 's', 2, 'x', 'kiosk.started', '{}', '2026-11-30T10:00:01.000Z');
    insert.run('K-2', 's', 1, 'x', 'transaction.declined', '{}', '2026-11-30T10:01:00.000Z');
    const window = receivedTransactions(db, new Date('2026-11-30T10:00:00Z'), new Date('2026-11-30T10:01:00Z'));
    expect(window).toEqual([{ kind: 'transaction.completed', data: { totalCents: 500, charged: true } }]);
    db.close();
  });
});
