// The fines adapter against each issuer's real HTTP simulator (Attorney General, Toronto, Ottawa — three
// dialects): amount due, refusals, one payment per transaction id, lookup, every injected fault, restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cents, type Cents } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { startFinesSimulator, type FinesSimulator } from '@guichet/ministries/fines/fines-simulator';
import { SEED_AG_TICKETS, SEED_OTTAWA_TICKETS, SEED_TORONTO_TICKETS, TEST_CASES } from '@guichet/ministries/test-data';
import { tempDataDir, testTxId } from '@guichet/ministries/test-support';
import { MinistryUnavailableError, type MinistryRequest } from '../ministry-adapter';
import { ManualTimer } from './deadline';
import { FinesAdapter, type FinesIssuerId } from './fines-adapter';

const NOW = () => new Date('2026-11-29T15:00:00Z');

const ISSUERS: {
  issuer: FinesIssuerId;
  cases: { ok: string; paid: string; unknown: string };
  due: number;
  reference: RegExp;
}[] = [
  {
    issuer: 'attorney-general',
    cases: TEST_CASES.fines.attorneyGeneral,
    due: SEED_AG_TICKETS[0]?.amountDueCents ?? 0,
    reference: /^POA-\d{7}$/,
  },
  {
    issuer: 'city-toronto',
    cases: TEST_CASES.fines.cityToronto,
    due: SEED_TORONTO_TICKETS[0]?.amountDueCents ?? 0,
    reference: /^TOR\d{8}$/,
  },
  {
    issuer: 'city-ottawa',
    cases: TEST_CASES.fines.cityOttawa,
    due: SEED_OTTAWA_TICKETS[0]?.amountDueCents ?? 0,
    reference: /^OTT26-\d{6}$/,
  },
];

const reason = (error: unknown) => (error instanceof MinistryUnavailableError ? error.details?.reason : error);

