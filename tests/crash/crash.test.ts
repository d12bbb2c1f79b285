// Money moves exactly once, whatever is killed when: the kiosk runtime is killed with SIGKILL at every write of
// its transaction journal (just before it, and just after it is on disk), the fleet server at every write of
// its hub journal during a commit, for a paid single-ministry service (sticker renewal: PIN pad, Transportation)
// and a free fan-out (change of address: Transportation, Health, Natural Resources). After each kill the process
// starts again on the same data and recovers; then the records each party keeps for itself — the PIN pad's
// batch, the ministries' own records, the kiosk journal, the hub and its ledger — must show every sale captured
// once with its service delivered once, or never charged (or reversed) with nothing delivered, and the
// operator's reconciliation must come out clean. The crash points are counted from a run without a crash, so a
// step added to either journal is exercised without editing this test.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CASES } from '@guichet/ministries';
import { eventually } from '@guichet/shared/test-support/eventually';
import { pointName, type CrashPoint, type FromChild } from './crash-messages';
import { CrashRig } from './crash-rig';
import { outcomeOf, violations } from './money-invariants';

const CASES = {
  paid: {
    serviceId: 'vehicle-sticker-renewal',
    details: { serviceId: 'vehicle-sticker-renewal', ...TEST_CASES.sticker.ok },
  },
  free: {
    serviceId: 'change-of-address',
    details: { serviceId: 'change-of-address', ...TEST_CASES.changeOfAddress.ok },
  },
} as const;
type Case = keyof typeof CASES;
type Who = 'kiosk' | 'hub';

/** The hub's state once each of its journal writes is on disk (hub-journal.ts; `delivery:<ministryId>`). */
const HUB_STATE_AFTER: Record<string, string> = {
  quote: 'quoted',
  committing: 'committing',
  committed: 'committed',
  delivery: 'committing',
};
const hubStateAfter = (step: string): string => {
  const state = HUB_STATE_AFTER[step.split(':')[0]!];
  if (!state) throw new Error(`no known hub state after the journal write ${step}: add it to HUB_STATE_AFTER`);
  return state;
};

const counted: Record<Who, Record<Case, CrashPoint[]>> = {
  kiosk: { paid: [], free: [] },
  hub: { paid: [], free: [] },
};
const exercised: { who: Who; kind: Case; point: string; outcome: string }[] = [];
let rig: CrashRig;

