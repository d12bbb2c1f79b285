// Citizen transactions end to end with the real pieces: a real fleet server (hub, ledger, SQLite WAL) whose
// adapters reach the real ministry simulators (fixed-width TCP, SOAP, REST per issuer, file drop + lookup), and a
// real kiosk runtime over socket.io whose PIN pad and printer come from the kiosk device factory (PIN pad
// simulator with its durable batch, printer simulator over TCP). Each of the six services is sold once against
// the seeded data, then each fault is injected in turn; after every test the reconciliation reads the real data
// directory (docs/architecture.md "Data directory") and must be clean. Last, nothing personal may be found
// outside the ministries' own stores: every SQLite table and raw file byte of the data directory, and every log.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimerHandle, TxDetails, ServiceId } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { FleetServer } from '@guichet/fleet-server';
import { createMinistryAdapters } from '@guichet/fleet-server/hub/adapters/create-ministry-adapters';
import { DEMO_PRICES_FILE } from '@guichet/fleet-server/test-support/hub-fixture';
import { reconcileDataDir, runReconcileCommand } from '@guichet/fleet-server/reconciliation/cli';
import {
  SEED_DRIVERS,
  SEED_HEALTH_CARDS,
  SEED_OUTDOORS_CARDS,
  SEED_VEHICLES,
  startMinistrySimulators,
  TEST_CASES,
  type MinistryRecord,
  type StartedMinistries,
} from '@guichet/ministries';
import { startKioskDevices, terminalRecordsFile, type KioskDevices } from '@guichet/kiosk/devices/device-wiring';
import { KioskRuntime } from '@guichet/kiosk/runtime/kiosk-runtime';
import type { KioskTransactions } from '@guichet/kiosk/transaction/kiosk-transactions';
import type { TxRecord } from '@guichet/kiosk/transaction/transaction-machine';
import type { TransactionTerminal } from '@guichet/kiosk/transaction/transaction-runner';
import { captureLog, tempDir, testFleetConfig, writeSitesFile, type CapturedLog } from '../support/fleet-harness';

const KIOSK = 'K-001';
let data: string;
let sitesFile: string;
let captured: CapturedLog;
let logger: ReturnType<typeof captureLog>['logger'];
let ministries: StartedMinistries;
let adapters: ReturnType<typeof createMinistryAdapters>;
let fleet: FleetServer;
let fleetPort = 0;
/** The hub's clock (outbox retries are due by it); its timers stay real. */
const fleetTime = new ManualTime(Date.now());
/** The PIN pad driver's timers (the 120 s sale timeout fires only when a test advances it). */
const deviceTime = new ManualTime(Date.now());
/** The kiosk's retry timers towards the hub and the terminal. */
const kioskTime = new ManualTime(Date.now());
let devices: KioskDevices;
let runtime: KioskRuntime;
let transactions: KioskTransactions;
/** Runs between the terminal's sale answer and the commit (a test's hook to cut the link there). */
let afterSale: (() => Promise<void>) | undefined;

async function startFleet(): Promise<void> {
  const config = testFleetConfig(data, sitesFile, { pricesFile: DEMO_PRICES_FILE, port: fleetPort });
  fleet = new FleetServer(config, { logger, ministries: adapters, clock: fleetTime });
  await fleet.start();
  fleetPort = Number(new URL(fleet.url).port);
}

beforeAll(async () => {
  data = tempDir('tx-e2e');
  sitesFile = writeSitesFile(data, 1);
  ({ logger, captured } = captureLog());
  ministries = await startMinistrySimulators({ dataDir: path.join(data, 'ministries') });
  // One detail per batch file: each renewal is ingested by the next nightly run the test triggers.
  adapters = createMinistryAdapters(ministries.endpoints, { timeoutMs: 5_000, logger, maxRecordsPerBatch: 1 });
  await startFleet();
  devices = await startKioskDevices(
    {},
    {
      kioskId: KIOSK,
      dataDir: data,
      pollMs: 3_600_000,
      log: logger,
      timers: {
        setTimeout: (callback, ms) => deviceTime.setTimeout(callback, ms),
        clearTimeout: (handle) => deviceTime.clearTimeout(handle as TimerHandle),
        now: () => deviceTime.now().getTime(),
      },
    },
  );
  const terminal: TransactionTerminal = {
    sale: async (request) => {
      const answer = await devices.terminal.sale(request);
      await afterSale?.();
      return answer;
    },
    reverse: (reference) => devices.terminal.reverse(reference),
    cancelUnknownSale: (reference, options) => devices.terminal.cancelUnknownSale(reference, options),
  };
  runtime = new KioskRuntime({
    kioskId: KIOSK,
    credential: fleet.credentials.issue(KIOSK, new Date()),
    fleetUrl: fleet.url,
    dataDir: path.join(data, 'kiosks'),
    heartbeatIntervalMs: 60_000,
    devices: devices.board,
    log: logger,
    backoff: { baseMs: 20, maxMs: 100 },
    transactionDevices: { terminal, printer: devices.printer },
    transactionOptions: { timers: kioskTime, backoff: { baseMs: 1_000, maxMs: 1_000 }, hubTimeoutMs: 8_000 },
  });
  runtime.start();
  transactions = runtime.transactions!;
  await transactions.ready;
  await eventually('the kiosk link is up', () => runtime.link.connected);
}, 60_000);

