// `guichet reconcile` in-process against data directories of real SQLite files: clean, not clean, in flight,
// JSON, and bad input (exit 2 with one line naming what is wrong).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerReconcileCommand, runReconcileCommand } from './cli';
import { writeDataDir } from './data-dir-fixture';
import type { ReconciliationReport } from './discrepancy';
import { cleanDay, TX } from './reconciliation-fixtures';

const scratch = mkdtempSync(join(tmpdir(), 'guichet-reconcile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;

function dataDir(day = cleanDay()): string {
  const dir = join(scratch, `data-${++dirs}`);
  writeDataDir(dir, day);
  return dir;
}

const CLEAN_SUMMARY =
  'summary transactions=5 terminal-captured=$130.00 sales=3 (approved=1 declined=1 reversed=1) ' +
  'hub-committed=$130.00 (2 of 5) ledger-debits=$130.00 ledger-credits=$130.00 ministries=$129.00 (4 records) ' +
  'journals=5 (completed=2 in-flight=0) discrepancies=0 in-flight=0 clean';

describe('guichet reconcile', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('prints one summary line and exits 0 for a clean data directory', () => {
    expect(runReconcileCommand({ dataDir: dataDir() })).toEqual({ code: 0, stdout: `${CLEAN_SUMMARY}\n`, stderr: '' });
  });

  it('reads the layout the kiosk and simulators write, leaving the kiosks’ other files alone', () => {
    const dir = dataDir();
    // Beside each journal a kiosk keeps its telemetry outbox and target state (kiosk-runtime.ts): not journals.
    new Database(join(dir, 'kiosks', 'K-OTTAWA-01.outbox.db')).exec('CREATE TABLE outbox (seq INTEGER)').close();
    new Database(join(dir, 'kiosks', 'K-OTTAWA-01.target.db')).exec('CREATE TABLE target (v TEXT)').close();
    expect(runReconcileCommand({ dataDir: dir })).toEqual({ code: 0, stdout: `${CLEAN_SUMMARY}\n`, stderr: '' });
    // A ministry's records under its system's folder, as startMinistrySimulators writes them, are read as its own.
    rmSync(join(dir, 'ministries', 'vehicles'), { recursive: true });
    expect(runReconcileCommand({ dataDir: dir }).stdout).toContain('reason=no-ministry-record ministry=transportation');
  });

  it('prints one line per discrepancy in dollars and cents, and exits 1', () => {
    const day = cleanDay();
    day.ministries = day.ministries.filter((m) => m.txId !== TX.sticker);
    day.terminals.push({ kioskId: 'K-SUDBURY-02', txId: TX.stray, state: 'approved', amountCents: 1105 });
    const run = runReconcileCommand({ dataDir: dataDir(day) });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      `charged-not-delivered ${TX.sticker} kiosk=K-OTTAWA-01 reason=no-ministry-record ministry=transportation terminal=$130.00`,
      `charged-not-delivered ${TX.stray} kiosk=K-SUDBURY-02 reason=hub-not-committed state=absent terminal=$11.05`,
      expect.stringMatching(
        /^summary transactions=6 terminal-captured=\$141\.05 .* discrepancies=2 in-flight=0 NOT CLEAN$/,
      ),
      '',
    ]);
  });

  it('reads the latest state of a sale from the terminal batch (approved, then reversed)', () => {
    const day = cleanDay();
    day.terminals.find((t) => t.txId === TX.sticker)!.state = 'reversed';
    const run = runReconcileCommand({ dataDir: dataDir(day) });
    expect(run.stdout.split('\n')[0]).toBe(
      `delivered-not-charged ${TX.sticker} kiosk=K-OTTAWA-01 reason=no-approved-sale state=committed hub=$130.00 ministry-amount=$129.00`,
    );
  });

  it('counts every approval in the terminal batch: approved twice, or again after a reversal, is charged twice', () => {
    const twice = cleanDay();
    // Two APPROVED rows for one reference in one terminal's records file.
    twice.terminals.push({ kioskId: 'K-OTTAWA-01', txId: TX.sticker, state: 'approved', amountCents: 13000 });
    expect(runReconcileCommand({ dataDir: dataDir(twice) }).stdout.split('\n')[0]).toBe(
      `charged-twice ${TX.sticker} kiosk=K-OTTAWA-01 reason=two-approved-sales sales=2 terminal=$260.00`,
    );
    // APPROVED, REVERSED, APPROVED: the latest row alone would say one clean capture.
    const again = cleanDay();
    again.terminals.unshift({ kioskId: 'K-OTTAWA-01', txId: TX.sticker, state: 'reversed', amountCents: 13000 });
    const run = runReconcileCommand({ dataDir: dataDir(again) });
    expect(run.stdout.split('\n')[0]).toBe(
      `charged-twice ${TX.sticker} kiosk=K-OTTAWA-01 reason=two-approved-sales sales=2 terminal=$130.00`,
    );
    expect(run.stdout).toContain('sales=4 (approved=1 declined=1 reversed=2)');
  });

  it('lists transactions in flight; they fail the run unless --allow-in-flight', () => {
    const day = cleanDay();
    day.journals.push({ kioskId: 'K-SUDBURY-02', txId: TX.stray, state: 'paying', totalCents: 1100 });
    const dir = dataDir(day);
    const strict = runReconcileCommand({ dataDir: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain(`in-flight ${TX.stray} kiosk=K-SUDBURY-02 reason=kiosk-in-flight state=paying\n`);
    const allowed = runReconcileCommand({ dataDir: dir, allowInFlight: true });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/discrepancies=0 in-flight=1 \(allowed\) clean\n$/);
  });

  it('prints the report as JSON with --json, without anything a ministry holds about the citizen', () => {
    const day = cleanDay();
    day.terminals.push({ kioskId: 'K-OTTAWA-01', txId: TX.stray, state: 'approved', amountCents: 900 });
    const run = runReconcileCommand({ dataDir: dataDir(day), json: true });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as ReconciliationReport;
    expect(report.discrepancies).toEqual([
      {
        kind: 'charged-not-delivered',
        reason: 'hub-not-committed',
        txId: TX.stray,
        kioskId: 'K-OTTAWA-01',
        state: 'absent',
        terminalCents: 900,
      },
    ]);
    expect(report.summary).toMatchObject({ transactions: 6, clean: false, ministries: { records: 4 } });
    expect(run.stdout).not.toContain('subject-key');
  });

  it('runs as a registered subcommand and sets the exit status', async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const program = new Command('guichet').exitOverride();
    registerReconcileCommand(program);
    await program.parseAsync(['node', 'guichet', 'reconcile', '--data-dir', dataDir()]);
    expect(process.exitCode).toBe(0);
    expect(written.join('')).toBe(`${CLEAN_SUMMARY}\n`);
  });

  describe('bad input: exit 2, one line, nothing on stdout', () => {
    const expectBadInput = (dir: string, message: string) => {
      const run = runReconcileCommand({ dataDir: dir });
      expect(run).toEqual({ code: 2, stdout: '', stderr: `guichet reconcile: ${message}\n` });
    };

    it('a missing data directory, or one without a source', () => {
      expectBadInput(join(scratch, 'nowhere'), `${join(scratch, 'nowhere')}: no such directory`);
      const dir = dataDir();
      rmSync(join(dir, 'ministries'), { recursive: true });
      expectBadInput(dir, `${join(dir, 'ministries')}: no such directory`);
      const noHub = dataDir();
      rmSync(join(noHub, 'fleet.db'));
      expectBadInput(noHub, `${join(noHub, 'fleet.db')}: no such file`);
    });

    it('a file that is not SQLite', () => {
      const dir = dataDir();
      writeFileSync(join(dir, 'fleet.db'), 'hub export\n'.repeat(50));
      expectBadInput(dir, `${join(dir, 'fleet.db')}: not a SQLite database`);
    });

    it('a database without the expected tables or columns', () => {
      const dir = dataDir();
      const journal = join(dir, 'kiosks', 'K-NEW-09.transactions.db');
      new Database(journal).exec('CREATE TABLE steps (tx_id TEXT)').close();
      expectBadInput(dir, `${journal}: unexpected schema (no table transactions)`);
      const other = dataDir();
      const terminal = join(other, 'terminals', 'K-NEW-09.db');
      new Database(terminal).exec('CREATE TABLE terminal_records (seq INTEGER, reference TEXT, state TEXT)').close();
      expectBadInput(other, `${terminal}: unexpected schema (table terminal_records lacks amount_cents)`);
    });

    it('a ministry file no ministry is named for, and a sale reference that is not a transaction id', () => {
      const dir = dataDir();
      const unknown = join(dir, 'ministries', 'revenue.sqlite');
      new Database(unknown).exec('CREATE TABLE records (client_reference TEXT)').close();
      expectBadInput(dir, `${unknown}: no ministry is named "revenue"`);
      const day = cleanDay();
      day.terminals.push({ kioskId: 'K-TEST-01', txId: 'TECH-TEST-1', state: 'approved', amountCents: 100 });
      const bench = join(scratch, `data-${++dirs}`);
      mkdirSync(bench);
      // writeDataDir writes what it is given; the reader must refuse a reference that is not a txId.
      writeDataDir(bench, day);
      const run = runReconcileCommand({ dataDir: bench });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(
          `^guichet reconcile: ${join(bench, 'terminals', 'K-TEST-01.db')}: sale TECH-TEST-1: txId [^\\n]+\\n$`,
        ),
      );
    });
  });
});
