import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cents } from '@guichet/shared';
import { openDatabase, type Db } from '../storage/database';
import { LedgerStore } from './ledger-store';
import { postingsFor } from './posting-rules';

let dir: string;
let db: Db;
let ledger: LedgerStore;
const at = new Date('2026-11-23T15:00:00Z');

const sticker = (txId: string) =>
  postingsFor({
    txId,
    totalCents: cents(12100),
    ministryAmounts: [{ ministryId: 'transportation', cents: cents(12000) }],
    feeSplit: [
      { party: 'province', cents: cents(50) },
      { party: 'contractor', cents: cents(50) },
    ],
  });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-ledger-'));
  db = openDatabase(dir);
  ledger = new LedgerStore(db);
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('LedgerStore', () => {
  it('appends postings and answers lines, balances and the unbalanced check', () => {
    ledger.append('TX1', 'capture', sticker('TX1'), at);
    ledger.append('TX2', 'capture', sticker('TX2'), at);
    expect(ledger.linesFor('TX1').map((l) => [l.kind, l.account, l.debitCents, l.creditCents])).toEqual([
      ['capture', 'card-clearing', 12100, 0],
      ['capture', 'ministry-payable:transportation', 0, 12000],
      ['capture', 'fee:province', 0, 50],
      ['capture', 'fee:contractor', 0, 50],
    ]);
    expect(ledger.balanceOf('card-clearing').netCents).toBe(24200);
    expect(ledger.balanceOf('fee:contractor')).toEqual({
      account: 'fee:contractor',
      debitCents: 0,
      creditCents: 100,
      netCents: -100,
    });
    expect(ledger.balances().reduce((sum, b) => sum + b.netCents, 0)).toBe(0);
    expect(ledger.balances({ from: new Date('2026-11-24T00:00:00Z') })).toEqual([]);
    expect(ledger.unbalanced()).toEqual([]);
  });

  it('reverses a capture once with the mirror lines, bringing every account back to zero', () => {
    ledger.append('TX1', 'capture', sticker('TX1'), at);
    ledger.reverse('TX1', at);
    expect(ledger.balances().every((b) => b.netCents === 0)).toBe(true);
    expect(() => ledger.reverse('TX1', at)).toThrow(expect.objectContaining({ code: 'LEDGER_ALREADY_REVERSED' }));
    expect(() => ledger.reverse('NOPE', at)).toThrow(expect.objectContaining({ code: 'LEDGER_NOTHING_TO_REVERSE' }));
  });

  it('refuses an unbalanced posting and a second capture of the same transaction, keeping nothing of either', () => {
    const lines = sticker('TX1');
    expect(() => ledger.append('TX1', 'capture', lines.slice(1), at)).toThrow(
      expect.objectContaining({ code: 'LEDGER_UNBALANCED' }),
    );
    ledger.append('TX1', 'capture', lines, at);
    expect(() => ledger.append('TX1', 'capture', lines, at)).toThrow(/UNIQUE/);
    expect(ledger.linesFor('TX1')).toHaveLength(4);
  });

  it('is append-only: SQLite refuses UPDATE and DELETE of ledger lines', () => {
    ledger.append('TX1', 'capture', sticker('TX1'), at);
    expect(() => db.prepare(`UPDATE ledger_lines SET credit_cents = 1 WHERE account = 'fee:province'`).run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare(`DELETE FROM ledger_lines`).run()).toThrow(/append-only/);
    expect(ledger.balanceOf('fee:province').creditCents).toBe(50);
  });

  it('finds a posting that does not balance when the table was written around the store', () => {
    db.prepare(
      `INSERT INTO ledger_lines (tx_id, kind, account, debit_cents, credit_cents, posted_at) VALUES ('TX9', 'capture', 'card-clearing', 500, 0, ?)`,
    ).run(at.toISOString());
    expect(ledger.unbalanced()).toEqual([{ txId: 'TX9', kind: 'capture', debitCents: 500, creditCents: 0 }]);
  });
});