afterAll(async () => {
  await runtime?.stop();
  await devices?.close();
  await fleet?.stop();
  for (const adapter of adapters?.values() ?? []) await adapter.close();
  await ministries?.close();
});

const simulators = () => ministries.simulators;
const terminalSim = () => devices.simulators.terminal!;
const printerSim = () => devices.simulators.printer!;

/** Every ministry's records, by ministry id (the outdoors ones once its nightly run has ingested the drop). */
function ministryRecords(): Record<string, MinistryRecord[]> {
  const s = simulators();
  s.outdoors.runNightly();
  return {
    transportation: s.vehicles.records(),
    health: s.health.records(),
    'natural-resources': s.outdoors.records(),
    'attorney-general': s.fines['attorney-general'].records(),
    'city-ottawa': s.fines['city-ottawa'].records(),
    'city-toronto': s.fines['city-toronto'].records(),
  };
}

function recordsOf(txId: string): Array<{ ministryId: string; record: MinistryRecord }> {
  return Object.entries(ministryRecords()).flatMap(([ministryId, records]) =>
    records.filter((r) => r.clientReference === txId).map((record) => ({ ministryId, record })),
  );
}

/** The PIN pad's durable batch for one sale reference, in order (what reconciliation reads). */
function terminalStates(txId: string): string[] {
  const db = new Database(terminalRecordsFile(data, KIOSK), { readonly: true });
  try {
    const rows = db.prepare('SELECT state FROM terminal_records WHERE reference = ? ORDER BY seq').all(txId);
    return (rows as { state: string }[]).map((r) => r.state);
  } finally {
    db.close();
  }
}

function hubRow(txId: string): { state: string; total_cents: number } | undefined {
  return fleet.db.prepare('SELECT state, total_cents FROM hub_transactions WHERE tx_id = ?').get(txId) as
    { state: string; total_cents: number } | undefined;
}

const ledger = (txId: string) =>
  fleet.hub.ledger
    .linesFor(txId)
    .map((l) => ({ kind: l.kind, account: l.account, debit: l.debitCents, credit: l.creditCents }));

function expectReconciled(): void {
  simulators().outdoors.runNightly();
  expect(fleet.hub.ledger.unbalanced()).toEqual([]);
  const report = reconcileDataDir(data);
  expect([...report.discrepancies, ...report.inFlight]).toEqual([]);
  expect(report.summary.clean).toBe(true);
}

type Details<S extends ServiceId> = Omit<Extract<TxDetails, { serviceId: S }>, 'serviceId'>;

/** A citizen's whole transaction: choose, enter, quote, accept; the records after the quote and at the end. */
async function sell<S extends ServiceId>(
  serviceId: S,
  details: Details<S>,
  lang: 'en' | 'fr' = 'en',
): Promise<{ txId: string; quoted: TxRecord; done: TxRecord }> {
  const session = await transactions.begin(serviceId, lang);
  await session.enterDetails({ serviceId, ...details });
  const quoted = await session.quote();
  const done = quoted.state === 'quoting' ? await session.pay() : quoted;
  return { txId: session.txId, quoted, done };
}

const fee = (total: number) => [
  { kind: 'capture', account: 'card-clearing', debit: total, credit: 0 },
  { kind: 'capture', account: 'fee:province', debit: 0, credit: 50 },
  { kind: 'capture', account: 'fee:contractor', debit: 0, credit: 50 },
];