describe.each(ISSUERS)('FinesAdapter × $issuer simulator', ({ issuer, cases, due, reference }) => {
  let data: ReturnType<typeof tempDataDir>;
  let sim: FinesSimulator;
  let timer: ManualTimer;
  let adapter: FinesAdapter;

  const request = (txId: string, ticketNumber: string): MinistryRequest => ({
    txId,
    serviceId: 'fines-and-parking-tickets',
    ministryId: issuer,
    details: { serviceId: 'fines-and-parking-tickets', issuer, ticketNumber },
  });
  const pay = (txId: string, ticketNumber: string, amountCents: number) => ({
    ...request(txId, ticketNumber),
    amountCents: cents(amountCents),
  });

  beforeEach(async () => {
    data = tempDataDir(`fines-${issuer}`);
    sim = await startFinesSimulator({ issuer, dataDir: data.dir, now: NOW });
    timer = new ManualTimer();
    adapter = new FinesAdapter(issuer, { url: sim.url }, { startTimer: timer.start });
  });
  afterEach(async () => {
    await adapter.close();
    await sim.close();
    data.remove();
  });

  it('gives the amount due in exact cents, with a masked ticket number', async () => {
    const validation = await adapter.validate(request(testTxId(1), cases.ok));
    expect(validation).toMatchObject({ outcome: 'valid', amountDueCents: due });
    expect(validation.outcome === 'valid' && validation.lines[0]?.value).toBe(
      `${'•'.repeat(cases.ok.length - 4)}${cases.ok.slice(-4)}`,
    );
    expect(sim.records()).toHaveLength(0);
  });

  it('refuses a paid ticket and an unknown one', async () => {
    await expect(adapter.validate(request(testTxId(1), cases.paid))).resolves.toMatchObject({
      code: 'TICKET_ALREADY_PAID',
    });
    await expect(adapter.validate(request(testTxId(2), cases.unknown))).resolves.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
  });

  it('pays once per transaction id; the ticket is then paid and lookup finds the payment', async () => {
    const first = await adapter.commit(pay(testTxId(3), cases.ok, due));
    expect(first).toMatchObject({ outcome: 'committed', reference: expect.stringMatching(reference) as unknown });
    await expect(adapter.commit(pay(testTxId(3), cases.ok, due))).resolves.toEqual(first);
    expect(sim.records()).toEqual([
      expect.objectContaining({ clientReference: testTxId(3), subject: cases.ok, amountCents: due }),
    ]);
    await expect(adapter.validate(request(testTxId(4), cases.ok))).resolves.toMatchObject({
      code: 'TICKET_ALREADY_PAID',
    });
    await expect(adapter.commit(pay(testTxId(4), cases.ok, due))).resolves.toMatchObject({
      code: 'TICKET_ALREADY_PAID',
    });
    await expect(adapter.lookup(testTxId(3))).resolves.toEqual({
      outcome: 'committed',
      reference: first.outcome === 'committed' ? first.reference : '',
    });
    await expect(adapter.lookup(testTxId(4))).resolves.toEqual({ outcome: 'not-found' });
  });

  it('refuses a payment that is not the amount due, and records nothing', async () => {
    await expect(adapter.commit(pay(testTxId(5), cases.ok, due - 1))).resolves.toMatchObject({
      code: 'AMOUNT_MISMATCH',
    });
    expect(sim.records()).toHaveLength(0);
  });

  it('an injected refusal is a refusal', async () => {
    await sim.inject({ rejects: 'E999' });
    await expect(adapter.validate(request(testTxId(1), cases.ok))).resolves.toMatchObject({ outcome: 'refused' });
    await expect(adapter.commit(pay(testTxId(1), cases.ok, due))).resolves.toMatchObject({ outcome: 'refused' });
    expect(sim.records()).toHaveLength(0);
  });

  it('down → unavailable (down)', async () => {
    await sim.inject({ down: true });
    expect(reason(await adapter.validate(request(testTxId(1), cases.ok)).catch((e: unknown) => e))).toBe('down');
  });

  it('slow past the limit → unavailable (timeout); the payment landed and lookup says so', async () => {
    await sim.inject({ delayMs: 60_000 });
    const pending = adapter.commit(pay(testTxId(6), cases.ok, due)).catch((e: unknown) => e);
    await eventually('the issuer to receive the payment', () => sim.requestsSeen >= 1);
    timer.expireAll();
    expect(reason(await pending)).toBe('timeout');
    await sim.heal();
    await expect(adapter.lookup(testTxId(6))).resolves.toMatchObject({ outcome: 'committed' });
  });

  it('a truncated JSON answer → unavailable (malformed-answer)', async () => {
    await sim.inject({ malformed: true });
    expect(reason(await adapter.lookup(testTxId(1)).catch((e: unknown) => e))).toBe('malformed-answer');
  });

  it('a payment delivered twice to the back end is one payment and a clean answer', async () => {
    await sim.inject({ answersTwice: true });
    await expect(adapter.commit(pay(testTxId(7), cases.ok, due))).resolves.toMatchObject({ outcome: 'committed' });
    expect(sim.records()).toHaveLength(1);
  });

  it('a restarted issuer system keeps its payments', async () => {
    const first = await adapter.commit(pay(testTxId(8), cases.ok, due));
    await sim.close();
    sim = await startFinesSimulator({ issuer, dataDir: data.dir, now: NOW });
    adapter = new FinesAdapter(issuer, { url: sim.url }, { startTimer: timer.start });
    await expect(adapter.lookup(testTxId(8))).resolves.toEqual({
      outcome: 'committed',
      reference: first.outcome === 'committed' ? first.reference : '',
    });
    await expect(adapter.validate(request(testTxId(9), cases.ok))).resolves.toMatchObject({
      code: 'TICKET_ALREADY_PAID',
    });
  });
});

describe('FinesAdapter × attorney-general specifics', () => {
  it('refuses a fine in collections and a ticket of another issuer', async () => {
    const data = tempDataDir('fines-ag');
    const sim = await startFinesSimulator({ issuer: 'attorney-general', dataDir: data.dir, now: NOW });
    const adapter = new FinesAdapter('attorney-general', { url: sim.url });
    try {
      const details = { serviceId: 'fines-and-parking-tickets' as const, issuer: 'attorney-general' as const };
      await expect(
        adapter.validate({
          txId: testTxId(1),
          serviceId: 'fines-and-parking-tickets',
          ministryId: 'attorney-general',
          details: { ...details, ticketNumber: TEST_CASES.fines.attorneyGeneral.inCollections },
        }),
      ).resolves.toMatchObject({ code: 'TICKET_IN_COLLECTIONS' });
      await expect(
        adapter.commit({
          txId: testTxId(2),
          serviceId: 'fines-and-parking-tickets',
          ministryId: 'attorney-general',
          details: { ...details, issuer: 'city-ottawa', ticketNumber: TEST_CASES.fines.cityOttawa.ok },
          amountCents: 5500 as Cents,
        }),
      ).rejects.toMatchObject({ code: 'ADAPTER_UNSUPPORTED_SERVICE' });
      expect(sim.records()).toHaveLength(0);
    } finally {
      await sim.close();
      data.remove();
    }
  });
});
