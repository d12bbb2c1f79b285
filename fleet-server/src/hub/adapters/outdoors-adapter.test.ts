// The outdoors adapter against the real Natural Resources simulator: validation over the TCP lookup service,
// commits appended to batch files in a real drop directory, the nightly ingestion, lookup before and after it,
// crash recovery of an open batch, every injected fault, and a restart.
import { appendFileSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cents, type TxDetails } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { startOutdoorsSimulator, type OutdoorsSimulator } from '@guichet/ministries/outdoors/outdoors-simulator';
import { detailLine, headerLine } from '@guichet/ministries/outdoors/batch-file';
import { TEST_CASES } from '@guichet/ministries/test-data';
import { tempDataDir, testTxId } from '@guichet/ministries/test-support';
import { MinistryUnavailableError, type MinistryRequest } from '../ministry-adapter';
import { ManualTimer, type StartTimer } from './deadline';
import { msUntilCutoff, OutdoorsAdapter, type OutdoorsAdapterOptions } from './outdoors-adapter';

const NOW = () => new Date('2026-11-29T15:00:00Z');

/** Batch timers a test fires by hand, each with the delay it was armed for. */
function batchTimers(): { armed: { ms: number; fire: () => void; cancelled: boolean }[]; start: StartTimer } {
  const armed: { ms: number; fire: () => void; cancelled: boolean }[] = [];
  return {
    armed,
    start: (ms, fire) => {
      const entry = { ms, fire, cancelled: false };
      armed.push(entry);
      return () => (entry.cancelled = true);
    },
  };
}
const reason = (error: unknown) => (error instanceof MinistryUnavailableError ? error.details?.reason : error);

function renewal(
  txId: string,
  outdoorsCardNumber: string,
): MinistryRequest & { amountCents: ReturnType<typeof cents> } {
  const details: TxDetails = { serviceId: 'outdoors-card-renewal', outdoorsCardNumber };
  return { txId, serviceId: details.serviceId, ministryId: 'natural-resources', details, amountCents: cents(968) };
}