describe('each service against the ministry simulators', () => {
  const paid = [
    {
      serviceId: 'vehicle-sticker-renewal',
      details: TEST_CASES.sticker.ok,
      ministryId: 'transportation',
      serviceCents: 12_000,
      label: 'Plate / Plaque',
    },
    {
      serviceId: 'driver-record-abstract',
      details: TEST_CASES.abstract.ok,
      ministryId: 'transportation',
      serviceCents: 1_200,
      label: 'Reference / Référence',
      // The abstract the citizen paid for, from the mainframe's ABST answer (this driver: valid, 3 points, 1).
      receiptShows: [/Licence status\s+Valid/, /Demerit points\s+3/, /Convictions\s+1/],
    },
    {
      serviceId: 'personalized-plates',
      details: TEST_CASES.personalizedPlate.available,
      ministryId: 'transportation',
      serviceCents: 30_500,
      label: 'Plate text / Texte plaque',
    },
    {
      serviceId: 'fines-and-parking-tickets',
      details: { issuer: 'city-ottawa', ticketNumber: TEST_CASES.fines.cityOttawa.ok },
      ministryId: 'city-ottawa',
      serviceCents: 5_500,
      label: 'Ticket / Contravention',
    },
    {
      serviceId: 'outdoors-card-renewal',
      details: TEST_CASES.outdoors.ok,
      ministryId: 'natural-resources',
      serviceCents: 968,
      label: 'Card expiry / Échéance carte',
    },
  ] as const;

  it.each(paid)('$serviceId: charged once, posted, recorded by its ministry, receipt printed', async (c) => {
    const printedBefore = printerSim().text().length;
    const { txId, quoted, done } = await sell(c.serviceId, c.details as Details<typeof c.serviceId>);
    const total = c.serviceCents + 100;
    expect(quoted.quote).toMatchObject({ serviceCents: c.serviceCents, feeCents: 100, totalCents: total });
    expect(done).toMatchObject({
      state: 'completed',
      receipt: 'printed',
      payment: { brand: 'visa', last4: '4242' },
      committed: { deliveries: [{ ministryId: c.ministryId, status: 'done' }] },
    });
    expect(terminalStates(txId)).toEqual(['APPROVED']);
    expect(hubRow(txId)).toEqual({ state: 'committed', total_cents: total });
    expect(ledger(txId)).toEqual(
      expect.arrayContaining([
        ...fee(total),
        { kind: 'capture', account: `ministry-payable:${c.ministryId}`, debit: 0, credit: c.serviceCents },
      ]),
    );
    expect(ledger(txId)).toHaveLength(4);
    const records = recordsOf(txId);
    expect(records.map((r) => [r.ministryId, r.record.amountCents])).toEqual([[c.ministryId, c.serviceCents]]);
    const receipt = printerSim().text().slice(printedBefore);
    expect(receipt).toContain(txId);
    expect(receipt).toContain(`$${(total / 100).toFixed(2)}`);
    expect(receipt).toContain('****4242');
    expect(receipt).toContain(c.label);
    for (const shown of 'receiptShows' in c ? c.receiptShows : []) expect(receipt).toMatch(shown);
    expect(receipt).not.toMatch(/\b(vehicles|fines|outdoors|ministry|tx)\.[a-zA-Z-]+/);
    expect(transactions.get(txId)).toMatchObject({ state: 'completed', receipt: 'printed' });
    expectReconciled();
  });

  it('change of address: free, no sale, three ministries each given only its own record, receipt in French', async () => {
    const salesBefore = terminalSim().received.length;
    const printedBefore = printerSim().text().length;
    const c = TEST_CASES.changeOfAddress.ok;
    const { txId, quoted, done } = await sell('change-of-address', c, 'fr');
    expect(quoted.quote).toMatchObject({ serviceCents: 0, feeCents: 0, totalCents: 0 });
    expect(done.state).toBe('completed');
    expect(done.payment).toBeUndefined();
    expect(done.committed?.deliveries.map((d) => [d.ministryId, d.status]).sort()).toEqual([
      ['health', 'done'],
      ['natural-resources', 'done'],
      ['transportation', 'done'],
    ]);
    expect(terminalSim().received.length).toBe(salesBefore);
    expect(terminalStates(txId)).toEqual([]);
    expect(hubRow(txId)).toEqual({ state: 'committed', total_cents: 0 });
    expect(ledger(txId)).toEqual([]);
    const records = Object.fromEntries(recordsOf(txId).map((r) => [r.ministryId, JSON.stringify(r.record)]));
    expect(Object.keys(records).sort()).toEqual(['health', 'natural-resources', 'transportation']);
    const own = {
      transportation: c.licenceNumber,
      health: c.healthCardNumber.slice(0, 10),
      'natural-resources': c.outdoorsCardNumber,
    };
    for (const [ministryId, record] of Object.entries(records)) {
      expect(record).toContain(own[ministryId as keyof typeof own]);
      for (const [other, value] of Object.entries(own)) if (other !== ministryId) expect(record).not.toContain(value);
    }
    expect(fleet.hub.journal.outboxSize()).toBe(0);
    const receipt = printerSim().text().slice(printedBefore);
    expect(receipt).toContain(txId);
    expect(receipt).toContain('Sans frais / No charge');
    expect(receipt).toContain('ministère de la Santé: fait');
    expect(receipt).not.toMatch(/\b(vehicles|health|outdoors|ministry|tx)\.[a-zA-Z-]+/);
    expectReconciled();
  });
});

