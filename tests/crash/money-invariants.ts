// "Money moves exactly once", checked on the records each party keeps for itself: the PIN pad's batch (what was
// charged and reversed), the ministries' own records (what was delivered; Natural Resources' requests still in
// its drop directory count as delivered), the kiosk's journal and the hub with its ledger. Every transaction
// any of them knows must be settled, and either captured once with every part of its service delivered once,
// or not charged (never approved, or reversed) with nothing delivered.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readDetails } from '@guichet/ministries/outdoors/batch-file';
import type { MinistryRecord } from '@guichet/ministries';
import { serviceById } from '@guichet/shared';

/** The ministries each service's transactions reach (the crash test's cases: all ministries up). */
export const EXPECTED_MINISTRIES: Readonly<Record<string, readonly string[]>> = {
  'vehicle-sticker-renewal': ['transportation'],
  'change-of-address': ['transportation', 'health', 'natural-resources'],
};

export interface RecordSources {
  /** The kiosk's journal file (<dataDir>/<kioskId>.transactions.db). */
  journalFile: string;
  /** The PIN pad's durable batch (TerminalRecords). */
  terminalFile: string;
  /** The fleet's database (hub tables, ledger). */
  fleetDb: string;
  /** Each ministry's records as its system holds them (the simulators' records()). */
  ministries: Record<string, () => MinistryRecord[]>;
  /** Natural Resources' drop directory: requests handed over but not ingested yet. */
  outdoorsDropDir: string;
}

export interface TxFacts {
  txId: string;
  journal?: { serviceId: string; state: string; totalCents: number | null; hubCancel: string | null };
  /** Every state change the terminal recorded for this reference, in order. */
  sales: { state: string; amountCents: number }[];
  hub?: { state: string; totalCents: number; serviceCents: number };
  ledger: { account: string; debitCents: number; creditCents: number; kind: string }[];
  outbox: number;
  /** Ministry id → how many records that ministry holds for this transaction, with their amounts. */
  delivered: Map<string, number[]>;
}

function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function outdoorsDropped(dropDir: string): { txId: string; amountCents: number }[] {
  return fs
    .readdirSync(dropDir)
    .filter((name) => name.startsWith('GUICHET_') && (name.endsWith('.part') || name.endsWith('.DAT')))
    .flatMap((name) =>
      readDetails(fs.readFileSync(path.join(dropDir, name), 'latin1')).details.map((d) => ({
        txId: d.clientReference,
        amountCents: d.amountCents,
      })),
    );
}

/** Everything every party recorded, joined on the transaction id. */
export function collectFacts(sources: RecordSources): Map<string, TxFacts> {
  const facts = new Map<string, TxFacts>();
  const of = (txId: string): TxFacts => {
    let f = facts.get(txId);
    if (!f) {
      f = { txId, sales: [], ledger: [], outbox: 0, delivered: new Map() };
      facts.set(txId, f);
    }
    return f;
  };
  readOnly(sources.journalFile, (db) => {
    const rows = db.prepare('SELECT tx_id, service_id, state, total_cents, hub_cancel FROM transactions').all() as {
      tx_id: string;
      service_id: string;
      state: string;
      total_cents: number | null;
      hub_cancel: string;
    }[];
    for (const r of rows)
      of(r.tx_id).journal = {
        serviceId: r.service_id,
        state: r.state,
        totalCents: r.total_cents,
        hubCancel: r.hub_cancel,
      };
  });
  readOnly(sources.terminalFile, (db) => {
    const rows = db.prepare('SELECT reference, state, amount_cents FROM terminal_records ORDER BY seq').all() as {
      reference: string;
      state: string;
      amount_cents: number;
    }[];
    for (const r of rows) of(r.reference).sales.push({ state: r.state, amountCents: r.amount_cents });
  });
  readOnly(sources.fleetDb, (db) => {
    const txs = db.prepare('SELECT tx_id, state, total_cents, service_cents FROM hub_transactions').all() as {
      tx_id: string;
      state: string;
      total_cents: number;
      service_cents: number;
    }[];
    for (const t of txs) of(t.tx_id).hub = { state: t.state, totalCents: t.total_cents, serviceCents: t.service_cents };
    const lines = db.prepare('SELECT tx_id, account, debit_cents, credit_cents, kind FROM ledger_lines').all() as {
      tx_id: string;
      account: string;
      debit_cents: number;
      credit_cents: number;
      kind: string;
    }[];
    for (const l of lines)
      of(l.tx_id).ledger.push({
        account: l.account,
        debitCents: l.debit_cents,
        creditCents: l.credit_cents,
        kind: l.kind,
      });
    const outbox = db.prepare('SELECT tx_id FROM hub_outbox').all() as { tx_id: string }[];
    for (const o of outbox) of(o.tx_id).outbox++;
  });
  const deliver = (txId: string, ministryId: string, amountCents: number): void => {
    const delivered = of(txId).delivered;
    delivered.set(ministryId, [...(delivered.get(ministryId) ?? []), amountCents]);
  };
  for (const [ministryId, records] of Object.entries(sources.ministries))
    for (const r of records()) deliver(r.clientReference, ministryId, r.amountCents);
  for (const d of outdoorsDropped(sources.outdoorsDropDir)) deliver(d.txId, 'natural-resources', d.amountCents);
  return facts;
}

