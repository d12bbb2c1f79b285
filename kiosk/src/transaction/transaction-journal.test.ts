// The journal on a real SQLite file: WAL and synchronous=FULL, every step readable after close and reopen
// (what a reboot sees), in-flight and owed-cancel queries, and a row that does not read back refused loudly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import type { Cents, TxId } from '@guichet/shared';
import { TransactionJournal } from './transaction-journal';
import { initialRecord, transition, type TxEvent, type TxRecord } from './transaction-machine';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function journalFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-journal-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'K-1.transactions.db');
}

const T0 = Date.parse('2026-11-29T15:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000);

/** Runs events through the machine, journaling each step as the runner does. */
function drive(journal: TransactionJournal, txId: string, events: TxEvent[]): TxRecord {
  let record = initialRecord(txId, 'vehicle-sticker-renewal', 'en', at(0));
  journal.save(record, { fromState: null, event: 'begin' });
  events.forEach((event, i) => {
    const from = record.state;
    record = transition(record, event, at(i + 1)).record;
    journal.save(record, { fromState: from, event: event.type });
  });
  return record;
}

const QUOTE = {
  txId: 'K0000000000000000001' as TxId,
  serviceId: 'vehicle-sticker-renewal' as const,
  serviceCents: 12_000 as Cents,
  feeCents: 100 as Cents,
  totalCents: 12_100 as Cents,
  expiresAt: '2026-11-29T15:10:00.000Z',
  lines: [{ label: 'vehicles.plate', value: '***417' }],
};
const TO_COMPLETED: TxEvent[] = [
  { type: 'service-selected', serviceId: 'vehicle-sticker-renewal', lang: 'fr' },
  { type: 'details-entered' },
  { type: 'quote-requested' },
  { type: 'quote-received', quote: QUOTE },
  { type: 'pay-requested' },
  {
    type: 'sale-approved',
    payment: { brand: 'mastercard', last4: '5454', authCode: 'A12345', terminalReference: 'T000042' },
  },
  { type: 'commit-sent' },
  {
    type: 'commit-succeeded',
    committed: {
      txId: QUOTE.txId,
      state: 'committed',
      committedAt: '2026-11-29T15:00:07.000Z',
      deliveries: [{ ministryId: 'transportation', status: 'done', reference: 'TRA-1' }],
      lines: QUOTE.lines,
    },
  },
  { type: 'receipt-failed', code: 'PRINTER_PRINT_FAILED' },
];

it('opens WAL with synchronous=FULL in its own file, creating the directory', () => {
  const file = journalFile();
  const journal = new TransactionJournal(file);
  expect(journal.settings()).toEqual({ journalMode: 'wal', synchronous: 2 });
  expect(fs.existsSync(file)).toBe(true);
  journal.close();
});

it('reads back every field and every step after close and reopen', () => {
  const file = journalFile();
  const journal = new TransactionJournal(file);
  const completed = drive(journal, 'K0000000000000000001', TO_COMPLETED);
  const paying = drive(journal, 'K0000000000000000002', TO_COMPLETED.slice(0, 5));
  const declined = drive(journal, 'K0000000000000000003', [
    ...TO_COMPLETED.slice(0, 5),
    { type: 'sale-declined', code: 'insufficient-funds' },
  ]);
  journal.close();

  const reopened = new TransactionJournal(file);
  expect(reopened.get(completed.txId)).toEqual(completed);
  expect(reopened.get(paying.txId)).toEqual(paying);
  expect(reopened.get(paying.txId)).toMatchObject({
    state: 'paying',
    saleSentAt: at(5).toISOString(),
    quote: { totalCents: 12_100 },
  });
  expect(reopened.get(completed.txId)).toMatchObject({
    state: 'completed',
    receipt: 'failed',
    payment: { brand: 'mastercard', last4: '5454', authCode: 'A12345', terminalReference: 'T000042' },
    committed: { deliveries: [{ ministryId: 'transportation', status: 'done', reference: 'TRA-1' }] },
  });
  expect(reopened.steps(completed.txId).map((s) => [s.seq, s.fromState, s.event, s.toState])).toEqual([
    [1, null, 'begin', 'selecting'],
    [2, 'selecting', 'service-selected', 'identifying'],
    [3, 'identifying', 'details-entered', 'identifying'],
    [4, 'identifying', 'quote-requested', 'quoting'],
    [5, 'quoting', 'quote-received', 'quoting'],
    [6, 'quoting', 'pay-requested', 'paying'],
    [7, 'paying', 'sale-approved', 'authorized'],
    [8, 'authorized', 'commit-sent', 'committing'],
    [9, 'committing', 'commit-succeeded', 'printing'],
    [10, 'printing', 'receipt-failed', 'completed'],
  ]);
  expect(reopened.inFlight().map((r) => r.txId)).toEqual([paying.txId]);
  expect(reopened.pendingHubCancels().map((r) => r.txId)).toEqual([declined.txId]);
  expect(reopened.get('K0000000000000000009')).toBeUndefined();
  reopened.close();
});

it('a step saved without its own fsync is written all the same, and the connection goes back to FULL', () => {
  const file = journalFile();
  const journal = new TransactionJournal(file);
  const record = initialRecord('K0000000000000000001', 'driver-record-abstract', 'en', at(0));
  journal.save(record, { fromState: null, event: 'begin' }, { sync: false });
  expect(journal.settings().synchronous).toBe(2);
  journal.close();
  const reopened = new TransactionJournal(file);
  expect(reopened.get(record.txId)).toEqual(record);
  reopened.close();
});

it('refuses a row that does not read back (TX_JOURNAL_CORRUPT) rather than guess', () => {
  const file = journalFile();
  const journal = new TransactionJournal(file);
  drive(journal, 'K0000000000000000001', TO_COMPLETED.slice(0, 2));
  const raw = new Database(file);
  raw.prepare("UPDATE transactions SET state = 'half-done'").run();
  raw.close();
  expect(() => journal.get('K0000000000000000001')).toThrow(expect.objectContaining({ code: 'TX_JOURNAL_CORRUPT' }));
  journal.close();
});

it('tells its crash-test observer of each write just before it and once another connection can read it', () => {
  const file = journalFile();
  const seen: string[] = [];
  new TransactionJournal(file).close(); // the file and its tables, for a second connection to read
  const reader = new Database(file, { readonly: true });
  const onDisk = () => (reader.prepare('SELECT COUNT(*) AS n FROM transaction_steps').get() as { n: number }).n;
  const journal = new TransactionJournal(file, {
    onDurableStep: (step, phase) => seen.push(`${step} ${phase} ${onDisk()}`),
  });
  drive(journal, 'K0000000000000000001', TO_COMPLETED.slice(0, 2));
  expect(seen).toEqual([
    'begin -> selecting writing 0',
    'begin -> selecting written 1',
    'service-selected -> identifying writing 1',
    'service-selected -> identifying written 2',
    'details-entered -> identifying writing 2',
    'details-entered -> identifying written 3',
  ]);
  reader.close();
  journal.close();
});
