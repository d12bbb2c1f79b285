// One short real run of the demo's citizens: a real fleet server with its hub, the ministries' simulated legacy
// systems over their real protocols, and two kiosk runtimes on the demo's simulated devices. Visits go through
// each kiosk's own transaction API; what the kiosk journals, the hub commits, the PIN pad's batch and each
// ministry's records hold must agree, and the fleet hears each outcome as telemetry — with no personal data in
// any log.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetServer } from '@guichet/fleet-server';
import { createMinistryAdapters } from '@guichet/fleet-server/hub/adapters/index';
import { DEMO_PRICES_FILE } from '@guichet/fleet-server/test-support/hub-fixture';
import { KioskRuntime } from '@guichet/kiosk';
import { startMinistrySimulators, TEST_CASES, type StartedMinistries } from '@guichet/ministries';
import { eventually } from '@guichet/shared/test-support/eventually';
import { startDemoDevices, stopDemoDevices, type DemoKioskDevices } from '@guichet/provisioning/demo/demo-devices';
import {
  DemoCitizens,
  pickVisit,
  runVisit,
  type CitizenKiosk,
  type CitizenVisit,
  type VisitOutcome,
} from '@guichet/provisioning/demo/demo-citizens';
import { receivedTransactions, tallyTransactions } from '@guichet/provisioning/demo/transaction-summary';
import { captureLog, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';

let server: FleetServer | undefined;
let ministries: StartedMinistries | undefined;
let devices: DemoKioskDevices[] = [];
let runtimes: KioskRuntime[] = [];

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.stop()));
  await stopDemoDevices(devices.splice(0));
  await server?.stop();
  await ministries?.close();
  server = undefined;
  ministries = undefined;
});

const visit = (v: Omit<CitizenVisit, 'lang' | 'action'> & Partial<CitizenVisit>): CitizenVisit => ({
  lang: 'en',
  action: 'pay',
  ...v,
  details: { serviceId: v.serviceId, ...v.details },
});

/** Strings a log must never hold: the seeded citizens' licence, plate, card and ticket numbers. */
const PERSONAL = ['T42187305690318', 'CBKR', '4532716980', '708158004417293', 'PT40917263', '1200 Bay Street'];