beforeAll(async () => {
  rig = await CrashRig.start();
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

const steps = (messages: FromChild[]): CrashPoint[] =>
  messages.flatMap((m) => (m.type === 'step' ? [{ step: m.step, phase: m.phase }] : []));

/** The journal's steps of one transaction, oldest first, as `<event> -> <state>`. */
function journaledSteps(txId: string): string[] {
  const db = new Database(rig.journalFile, { readonly: true });
  try {
    return (
      db.prepare('SELECT event, to_state FROM transaction_steps WHERE tx_id = ? ORDER BY seq').all(txId) as {
        event: string;
        to_state: string;
      }[]
    ).map((s) => `${s.event} -> ${s.to_state}`);
  } finally {
    db.close();
  }
}

function journalTxIds(): Set<string> {
  const db = new Database(rig.journalFile, { readonly: true });
  try {
    return new Set((db.prepare('SELECT tx_id FROM transactions').all() as { tx_id: string }[]).map((r) => r.tx_id));
  } finally {
    db.close();
  }
}

function hubState(txId: string): string {
  const db = new Database(rig.fleetDb, { readonly: true });
  try {
    const row = db.prepare('SELECT state FROM hub_transactions WHERE tx_id = ?').get(txId) as
      { state: string } | undefined;
    return row?.state ?? 'absent';
  } finally {
    db.close();
  }
}

/** The step on disk when the process died at point `index` (1-based): the last one written at or before it. */
function lastWritten(points: CrashPoint[], index: number): string | undefined {
  return points
    .slice(0, index)
    .filter((p) => p.phase === 'written')
    .at(-1)?.step;
}

/** Every party's records hold the invariants, and the reconciliation is clean; returns how `txId` ended. */
function checkInvariants(txId: string | undefined): string {
  const facts = rig.facts();
  expect([...facts.values()].flatMap(violations)).toEqual([]);
  const report = rig.reconcile();
  expect(report.discrepancies).toEqual([]);
  expect(report.inFlight).toEqual([]);
  expect(report.summary.clean).toBe(true);
  const tx = txId === undefined ? undefined : facts.get(txId);
  return tx ? outcomeOf(tx) : 'nothing recorded anywhere';
}

/** Waits until `child` died, or the transaction resolved without reaching the armed point (a failure). */
async function awaitKill(who: Who, from: number): Promise<void> {
  const child = who === 'kiosk' ? rig.kiosk : rig.fleet;
  await eventually(
    `the ${who} to be killed at its armed step`,
    () => !child.alive || rig.kiosk.messages.slice(from).some((m) => m.type === 'resolved'),
    { timeoutMs: 60_000, everyMs: 20 },
  );
  expect(child.alive, `the ${who} ran past its armed step`).toBe(false);
  expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
}

describe('money moves exactly once when the kiosk or the hub is killed at any step', () => {
  it('counts the durable steps of a paid and of a free transaction run without a crash', async () => {
    for (const kind of ['paid', 'free'] as const) {
      const kioskFrom = rig.kiosk.messages.length;
      const fleetFrom = rig.fleet.messages.length;
      rig.kiosk.send({ type: 'run', ...CASES[kind] });
      const resolved = await rig.kiosk.waitFor(`the ${kind} transaction`, 'resolved', { from: kioskFrom });
      expect(resolved.record.state).toBe('completed');
      await rig.kiosk.sync();
      await rig.fleet.sync();
      counted.kiosk[kind] = steps(rig.kiosk.messages.slice(kioskFrom));
      counted.hub[kind] = steps(rig.fleet.messages.slice(fleetFrom));
      checkInvariants(resolved.txId);
    }
    // Each step is a crash point just before its write and just after it.
    for (const who of ['kiosk', 'hub'] as const)
      for (const kind of ['paid', 'free'] as const) {
        const points = counted[who][kind];
        expect(points.filter((p) => p.phase === 'writing').map((p) => p.step)).toEqual(
          points.filter((p) => p.phase === 'written').map((p) => p.step),
        );
      }
    expect(counted.kiosk.paid.map(pointName)).toContain('sale-approved -> authorized [writing]');
    expect(counted.kiosk.free.map((p) => p.step)).not.toContain('sale-approved -> authorized');
    // A change of address is delivered to each ministry from the hub's outbox, each delivery its own write.
    expect(counted.hub.free.filter((p) => p.phase === 'written').map((p) => p.step)).toEqual([
      'quote',
      'committing',
      'delivery:transportation',
      'delivery:health',
      'delivery:natural-resources',
      'committed',
    ]);
    expect(counted.hub.paid.map(pointName)).toEqual(
      ['quote', 'committing', 'committed'].flatMap((s) => [`${s} [writing]`, `${s} [written]`]),
    );
  }, 60_000);

  for (const kind of ['paid', 'free'] as const)
    it(`kills the kiosk runtime at every step of its journal (${kind})`, async () => {
      const points = counted.kiosk[kind];
      expect(points.length).toBeGreaterThan(0);
      for (const [i, point] of points.entries()) {
        const before = journalTxIds();
        const from = rig.kiosk.messages.length;
        rig.kiosk.send({ type: 'arm', at: i + 1 });
        rig.kiosk.send({ type: 'run', ...CASES[kind] });
        await awaitKill('kiosk', from);
        // It died where it was meant to: the journal holds exactly the steps up to the point.
        const created = [...journalTxIds()].filter((id) => !before.has(id));
        const onDisk = lastWritten(points, i + 1);
        if (onDisk === undefined) expect(created, pointName(point)).toEqual([]);
        else {
          expect(created, pointName(point)).toHaveLength(1);
          expect(journaledSteps(created[0]!).at(-1), pointName(point)).toBe(onDisk);
        }
        await rig.startKiosk();
        const outcome = checkInvariants(created[0]);
        exercised.push({ who: 'kiosk', kind, point: pointName(point), outcome });
      }
    }, 600_000);

  for (const kind of ['paid', 'free'] as const)
    it(`kills the fleet server at every step of its hub journal (${kind})`, async () => {
      const points = counted.hub[kind];
      expect(points.length).toBeGreaterThan(0);
      for (const [i, point] of points.entries()) {
        const from = rig.kiosk.messages.length;
        rig.fleet.send({ type: 'arm', at: i + 1 });
        rig.kiosk.send({ type: 'run', ...CASES[kind] });
        await awaitKill('hub', from);
        const { txId } = await rig.kiosk.waitFor('the transaction id', 'began', { from });
        const onDisk = lastWritten(points, i + 1);
        expect(hubState(txId), pointName(point)).toBe(onDisk === undefined ? 'absent' : hubStateAfter(onDisk));
        // The kiosk keeps running: it retries and asks the restarted hub until the transaction is settled.
        await rig.startFleet();
        const resolved = await rig.kiosk.waitFor('the transaction to resolve', 'resolved', {
          from,
          match: (m) => m.txId === txId,
        });
        const outcome = checkInvariants(txId);
        exercised.push({ who: 'hub', kind, point: pointName(point), outcome: `${outcome} (${resolved.record.state})` });
      }
    }, 600_000);

  it('reconciles clean once the last batch is ingested, every counted crash point exercised', async () => {
    // A clean stop seals the Outdoors batch; the nightly run then moves every request into the ministry's records.
    await rig.fleet.stop();
    rig.runOutdoorsNightly();
    checkInvariants(undefined);
    const outdoors = rig.ministries.simulators.outdoors.records().length;
    expect(outdoors).toBeGreaterThan(0);

    const kiosk = counted.kiosk.paid.length + counted.kiosk.free.length;
    const hub = counted.hub.paid.length + counted.hub.free.length;
    expect(exercised.filter((e) => e.who === 'kiosk')).toHaveLength(kiosk);
    expect(exercised.filter((e) => e.who === 'hub')).toHaveLength(hub);
    const lines = exercised.map((e) => `  ${e.who.padEnd(5)} ${e.kind.padEnd(4)} ${e.point.padEnd(52)} ${e.outcome}`);
    process.stdout.write(
      `${lines.join('\n')}\ncrash points exercised: ${kiosk + hub} (kiosk ${kiosk}, hub ${hub}), all invariants held\n`,
    );
  }, 60_000);
});
