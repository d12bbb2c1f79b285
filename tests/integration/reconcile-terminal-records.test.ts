// The reconciliation reads the payment terminal simulator's own batch file: the file written by
// TerminalRecords (drivers) is what `guichet reconcile` (fleet-server) reads under terminals/<kioskId>.db.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TerminalRecords, type TerminalRecord } from '@guichet/drivers/sim/payment-terminal/terminal-records';
import { runReconcileCommand } from '@guichet/fleet-server/reconciliation/cli';
import { writeDataDir } from '@guichet/fleet-server/reconciliation/data-dir-fixture';
import { cleanDay, TX } from '@guichet/fleet-server/reconciliation/reconciliation-fixtures';

const scratch = mkdtempSync(join(tmpdir(), 'guichet-reconcile-terminal-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const change = (reference: string, state: TerminalRecord['state'], amountCents: number): TerminalRecord => ({
  reference,
  state,
  resultCode: state === 'DECLINED' ? '000100' : '000000',
  amountCents,
  authCode: state === 'DECLINED' ? '' : 'A00001',
  brand: 'VISA',
  last4: '4242',
  terminalRef: 'T000001',
  batch: 1,
  at: '2026-11-29T15:00:00.000Z',
});

describe('reconcile reads the terminal simulator records', () => {
  it('finds a clean day when the terminal batch agrees, and a charge the hub never committed when not', () => {
    const day = cleanDay();
    const dir = join(scratch, 'data');
    writeDataDir(dir, { ...day, terminals: [] });
    const records = TerminalRecords.open(join(dir, 'terminals', 'K-OTTAWA-01.db'));
    records.append(change(TX.sticker, 'APPROVED', 13000));
    records.append(change(TX.declined, 'DECLINED', 4600));
    records.append(change(TX.refused, 'APPROVED', 2600));
    records.append(change(TX.refused, 'REVERSED', 2600));
    expect(runReconcileCommand({ dataDir: dir })).toMatchObject({ code: 0, stderr: '' });

    records.append(change(TX.stray, 'APPROVED', 700));
    records.close();
    const run = runReconcileCommand({ dataDir: dir });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe(
      `charged-not-delivered ${TX.stray} kiosk=K-OTTAWA-01 reason=hub-not-committed state=absent terminal=$7.00`,
    );
  });
});