describe('faults', () => {
  it('a decline and a PIN timeout: declined, nothing owed, the quote cancelled at the hub', async () => {
    for (const script of ['decline', 'pin-timeout'] as const) {
      terminalSim().script = script;
      const { txId, done } = await sell('vehicle-sticker-renewal', TEST_CASES.sticker.ok);
      terminalSim().script = 'approve';
      expect(done.state).toBe('declined');
      expect(terminalStates(txId)).toEqual(['DECLINED']);
      await eventually('the hub drops the quote', () => hubRow(txId)?.state === 'cancelled');
      expect(recordsOf(txId)).toEqual([]);
      expect(ledger(txId)).toEqual([]);
    }
    expectReconciled();
  });

  it('the terminal never answers a sale it approved: settled as unknown, reversed, not charged', async () => {
    const session = await transactions.begin('outdoors-card-renewal', 'en');
    await session.enterDetails({ serviceId: 'outdoors-card-renewal', ...TEST_CASES.outdoors.expiringSoon });
    await session.quote();
    terminalSim().fault = 'drop-after-auth';
    const paying = session.pay();
    await eventually('the terminal approves the sale', () => terminalStates(session.txId).length === 1);
    terminalSim().fault = 'none';
    await deviceTime.advance(120_000);
    const done = await paying;
    // Unknown → cancelUnknownSale: the terminal had approved it, so the driver reversed it (voided).
    expect(done.state).toBe('voided');
    expect(terminalStates(session.txId)).toEqual(['APPROVED', 'REVERSED']);
    await eventually('the hub drops the quote', () => hubRow(session.txId)?.state === 'cancelled');
    expect(recordsOf(session.txId)).toEqual([]);
    expectReconciled();
  });

  it('paper runs out mid-receipt: the transaction stays completed and the receipt is reprinted', async () => {
    printerSim().inject({ paperEndAfterBytes: 200 });
    const session = await transactions.begin('driver-record-abstract', 'en');
    await session.enterDetails({ serviceId: 'driver-record-abstract', ...TEST_CASES.abstract.ok });
    await session.quote();
    // The printer never confirms the job: the driver gives up after its completion timeout (20 s, real timers:
    // the device factory gives the printer no injected timers).
    const done = await session.pay();
    const txId = session.txId;
    expect(done.state).toBe('completed');
    expect(done.receipt).not.toBe('printed');
    expect(terminalStates(txId)).toEqual(['APPROVED']);
    printerSim().inject({ paper: 'ok', paperEndAfterBytes: undefined });
    const before = printerSim().text().length;
    expect(await transactions.reprint(txId)).toMatchObject({ state: 'completed', receipt: 'printed' });
    expect(printerSim().text().slice(before)).toContain(txId);
    // The abstract is not kept by the kiosk: the reprint asked the hub, which asked the mainframe again (LKUP).
    expect(printerSim().text().slice(before)).toMatch(/Demerit points\s+3/);
    expectReconciled();
  }, 60_000);

  it('a ministry down at quote: refused before any sale', async () => {
    await simulators().vehicles.inject({ down: true });
    const { txId, done } = await sell('vehicle-sticker-renewal', TEST_CASES.sticker.ok);
    await simulators().vehicles.heal();
    expect(done).toMatchObject({ state: 'cancelled', code: 'MINISTRY_UNAVAILABLE' });
    expect(done.quote).toBeUndefined();
    expect(terminalStates(txId)).toEqual([]);
    expect(hubRow(txId)).toBeUndefined();
    expectReconciled();
  });

  it('a ministry down at commit: the hub cannot tell, the kiosk waits, then voids once the ministry says it has nothing', async () => {
    const session = await transactions.begin('vehicle-sticker-renewal', 'en');
    await session.enterDetails({ serviceId: 'vehicle-sticker-renewal', ...TEST_CASES.sticker.northernOntario });
    await session.quote();
    await simulators().vehicles.inject({ down: true });
    const waiting = await session.pay();
    expect(waiting.state).toBe('committing');
    expect(hubRow(session.txId)?.state).toBe('committing');
    await simulators().vehicles.heal();
    await eventually('the kiosk learns the hub refused it, and voids', async () => {
      await kioskTime.advance(1_000);
      return session.state === 'voided';
    });
    expect(terminalStates(session.txId)).toEqual(['APPROVED', 'REVERSED']);
    expect(hubRow(session.txId)?.state).toBe('refused');
    expect(ledger(session.txId)).toEqual([]);
    expect(recordsOf(session.txId)).toEqual([]);
    expectReconciled();
  });

  it('change of address with Health down at commit: queued, completed, delivered when Health is back', async () => {
    const c = TEST_CASES.changeOfAddress.withoutOutdoorsCard;
    const session = await transactions.begin('change-of-address', 'en');
    await session.enterDetails({ serviceId: 'change-of-address', ...c });
    await session.quote();
    await simulators().health.inject({ down: true });
    const done = await session.pay();
    expect(done.state).toBe('completed');
    expect(done.committed?.deliveries.map((d) => [d.ministryId, d.status]).sort()).toEqual([
      ['health', 'queued'],
      ['transportation', 'done'],
    ]);
    expect(fleet.hub.journal.outboxSize()).toBe(1);
    expect(JSON.stringify(printerSim().receipts().at(-1))).toContain('queued');
    await simulators().health.heal();
    fleetTime.setTime(fleetTime.now().getTime() + 10 * 60_000);
    await eventually('the outbox delivers to Health', () => {
      fleet.hub.worker.poke();
      return fleet.hub.journal.outboxSize() === 0;
    });
    expect(
      recordsOf(session.txId)
        .map((r) => r.ministryId)
        .sort(),
    ).toEqual(['health', 'transportation']);
    expectReconciled();
  });

  it('the hub restarts between quote and commit: the quote survives and the commit goes through', async () => {
    const session = await transactions.begin('fines-and-parking-tickets', 'en');
    await session.enterDetails({
      serviceId: 'fines-and-parking-tickets',
      issuer: 'city-toronto',
      ticketNumber: TEST_CASES.fines.cityToronto.ok,
    });
    await session.quote();
    await fleet.stop();
    await eventually('the kiosk sees the link drop', () => !runtime.link.connected);
    await startFleet();
    await eventually('the kiosk reconnects', () => runtime.link.connected);
    const done = await session.pay();
    expect(done).toMatchObject({ state: 'completed', receipt: 'printed' });
    expect(recordsOf(session.txId).map((r) => [r.ministryId, r.record.amountCents])).toEqual([['city-toronto', 4_500]]);
    expect(ledger(session.txId)).toHaveLength(4);
    expectReconciled();
  });

  it('the hub restarts with a commit in flight: resumed from the ministry at start-up, completed once', async () => {
    const session = await transactions.begin('vehicle-sticker-renewal', 'en');
    await session.enterDetails({ serviceId: 'vehicle-sticker-renewal', ...TEST_CASES.sticker.ok });
    await session.quote();
    // The mainframe records the renewal but its answers (to the commit and to the lookup) are unreadable.
    await simulators().vehicles.inject({ malformed: true });
    expect((await session.pay()).state).toBe('committing');
    expect(hubRow(session.txId)?.state).toBe('committing');
    expect(recordsOf(session.txId).map((r) => r.ministryId)).toEqual(['transportation']);
    await fleet.stop();
    await eventually('the kiosk sees the link drop', () => !runtime.link.connected);
    await simulators().vehicles.heal();
    await startFleet();
    expect(hubRow(session.txId)?.state).toBe('committed');
    await eventually('the kiosk reconnects', () => runtime.link.connected);
    await eventually('the kiosk learns the hub committed it', async () => {
      await kioskTime.advance(1_000);
      return session.state === 'completed';
    });
    expect(session.snapshot.receipt).toBe('printed');
    expect(terminalStates(session.txId)).toEqual(['APPROVED']);
    expect(ledger(session.txId)).toHaveLength(4);
    expect(recordsOf(session.txId)).toHaveLength(1);
    expectReconciled();
  });

  it('the link is lost between the sale and the commit: voided, and the hub told to drop the quote once back', async () => {
    const session = await transactions.begin('outdoors-card-renewal', 'en');
    await session.enterDetails({ serviceId: 'outdoors-card-renewal', ...TEST_CASES.outdoors.ok });
    await session.quote();
    afterSale = async () => {
      afterSale = undefined;
      await fleet.stop();
      await eventually('the kiosk sees the link drop', () => !runtime.link.connected);
    };
    const done = await session.pay();
    expect(done.state).toBe('voided');
    expect(terminalStates(session.txId)).toEqual(['APPROVED', 'REVERSED']);
    await startFleet();
    await eventually('the kiosk reconnects', () => runtime.link.connected);
    await eventually('the kiosk cancels the quote at the hub', async () => {
      await kioskTime.advance(1_000);
      return hubRow(session.txId)?.state === 'cancelled';
    });
    expect(recordsOf(session.txId)).toEqual([]);
    expectReconciled();
  });
});

