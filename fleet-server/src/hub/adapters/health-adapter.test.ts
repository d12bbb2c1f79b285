// The health adapter against the real SOAP simulator over HTTP: card validation, address change committed once
// per transaction id, lookup, validation faults as refusals, every injected fault, and a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cents, type TxDetails } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { startHealthSimulator, type HealthSimulator } from '@guichet/ministries/health/health-simulator';
import { TEST_CASES } from '@guichet/ministries/test-data';
import { tempDataDir, testTxId } from '@guichet/ministries/test-support';
import { MinistryUnavailableError, type MinistryRequest } from '../ministry-adapter';
import { ManualTimer } from './deadline';
import { HealthAdapter } from './health-adapter';

const NOW = () => new Date('2026-11-29T15:00:00Z');
type Case = (typeof TEST_CASES.changeOfAddress)[keyof typeof TEST_CASES.changeOfAddress];

function request(txId: string, c: Case): MinistryRequest & { amountCents: ReturnType<typeof cents> } {
  const details: TxDetails = { serviceId: 'change-of-address', ...c };
  return { txId, serviceId: 'change-of-address', ministryId: 'health', details, amountCents: cents(0) };
}
const reason = (error: unknown) => (error instanceof MinistryUnavailableError ? error.details?.reason : error);

describe('HealthAdapter × Health SOAP simulator', () => {
  let data: ReturnType<typeof tempDataDir>;
  let sim: HealthSimulator;
  let timer: ManualTimer;
  let adapter: HealthAdapter;
  const base = () => `http://${sim.address.host}:${sim.address.port}`;

  beforeEach(async () => {
    data = tempDataDir('health');
    sim = await startHealthSimulator({ dataDir: data.dir, now: NOW });
    timer = new ManualTimer();
    adapter = new HealthAdapter({ url: base() }, { startTimer: timer.start });
  });
  afterEach(async () => {
    await adapter.close();
    await sim.close();
    data.remove();
  });

  it('validates a card by number and version code and records nothing', async () => {
    await expect(adapter.validate(request(testTxId(1), TEST_CASES.changeOfAddress.ok))).resolves.toEqual({
      outcome: 'valid',
      lines: [],
    });
    expect(sim.records()).toHaveLength(0);
  });

  it('refuses an expired card, a wrong version code and a replaced card', async () => {
    const cases: [Case, string][] = [
      [TEST_CASES.changeOfAddress.expiredHealthCard, 'CARD_EXPIRED'],
      [TEST_CASES.changeOfAddress.wrongVersionCode, 'INVALID_VERSION_CODE'],
      [TEST_CASES.changeOfAddress.replacedHealthCard, 'CARD_REPLACED'],
    ];
    for (const [c, code] of cases) {
      await expect(adapter.validate(request(testTxId(1), c))).resolves.toMatchObject({ outcome: 'refused', code });
      // The same rule refuses at commit, as a SOAP validation fault.
      await expect(adapter.commit(request(testTxId(2), c))).resolves.toMatchObject({ outcome: 'refused', code });
    }
    expect(sim.records()).toHaveLength(0);
  });

  it('commits once per transaction id (the ClientReference), and lookup finds it', async () => {
    const req = request(testTxId(3), TEST_CASES.changeOfAddress.ok);
    const first = await adapter.commit(req);
    expect(first).toMatchObject({
      outcome: 'committed',
      reference: expect.stringMatching(/^HCA2026-\d{7}$/) as unknown,
    });
    await expect(adapter.commit(req)).resolves.toEqual(first);
    expect(sim.records()).toHaveLength(1);
    expect(sim.records()[0]).toMatchObject({
      clientReference: testTxId(3),
      subject: '4532716980',
      data: { line1: '1200 Bay Street', line2: 'UNIT 1504', postalCode: 'M5R2A5' },
    });
    await expect(adapter.lookup(testTxId(3))).resolves.toEqual({
      outcome: 'committed',
      reference: first.outcome === 'committed' ? first.reference : '',
    });
    await expect(adapter.lookup(testTxId(4))).resolves.toEqual({ outcome: 'not-found' });
  });

  it('keeps XML special characters in an address intact', async () => {
    const c = {
      ...TEST_CASES.changeOfAddress.ok,
      newAddress: { ...TEST_CASES.changeOfAddress.ok.newAddress, street: '12 <Smith> & Sons Rd' },
    };
    await adapter.commit(request(testTxId(5), c));
    expect(sim.records()[0]?.data).toMatchObject({ line1: '12 <Smith> & Sons Rd' });
  });

  it('an injected validation fault is a refusal', async () => {
    await sim.inject({ rejects: '99' });
    await expect(adapter.commit(request(testTxId(1), TEST_CASES.changeOfAddress.ok))).resolves.toMatchObject({
      outcome: 'refused',
      code: 'HCV_99',
    });
    expect(sim.records()).toHaveLength(0);
  });

  it('down → unavailable (down); healed → works', async () => {
    await sim.inject({ down: true });
    expect(reason(await adapter.lookup(testTxId(1)).catch((e: unknown) => e))).toBe('down');
    await sim.heal();
    await expect(adapter.lookup(testTxId(1))).resolves.toEqual({ outcome: 'not-found' });
  });

  it('slow past the limit → unavailable (timeout); the submission landed and lookup says so', async () => {
    await sim.inject({ delayMs: 60_000 });
    const pending = adapter.commit(request(testTxId(6), TEST_CASES.changeOfAddress.ok)).catch((e: unknown) => e);
    await eventually('the service to receive the submission', () => sim.requestsSeen >= 1);
    timer.expireAll();
    expect(reason(await pending)).toBe('timeout');
    await sim.heal();
    await expect(adapter.lookup(testTxId(6))).resolves.toMatchObject({ outcome: 'committed' });
  });

  it('a truncated envelope → unavailable (malformed-answer)', async () => {
    await sim.inject({ malformed: true });
    expect(
      reason(await adapter.validate(request(testTxId(1), TEST_CASES.changeOfAddress.ok)).catch((e: unknown) => e)),
    ).toBe('malformed-answer');
  });

  it('a request delivered twice to the back end makes one record and a clean answer', async () => {
    await sim.inject({ answersTwice: true });
    const outcome = await adapter.commit(request(testTxId(7), TEST_CASES.changeOfAddress.ok));
    expect(outcome.outcome).toBe('committed');
    expect(sim.requestsSeen).toBe(1);
    expect(sim.records()).toHaveLength(1);
  });

  it('a restarted service keeps its records', async () => {
    const first = await adapter.commit(request(testTxId(8), TEST_CASES.changeOfAddress.ok));
    await sim.close();
    sim = await startHealthSimulator({ dataDir: data.dir, now: NOW });
    adapter = new HealthAdapter({ url: base() }, { startTimer: timer.start });
    await expect(adapter.lookup(testTxId(8))).resolves.toEqual({
      outcome: 'committed',
      reference: first.outcome === 'committed' ? first.reference : '',
    });
  });
});