describe('demo citizens on real kiosks', () => {
  it('buy, get declined, get refused and change address through the kiosks, and every record agrees', async () => {
    const dir = tempDir('demo-citizens');
    const fleetLog = captureLog();
    const kioskLog = captureLog();
    ministries = await startMinistrySimulators({ dataDir: path.join(dir, 'ministries') });
    const { endpoints } = ministries;
    server = new FleetServer(testFleetConfig(dir, writeSitesFile(dir, 2), { pricesFile: DEMO_PRICES_FILE }), {
      logger: fleetLog.logger,
      ministries: () => createMinistryAdapters(endpoints),
    });
    const fleetUrl = await server.start();
    devices = await startDemoDevices(['K-001', 'K-002'], { dataDir: dir, pollMs: 1_000 });
    runtimes = devices.map(
      ({ kioskId, devices: { board, terminal, printer } }) =>
        new KioskRuntime({
          kioskId,
          credential: server!.credentials.issue(kioskId, new Date()),
          fleetUrl,
          dataDir: path.join(dir, 'kiosks'),
          heartbeatIntervalMs: 200,
          devices: board,
          transactionDevices: { terminal, printer },
          log: kioskLog.logger,
        }),
    );
    runtimes.forEach((runtime) => runtime.start());
    const kiosks: CitizenKiosk[] = runtimes.map((runtime, i) => ({
      kioskId: devices[i]!.kioskId,
      get mode() {
        return runtime.mode;
      },
      get online() {
        return runtime.link.connected;
      },
      get transactions() {
        return runtime.transactions;
      },
      pinPad: devices[i]!.terminal,
    }));
    await Promise.all(runtimes.map((runtime) => runtime.transactions!.ready));
    await eventually('both kiosks online', () => runtimes.every((runtime) => runtime.link.connected));
    const [k1, k2] = kiosks as [CitizenKiosk, CitizenKiosk];

    const sticker = await runVisit(
      k1,
      visit({
        serviceId: 'vehicle-sticker-renewal',
        caseName: 'sticker.ok',
        details: TEST_CASES.sticker.ok,
        pinPad: 'approve',
      }),
    );
    const declined = await runVisit(
      k2,
      visit({
        serviceId: 'driver-record-abstract',
        caseName: 'abstract.ok',
        details: TEST_CASES.abstract.ok,
        pinPad: 'insufficient-funds',
      }),
    );
    const refused = await runVisit(
      k1,
      visit({
        serviceId: 'vehicle-sticker-renewal',
        caseName: 'sticker.unknown-plate',
        details: TEST_CASES.sticker.unknownPlate,
        pinPad: 'approve',
      }),
    );
    const address = await runVisit(
      k2,
      visit({
        serviceId: 'change-of-address',
        caseName: 'address.ok',
        details: TEST_CASES.changeOfAddress.ok,
        pinPad: 'approve',
      }),
    );
    expect([sticker, declined, refused, address].map((o) => [o.outcome, o.code])).toEqual([
      ['completed', undefined],
      ['declined', 'insufficient-funds'],
      ['cancelled', 'MINISTRY_REFUSED'],
      ['completed', undefined],
    ]);

    // Then the demo's own schedule, on real timers, fast: a few more citizens at each kiosk.
    const outcomes: VisitOutcome[] = [];
    const citizens = new DemoCitizens(kiosks, {
      perHour: 36_000,
      timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout) },
      random: Math.random,
      // A sale whose answer is lost takes the terminal's full sale timeout (2 minutes) to settle: not here.
      pick: (random) => {
        const chosen = pickVisit(random);
        return chosen.pinPad === 'no-answer' ? { ...chosen, pinPad: 'approve' } : chosen;
      },
      onVisit: (outcome) => outcomes.push(outcome),
    });
    citizens.start();
    await eventually('six scheduled visits', () => outcomes.filter((o) => o.outcome !== 'kiosk-busy').length >= 6, {
      timeoutMs: 20_000,
    });
    await citizens.stop(10_000);
    expect(citizens.visiting).toBe(0);
    expect(outcomes.every((o) => o.outcome !== 'failed')).toBe(true);

    // The kiosk journals, the hub, the PIN pads and the ministries agree on what was done.
    const visits = [sticker, declined, refused, address, ...outcomes].filter((o) => o.txId !== undefined);
    const journal = visits.map((o) => ({
      ...o,
      record: runtimes[kiosks.findIndex((k) => k.kioskId === o.kioskId)]!.transactions!.get(o.txId!)!,
    }));
    expect(journal.map((j) => j.record.state)).toEqual(visits.map((o) => o.outcome));
    const completed = journal.filter((j) => j.outcome === 'completed');
    const committed = server.db.prepare("SELECT tx_id FROM hub_transactions WHERE state = 'committed'").all() as {
      tx_id: string;
    }[];
    expect(committed.map((r) => r.tx_id).sort()).toEqual(completed.map((j) => j.txId).sort());
    for (const { kioskId, txId, record } of journal) {
      const sale = devices.find((d) => d.kioskId === kioskId)!.terminal.transactions.get(txId!);
      if (record.state === 'completed' && record.quote!.totalCents > 0)
        expect(sale).toMatchObject({ state: 'APPROVED', amountCents: record.quote!.totalCents });
      else expect(sale?.state ?? 'none').not.toBe('APPROVED');
    }
    const vehicles = ministries.simulators.vehicles.records().map((r) => r.clientReference);
    expect(vehicles).toContain(sticker.txId);
    const health = ministries.simulators.health.records().map((r) => r.clientReference);
    expect(health).toContain(address.txId);

    // The fleet heard every final outcome.
    await eventually('the fleet has every outcome', () => {
      const tally = tallyTransactions(receivedTransactions(server!.db, new Date(0), new Date(Date.now() + 1000)));
      return Object.values(tally.counts).reduce((a, b) => a + b, 0) === journal.length && tally;
    });

    for (const text of [fleetLog.captured.text(), kioskLog.captured.text()])
      for (const personal of PERSONAL) expect(text).not.toContain(personal);
  });
});
