// The demo's money adds up after a power cut: the demo runs with busy citizens on a fresh data directory, is
// killed (SIGKILL, the whole process: fleet, hub, ministries' systems, kiosks, PIN pads) while transactions are
// in flight, is started again on the same directory until every kiosk's recovery has settled them, is stopped
// with Ctrl-C, and then `guichet reconcile --data-dir` finds the PIN pads, kiosk journals, hub ledger and
// ministries' records in agreement. Few kiosks, many citizens: GUICHET_DEMO_KIOSKS and GUICHET_DEMO_TRAFFIC.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runReconcileCommand } from '@guichet/fleet-server/reconciliation/index';
import { eventually } from '@guichet/shared/test-support/eventually';
import { tempDir } from '../support/fleet-harness';
import { allDemoKiosksOnline, demoToken, spawnDemo, stopDemo, type DemoProcess } from '../support/demo-process';

const KIOSKS = 4;
/** A citizen every half second or so at each kiosk. */
const BUSY = '7200';
const FINAL_STATES = ['completed', 'declined', 'cancelled', 'voided'];

/** Reads a SQLite file of the (running or killed) demo without writing to it; undefined while it is not there. */
function readOnly<T>(file: string, read: (db: Database.Database) => T): T | undefined {
  if (!fs.existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } catch (error) {
    // The demo has not created its tables yet.
    if (/no such table/.test((error as Error).message)) return undefined;
    throw error;
  } finally {
    db.close();
  }
}

function hubStates(dataDir: string): Record<string, number> {
  const rows =
    readOnly(
      path.join(dataDir, 'fleet.db'),
      (db) =>
        db.prepare('SELECT state, count(*) AS n FROM hub_transactions GROUP BY state').all() as {
          state: string;
          n: number;
        }[],
    ) ?? [];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Every kiosk journal's transactions (DATA/kiosks/<kioskId>.transactions.db): state and owed hub cancel. */
function journalRows(dataDir: string): { kioskId: string; state: string; hubCancel: string | null }[] {
  const dir = path.join(dataDir, 'kiosks');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.transactions.db'))
    .flatMap((name) => {
      const kioskId = name.slice(0, -'.transactions.db'.length);
      const rows =
        readOnly(
          path.join(dir, name),
          (db) =>
            db.prepare('SELECT state, hub_cancel FROM transactions').all() as {
              state: string;
              hub_cancel: string | null;
            }[],
        ) ?? [];
      return rows.map((r) => ({ kioskId, state: r.state, hubCancel: r.hub_cancel }));
    });
}

/** What the run saw (times, what was in flight, the reconciliation), printed with the test's output. */
const note = (text: string) => process.stdout.write(`${text}\n`);

const unsettled = (rows: ReturnType<typeof journalRows>) =>
  rows.filter((r) => !FINAL_STATES.includes(r.state) || r.hubCancel === 'pending');

function killed(demo: DemoProcess): Promise<NodeJS.Signals | null> {
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    demo.child.once('exit', (_code, signal) => resolve(signal)),
  );
  demo.child.kill('SIGKILL');
  return exited;
}

describe('the demo after a power cut', () => {
  it('settles what was in flight at the next start, and reconciles clean', { timeout: 300_000 }, async () => {
    const dataDir = tempDir('demo-reconcile');
    const startedAt = Date.now();

    // 1. Busy citizens on a fresh data directory, until the hub has committed a fair number of transactions.
    const first = spawnDemo(dataDir, { GUICHET_DEMO_KIOSKS: String(KIOSKS), GUICHET_DEMO_TRAFFIC: BUSY });
    try {
      await allDemoKiosksOnline(first, await demoToken(first), KIOSKS);
      await eventually('20 committed transactions', () => (hubStates(dataDir).committed ?? 0) >= 20, {
        timeoutMs: 60_000,
        everyMs: 100,
      });
      // 2. Cut the power while some kiosk is mid-transaction.
      await eventually('a transaction in flight', () => unsettled(journalRows(dataDir)).length > 0, {
        timeoutMs: 30_000,
        everyMs: 5,
      });
    } finally {
      expect(await killed(first)).toBe('SIGKILL');
    }
    const atKill = journalRows(dataDir);
    const inFlightAtKill = unsettled(atKill);
    const hubAtKill = hubStates(dataDir);
    note(
      `killed after ${Date.now() - startedAt} ms: ${atKill.length} kiosk transactions, in flight ${inFlightAtKill
        .map((r) => `${r.kioskId}:${r.state}${r.hubCancel === 'pending' ? '+cancel-owed' : ''}`)
        .join(' ')}; hub ${JSON.stringify(hubAtKill)}`,
    );

    // 3. Power back, no citizens: each kiosk's start-up recovery and the hub's settle what was in flight.
    const restartedAt = Date.now();
    const second = spawnDemo(dataDir, { GUICHET_DEMO_KIOSKS: String(KIOSKS), GUICHET_DEMO_TRAFFIC: '0' });
    let stopped: Promise<number | null> | undefined;
    try {
      await allDemoKiosksOnline(second, await demoToken(second), KIOSKS);
      await eventually(
        'nothing in flight',
        () => unsettled(journalRows(dataDir)).length === 0 && (hubStates(dataDir).committing ?? 0) === 0,
        { timeoutMs: 200_000, everyMs: 200 },
      );
      note(`in-flight transactions settled ${Date.now() - restartedAt} ms after the restart`);
    } finally {
      stopped = stopDemo(second);
    }
    expect(await stopped).toBe(0);
    expect(second.stdout()).toContain('no simulated citizens (GUICHET_DEMO_TRAFFIC=0)');
    // The restarted demo began no transaction of its own: the journals hold exactly what they held at the cut.
    expect(journalRows(dataDir).length).toBe(atKill.length);

    // 4. The operator's reconciliation of the whole data directory.
    const result = runReconcileCommand({ dataDir });
    note(`guichet reconcile --data-dir ${dataDir}\n${result.stdout}${result.stderr}`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = result.stdout.trim().split('\n').at(-1)!;
    expect(summary).toMatch(/ discrepancies=0 in-flight=0 clean$/);
    expect(summary).toMatch(new RegExp(`journals=${atKill.length} `));
    expect(Number(/hub-committed=\S+ \((\d+) of/.exec(summary)?.[1])).toBeGreaterThanOrEqual(20);
  });
});