const FINAL = ['completed', 'declined', 'cancelled', 'voided'];

/** What is wrong with one transaction's records; empty when money moved exactly once (or not at all). */
export function violations(f: TxFacts): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${f.txId}: ${what}`);
  const { journal, hub } = f;
  if (!journal) {
    say('the kiosk journal does not know a transaction another party recorded');
    return problems;
  }
  if (!FINAL.includes(journal.state)) say(`the kiosk left it in flight (${journal.state})`);
  if (journal.hubCancel === 'pending') say('the kiosk still owes the hub a cancel');
  if (hub && (hub.state === 'committing' || hub.state === 'quoted')) say(`the hub left it ${hub.state}`);
  if (f.outbox > 0) say(`the hub still holds ${f.outbox} undelivered outbox item(s) with personal data`);

  const approvals = f.sales.filter((s) => s.state === 'APPROVED').length;
  if (approvals > 1) say(`charged twice (${approvals} approvals)`);
  const last = f.sales.at(-1);
  const captured = last?.state === 'APPROVED';
  const expected = EXPECTED_MINISTRIES[journal.serviceId] ?? [];
  const deliveredTo = [...f.delivered.keys()].sort();
  for (const [ministryId, amounts] of f.delivered) if (amounts.length > 1) say(`delivered twice to ${ministryId}`);
  const ledgerBalances =
    f.ledger.reduce((sum, l) => sum + l.debitCents, 0) === f.ledger.reduce((sum, l) => sum + l.creditCents, 0);
  if (!ledgerBalances) say('the ledger postings do not balance');

  if (serviceById(journal.serviceId).priceSource !== 'free') {
    if (captured) {
      if (journal.state !== 'completed') say(`charged but the kiosk ended it ${journal.state}`);
      if (hub?.state !== 'committed') say(`charged without the service: the hub is ${hub?.state ?? 'absent'}`);
      if (deliveredTo.join() !== [...expected].sort().join())
        say(`charged, but delivered to [${deliveredTo.join(', ')}] instead of [${expected.join(', ')}]`);
      if (last.amountCents !== journal.totalCents || last.amountCents !== hub?.totalCents)
        say(`charged ${last.amountCents}, kiosk total ${journal.totalCents}, hub total ${hub?.totalCents}`);
      const clearing = f.ledger
        .filter((l) => l.account === 'card-clearing')
        .reduce((sum, l) => sum + l.debitCents - l.creditCents, 0);
      if (clearing !== last.amountCents)
        say(`card clearing holds ${clearing}, the card was charged ${last.amountCents}`);
      const toMinistries = [...f.delivered.values()].flat().reduce((sum, a) => sum + a, 0);
      if (hub && toMinistries !== hub.serviceCents)
        say(`ministries recorded ${toMinistries}, service ${hub.serviceCents}`);
    } else {
      if (deliveredTo.length > 0) say(`service without the charge: delivered to [${deliveredTo.join(', ')}]`);
      if (hub?.state === 'committed') say('the hub committed a transaction that was not charged');
      if (journal.state === 'completed') say('the kiosk completed a transaction that was not charged');
      if (f.ledger.length > 0) say('ledger lines for a transaction that was not charged');
      if (last && last.state !== 'REVERSED' && last.state !== 'DECLINED') say(`the sale ended ${last.state}`);
    }
  } else {
    if (f.sales.length > 0) say('a free service went to the payment terminal');
    const committed = hub?.state === 'committed';
    if (committed !== (journal.state === 'completed'))
      say(`the hub is ${hub?.state ?? 'absent'} but the kiosk ended it ${journal.state}`);
    const wanted = committed ? [...expected].sort() : [];
    if (deliveredTo.join() !== wanted.join())
      say(`delivered to [${deliveredTo.join(', ')}], expected [${wanted.join(', ')}] (hub ${hub?.state ?? 'absent'})`);
  }
  return problems;
}

/** How a settled transaction ended, for the report: captured and delivered, reversed, or never charged. */
export function outcomeOf(f: TxFacts): string {
  const last = f.sales.at(-1)?.state;
  const how =
    last === 'APPROVED'
      ? 'captured'
      : last === 'REVERSED'
        ? 'reversed'
        : last === 'DECLINED'
          ? 'declined'
          : 'not charged';
  return `${f.journal?.state ?? 'unknown'}, ${how}, ${f.delivered.size} ministr${f.delivered.size === 1 ? 'y' : 'ies'}`;
}