describe('privacy', () => {
  const personal = [
    ...SEED_DRIVERS.flatMap((d) => [d.licenceNumber, d.surname, d.givenName]),
    ...SEED_VEHICLES.flatMap((v) => [v.plate, v.plate.replace(/\s/g, '')]),
    TEST_CASES.personalizedPlate.available.plateText,
    ...SEED_HEALTH_CARDS.map((h) => h.number),
    ...SEED_OUTDOORS_CARDS.map((o) => o.number),
    TEST_CASES.changeOfAddress.ok.newAddress.street,
    TEST_CASES.changeOfAddress.ok.newAddress.postalCode,
    'M5R 2A5',
  ];

  function filesOutsideMinistries(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return file === path.join(data, 'ministries') ? [] : filesOutsideMinistries(file);
      return [file];
    });
  }

  it('no name, licence, plate, card number, address or PAN outside the ministries’ own stores', () => {
    const strings = [...personal, terminalSim().cardNumber];
    expect(fleet.hub.journal.outboxSize()).toBe(0);
    const files = filesOutsideMinistries(data);
    const databases = files.filter((f) => /\.(db|sqlite)$/.test(f));
    expect(databases.map((f) => path.relative(data, f)).sort()).toEqual(
      expect.arrayContaining(['fleet.db', `kiosks/${KIOSK}.transactions.db`, `terminals/${KIOSK}.db`]),
    );
    const findings: string[] = [];
    for (const file of databases) {
      const db = new Database(file, { readonly: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
        for (const { name } of tables) {
          const rows = JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all());
          for (const s of strings) if (rows.includes(s)) findings.push(`${path.relative(data, file)} ${name}: ${s}`);
        }
      } finally {
        db.close();
      }
    }
    for (const file of files) {
      const bytes = fs.readFileSync(file).toString('latin1');
      for (const s of strings) if (bytes.includes(s)) findings.push(`${path.relative(data, file)} (bytes): ${s}`);
    }
    const logs = captured.text();
    for (const s of strings) if (logs.includes(s)) findings.push(`logs: ${s}`);
    expect(captured.lines.length).toBeGreaterThan(20);
    expect(findings).toEqual([]);
  });

  it('`guichet reconcile --data-dir` reads this layout: clean, every transaction seen, nothing personal printed', () => {
    const result = runReconcileCommand({ dataDir: data, json: true });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(result.stdout) as { summary: Record<string, unknown> };
    expect(report.summary).toMatchObject({ clean: true });
    const journal = new Database(path.join(data, 'kiosks', `${KIOSK}.transactions.db`), { readonly: true });
    const txIds = (journal.prepare('SELECT tx_id FROM transactions').all() as { tx_id: string }[]).map((r) => r.tx_id);
    journal.close();
    expect(txIds.length).toBeGreaterThanOrEqual(15);
    const text = runReconcileCommand({ dataDir: data }).stdout;
    for (const s of [...personal, terminalSim().cardNumber]) expect(result.stdout + text).not.toContain(s);
  });
});