describe('OutdoorsAdapter × Natural Resources simulator', () => {
  let data: ReturnType<typeof tempDataDir>;
  let sim: OutdoorsSimulator;
  let timer: ManualTimer;
  let adapter: OutdoorsAdapter;
  const make = (options: OutdoorsAdapterOptions = {}) =>
    new OutdoorsAdapter(
      { lookup: sim.address, dropDir: sim.dropDir },
      { startTimer: timer.start, now: NOW, ...options },
    );
  const dropFiles = () => readdirSync(sim.dropDir).filter((n) => n.startsWith('GUICHET_'));

  beforeEach(async () => {
    data = tempDataDir('outdoors');
    sim = await startOutdoorsSimulator({ dataDir: data.dir, now: NOW });
    timer = new ManualTimer();
    adapter = make();
  });
  afterEach(async () => {
    await adapter.close();
    await sim.close();
    data.remove();
  });

  it('validates a renewal with the new expiry and refuses expired, cancelled and unknown cards', async () => {
    await expect(adapter.validate(renewal(testTxId(1), TEST_CASES.outdoors.ok.outdoorsCardNumber))).resolves.toEqual({
      outcome: 'valid',
      lines: [{ label: 'outdoors.newExpiry', value: '2029-12-31' }],
    });
    const refusals: [string, string][] = [
      [TEST_CASES.outdoors.expired.outdoorsCardNumber, 'CARD_EXPIRED'],
      [TEST_CASES.outdoors.cancelled.outdoorsCardNumber, 'CARD_CANCELLED'],
      [TEST_CASES.outdoors.unknown.outdoorsCardNumber, 'NOT_ON_FILE'],
    ];
    for (const [card, code] of refusals)
      await expect(adapter.validate(renewal(testTxId(2), card))).resolves.toMatchObject({ outcome: 'refused', code });
    expect(dropFiles()).toEqual([]);
  });

  it('commits once per transaction id into the open batch; lookup finds it before and after the nightly run', async () => {
    const req = renewal(testTxId(3), TEST_CASES.outdoors.ok.outdoorsCardNumber);
    const first = await adapter.commit(req);
    expect(first).toMatchObject({
      outcome: 'committed',
      reference: expect.stringMatching(/^NR-\d{14}-[0-9A-F]{4}-000001$/) as unknown,
    });
    await expect(adapter.commit(req)).resolves.toEqual(first);
    const [open] = dropFiles();
    expect(open).toMatch(/\.part$/);
    expect(readFileSync(join(sim.dropDir, open ?? ''), 'latin1').match(/^D\|/gm)).toHaveLength(1);
    const reference = first.outcome === 'committed' ? first.reference : '';
    await expect(adapter.lookup(req.txId)).resolves.toEqual({ outcome: 'committed', reference });

    // An open batch is not ingested; a closed one is, once.
    expect(sim.runNightly().files).toEqual([]);
    adapter.closeBatch();
    expect(dropFiles()).toEqual([expect.stringMatching(/\.DAT$/)]);
    await expect(adapter.lookup(req.txId)).resolves.toEqual({ outcome: 'committed', reference });
    expect(sim.runNightly()).toMatchObject({ recorded: 1, duplicates: 0, rejectedFiles: [] });
    expect(dropFiles()).toEqual([]);
    expect(sim.records()).toEqual([
      expect.objectContaining({
        clientReference: req.txId,
        reference,
        kind: 'RNW',
        amountCents: 968,
        data: expect.objectContaining({ newExpiry: '2029-12-31' }) as unknown,
      }),
    ]);
    await expect(adapter.lookup(req.txId)).resolves.toEqual({ outcome: 'committed', reference });
    // A retry after ingestion answers with the same reference and drops nothing new.
    await expect(adapter.commit(req)).resolves.toMatchObject({ reference });
    expect(dropFiles()).toEqual([]);
    // The renewal counts from the new expiry.
    await expect(
      adapter.validate(renewal(testTxId(4), TEST_CASES.outdoors.ok.outdoorsCardNumber)),
    ).resolves.toMatchObject({
      lines: [{ label: 'outdoors.newExpiry', value: '2032-12-31' }],
    });
    await expect(adapter.lookup(testTxId(99))).resolves.toEqual({ outcome: 'not-found' });
  });

  it('drops a change of address as an ADR record', async () => {
    const details: TxDetails = { serviceId: 'change-of-address', ...TEST_CASES.changeOfAddress.ok };
    const outcome = await adapter.commit({
      txId: testTxId(5),
      serviceId: 'change-of-address',
      ministryId: 'natural-resources',
      details,
      amountCents: cents(0),
    });
    expect(outcome.outcome).toBe('committed');
    adapter.closeBatch();
    sim.runNightly();
    expect(sim.records()[0]).toMatchObject({ kind: 'ADR', data: { street: '1200 Bay Street', postalCode: 'M5R2A5' } });
  });

  it('closes a batch when full, and the nightly run on its injected schedule ingests them all', async () => {
    let nightly: (() => void) | undefined;
    await sim.close();
    sim = await startOutdoorsSimulator({
      dataDir: data.dir,
      now: NOW,
      schedule: (run) => ((nightly = run), () => (nightly = undefined)),
    });
    adapter = make({ maxRecordsPerBatch: 2 });
    for (let i = 1; i <= 3; i++)
      await adapter.commit(renewal(testTxId(10 + i), TEST_CASES.outdoors.ok.outdoorsCardNumber));
    expect(
      dropFiles()
        .map((n) => n.slice(-4))
        .sort(),
    ).toEqual(['.DAT', 'part']);
    await adapter.close();
    nightly?.();
    expect(sim.records()).toHaveLength(3);
  });

  it('closes an open batch at its maximum age on a timer, with no later commit, for the nightly run', async () => {
    const timers = batchTimers();
    await adapter.close();
    adapter = make({ batchMaxAgeMs: 15 * 60_000, batchTimer: timers.start });
    const req = renewal(testTxId(30), TEST_CASES.outdoors.ok.outdoorsCardNumber);
    await adapter.commit(req); // 17:00 in Ontario, the day's last Outdoors renewal
    expect(dropFiles()).toEqual([expect.stringMatching(/\.part$/)]);
    expect(timers.armed.map((t) => ({ ms: t.ms, cancelled: t.cancelled }))).toEqual([
      { ms: 15 * 60_000, cancelled: false },
    ]);
    timers.armed[0]?.fire();
    await eventually('the batch to be closed', () => dropFiles()[0]?.endsWith('.DAT') ?? false);
    expect(sim.runNightly()).toMatchObject({ recorded: 1, rejectedFiles: [] });
    expect(sim.records()).toEqual([expect.objectContaining({ clientReference: req.txId })]);
    // The next commit opens a new batch with its own timer.
    await adapter.commit(renewal(testTxId(31), TEST_CASES.outdoors.ok.outdoorsCardNumber));
    expect(timers.armed).toHaveLength(2);
  });

  it('closes an open batch at the nightly cut-off when that comes before its maximum age', async () => {
    const timers = batchTimers();
    await adapter.close();
    adapter = make({
      now: () => new Date('2026-11-30T03:50:00Z'),
      nightlyCutoffUtc: '04:00',
      batchMaxAgeMs: 60 * 60_000,
      batchTimer: timers.start,
    });
    await adapter.commit(renewal(testTxId(32), TEST_CASES.outdoors.ok.outdoorsCardNumber));
    expect(timers.armed.map((t) => t.ms)).toEqual([10 * 60_000]);
    timers.armed[0]?.fire();
    await eventually('the batch to be closed', () => dropFiles()[0]?.endsWith('.DAT') ?? false);
    expect(sim.runNightly()).toMatchObject({ recorded: 1 });
  });

  it('a batch its timer cannot close (drop directory away) is closed by a retry once the directory is back', async () => {
    const timers = batchTimers();
    await adapter.close();
    adapter = make({ batchTimer: timers.start });
    await adapter.commit(renewal(testTxId(36), TEST_CASES.outdoors.ok.outdoorsCardNumber));
    const moved = `${sim.dropDir}-away`;
    renameSync(sim.dropDir, moved);
    timers.armed[0]?.fire();
    await eventually('a retry to be armed', () => timers.armed.length === 2);
    expect(timers.armed[1]?.ms).toBe(60_000);
    renameSync(moved, sim.dropDir);
    timers.armed[1]?.fire();
    await eventually('the batch to be closed', () => dropFiles()[0]?.endsWith('.DAT') ?? false);
    expect(sim.runNightly()).toMatchObject({ recorded: 1, rejectedFiles: [] });
  });

  it('cancels the timer of a batch closed otherwise (full), and refuses a cut-off that is not "HH:MM"', async () => {
    const timers = batchTimers();
    await adapter.close();
    adapter = make({ maxRecordsPerBatch: 1, batchTimer: timers.start });
    await adapter.commit(renewal(testTxId(33), TEST_CASES.outdoors.ok.outdoorsCardNumber));
    expect(timers.armed.map((t) => t.cancelled)).toEqual([true]);
    // A late timer of a closed batch closes nothing else.
    await adapter.commit(renewal(testTxId(34), TEST_CASES.outdoors.ok.outdoorsCardNumber));
    timers.armed[0]?.fire();
    await adapter.commit(renewal(testTxId(35), TEST_CASES.outdoors.ok.outdoorsCardNumber));
    expect(sim.runNightly()).toMatchObject({ recorded: 3, rejectedFiles: [] });
    expect(() => make({ nightlyCutoffUtc: '24:00' })).toThrow(
      expect.objectContaining({ code: 'OUTDOORS_INVALID_CUTOFF' }),
    );
    expect(() => make({ nightlyCutoffUtc: '4h' })).toThrow(/UTC time "HH:MM"/);
    expect(msUntilCutoff(new Date('2026-11-30T04:00:00Z'), 240)).toBe(24 * 60 * 60_000);
    expect(msUntilCutoff(new Date('2026-11-30T04:00:01Z'), 240)).toBe(24 * 60 * 60_000 - 1_000);
    expect(msUntilCutoff(new Date('2026-11-29T22:00:00Z'), 240)).toBe(6 * 60 * 60_000);
  });

  it('seals a batch a crash left open (partial last line cut) when the adapter starts again', async () => {
    const name = 'GUICHET_20261129020000-ABCD.part';
    const line = (n: number) =>
      detailLine({
        sequence: n,
        kind: 'RNW',
        clientReference: testTxId(20 + n),
        cardNumber: TEST_CASES.outdoors.ok.outdoorsCardNumber,
        amountCents: 968,
        street: '',
        unit: '',
        city: '',
        province: '',
        postalCode: '',
      });
    writeFileSync(join(sim.dropDir, name), headerLine('20261129020000-ABCD', '20261129020000') + line(1) + line(2));
    appendFileSync(join(sim.dropDir, name), line(3).slice(0, 20));
    await adapter.close();
    adapter = make();
    expect(dropFiles()).toEqual(['GUICHET_20261129020000-ABCD.DAT']);
    expect(sim.runNightly()).toMatchObject({ recorded: 2, rejectedFiles: [] });
    await expect(adapter.lookup(testTxId(22))).resolves.toMatchObject({ outcome: 'committed' });
    await expect(adapter.lookup(testTxId(23))).resolves.toEqual({ outcome: 'not-found' });
  });

  it('moves a batch that breaks the format to rejected/', () => {
    writeFileSync(join(sim.dropDir, 'GUICHET_X.DAT'), 'H|GUICHET|20261129-XXXX|20261129\nT|000005\n');
    expect(sim.runNightly().rejectedFiles).toEqual(['GUICHET_X.DAT']);
    expect(readdirSync(join(sim.dropDir, 'rejected'))).toEqual(['GUICHET_X.DAT']);
  });

  it('a drop directory that fails → unavailable (down); a missing one is refused at start', async () => {
    await adapter.commit(renewal(testTxId(1), TEST_CASES.outdoors.ok.outdoorsCardNumber));
    const moved = `${sim.dropDir}-away`;
    renameSync(sim.dropDir, moved);
    expect(reason(await adapter.lookup(testTxId(1)).catch((e: unknown) => e))).toBe('down');
    expect(
      reason(
        await adapter.commit(renewal(testTxId(2), TEST_CASES.outdoors.ok.outdoorsCardNumber)).catch((e: unknown) => e),
      ),
    ).toBe('down');
    expect(() => make()).toThrow(/drop directory does not exist/);
    renameSync(moved, sim.dropDir);
    // Nothing was appended while the directory was gone; the first renewal is still delivered.
    adapter.closeBatch();
    expect(sim.runNightly()).toMatchObject({ recorded: 1, rejectedFiles: [] });
    await expect(adapter.lookup(testTxId(1))).resolves.toMatchObject({ outcome: 'committed' });
  });

  it('an injected refusal is a refusal', async () => {
    await sim.inject({ rejects: 'HOLD' });
    await expect(
      adapter.commit(renewal(testTxId(1), TEST_CASES.outdoors.ok.outdoorsCardNumber)),
    ).resolves.toMatchObject({
      outcome: 'refused',
      code: 'MNR_HOLD',
    });
    expect(dropFiles()).toEqual([]);
  });

  it('lookup service down → unavailable (down), and a commit drops nothing', async () => {
    await sim.inject({ down: true });
    expect(
      reason(
        await adapter.commit(renewal(testTxId(1), TEST_CASES.outdoors.ok.outdoorsCardNumber)).catch((e: unknown) => e),
      ),
    ).toBe('down');
    expect(dropFiles()).toEqual([]);
  });

  it('slow past the limit → unavailable (timeout)', async () => {
    await sim.inject({ delayMs: 60_000 });
    const pending = adapter
      .validate(renewal(testTxId(1), TEST_CASES.outdoors.ok.outdoorsCardNumber))
      .catch((e: unknown) => e);
    await eventually('the lookup service to receive the request', () => sim.requestsSeen >= 1);
    timer.expireAll();
    expect(reason(await pending)).toBe('timeout');
  });

  it('a garbled answer line → unavailable (malformed-answer)', async () => {
    await sim.inject({ malformed: true });
    expect(reason(await adapter.lookup(testTxId(1)).catch((e: unknown) => e))).toBe('malformed-answer');
  });

  it('answers twice on the wire and a file delivered twice at night: one clean result, one record', async () => {
    await sim.inject({ answersTwice: true });
    await expect(
      adapter.commit(renewal(testTxId(1), TEST_CASES.outdoors.ok.outdoorsCardNumber)),
    ).resolves.toMatchObject({ outcome: 'committed' });
    adapter.closeBatch();
    expect(sim.runNightly()).toMatchObject({ recorded: 1, duplicates: 1 });
    expect(sim.records()).toHaveLength(1);
  });

  it('a restarted system keeps what it ingested', async () => {
    const first = await adapter.commit(renewal(testTxId(6), TEST_CASES.outdoors.ok.outdoorsCardNumber));
    adapter.closeBatch();
    sim.runNightly();
    await sim.close();
    sim = await startOutdoorsSimulator({ dataDir: data.dir, now: NOW });
    adapter = make();
    expect(sim.records()).toHaveLength(1);
    await expect(adapter.lookup(testTxId(6))).resolves.toEqual({
      outcome: 'committed',
      reference: first.outcome === 'committed' ? first.reference : '',
    });
  });
});
