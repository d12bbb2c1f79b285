import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import type { TxAck } from '@guichet/shared';
import { hubFixture, type HubFixture } from '../test-support/hub-fixture';
import { MINISTRY_SCRIPTS, commitOf, payment, sticker, ticket, txId } from '../test-support/hub-test-data';

let f: HubFixture;
afterEach(async () => {
  await f.close();
});

const K1 = 'K-001';
const K2 = 'K-002';
const refusal = (code: string, retryable = false): unknown =>
  expect.objectContaining({ ok: false, error: expect.objectContaining({ code, retryable }) as unknown });

function setup(): HubFixture {
  f = hubFixture({ ministries: MINISTRY_SCRIPTS });
  return f;
}

async function quoted(id: string, details = sticker()): Promise<Extract<TxAck, { quote: unknown }>['quote']> {
  const ack = await f.hub.quote(K1, { txId: id, lang: 'en', details });
  if (!('quote' in ack)) throw new Error(`expected a quote, got ${JSON.stringify(ack)}`);
  return ack.quote;
}

function row(id: string) {
  return f.db.prepare(`SELECT * FROM hub_transactions WHERE tx_id = ?`).get(id) as Record<string, unknown> | undefined;
}

describe('TransactionHub quote', () => {
  it('prices a southern-Ontario sticker from the price list plus the $1.00 fee, with non-personal lines', async () => {
    setup();
    const quote = await quoted(txId(1));
    expect(quote).toEqual({
      txId: txId(1),
      serviceId: 'vehicle-sticker-renewal',
      serviceCents: 12000,
      feeCents: 100,
      totalCents: 12100,
      expiresAt: '2026-11-23T15:15:00.000Z',
      lines: [
        { label: 'tx.new-expiry', value: '2027-11-30' },
        { label: 'tx.service-amount', value: '$120.00' },
        { label: 'tx.fee', value: '$1.00' },
        { label: 'tx.total', value: '$121.00' },
      ],
    });
    expect(f.ministry('transportation').calls.validate).toBe(1);
    expect(row(txId(1))).toMatchObject({ state: 'quoted', kiosk_id: K1, total_cents: 12100 });
  });

  it('uses the variant the ministry decides (northern plate), the amount due on a ticket, and French amounts', async () => {
    setup();
    expect((await quoted(txId(2), sticker('NAAA 111'))).totalCents).toBe(6100);
    const fine = await f.hub.quote(K1, { txId: txId(3), lang: 'fr', details: ticket() });
    expect(fine).toMatchObject({ ok: true, quote: { serviceCents: 5000, feeCents: 100, totalCents: 5100 } });
    expect('quote' in fine && fine.quote.lines.at(-1)).toEqual({ label: 'tx.total', value: '51,00 $' });
    expect(f.ministry('city-ottawa').calls.validate).toBe(1);
    expect(f.ministry('attorney-general').calls.validate).toBe(0);
  });

  it('answers a repeated quote with the same quote and refuses the same id for other details', async () => {
    setup();
    const first = await quoted(txId(4));
    f.clock.advance(60_000);
    expect(await f.hub.quote(K1, { txId: txId(4), lang: 'en', details: sticker() })).toEqual({
      ok: true,
      quote: first,
    });
    expect(await f.hub.quote(K1, { txId: txId(4), lang: 'en', details: sticker('ZZZZ 999') })).toEqual(
      refusal('TX_DETAILS_MISMATCH'),
    );
    expect(await f.hub.quote(K2, { txId: txId(4), lang: 'en', details: sticker() })).toEqual(refusal('TX_NOT_YOURS'));
    expect(f.ministry('transportation').calls.validate).toBe(1);
  });

  it('stores nothing when the ministry refuses or is down at quote time', async () => {
    setup();
    expect(await f.hub.quote(K1, { txId: txId(5), lang: 'en', details: ticket('OTT-0000000') })).toEqual(
      expect.objectContaining({
        ok: false,
        error: { code: 'MINISTRY_REFUSED', message: 'no such ticket', retryable: false },
      }),
    );
    f.ministry('transportation').inject('validate', { mode: 'timeout' }, 1);
    expect(await f.hub.quote(K1, { txId: txId(6), lang: 'en', details: sticker() })).toEqual(
      refusal('MINISTRY_UNAVAILABLE', true),
    );
    expect(row(txId(5))).toBeUndefined();
    expect(row(txId(6))).toBeUndefined();
    expect(await f.hub.status(K1, txId(6))).toEqual({ ok: true, status: { txId: txId(6), state: 'unknown' } });
    // The same id works once the ministry is back.
    expect((await quoted(txId(6))).totalCents).toBe(12100);
  });
});

describe('TransactionHub commit', () => {
  it('commits once, posts the ledger in the same step, and answers a retry with the same result', async () => {
    setup();
    await quoted(txId(10));
    f.clock.advance(30_000);
    const ack = await f.hub.commit(K1, commitOf(txId(10), 12100, sticker()));
    expect(ack).toEqual({
      ok: true,
      committed: {
        txId: txId(10),
        state: 'committed',
        committedAt: '2026-11-23T15:00:30.000Z',
        deliveries: [{ ministryId: 'transportation', status: 'done', reference: 'TRA-000001' }],
        lines: [
          { label: 'tx.sticker-number', value: 'S-7781234' },
          { label: 'tx.new-expiry', value: '2027-11-30' },
          { label: 'tx.service-amount', value: '$120.00' },
          { label: 'tx.fee', value: '$1.00' },
          { label: 'tx.total', value: '$121.00' },
        ],
      },
    });
    f.clock.advance(5_000);
    expect(await f.hub.commit(K1, commitOf(txId(10), 12100, sticker()))).toEqual(ack);
    const transportation = f.ministry('transportation');
    expect(transportation.calls.commit).toBe(1);
    expect(transportation.records.get(txId(10))).toMatchObject({
      amountCents: 12000,
      serviceId: 'vehicle-sticker-renewal',
    });
    expect(f.hub.ledger.linesFor(txId(10)).map((l) => [l.account, l.debitCents, l.creditCents])).toEqual([
      ['card-clearing', 12100, 0],
      ['ministry-payable:transportation', 0, 12000],
      ['fee:province', 0, 50],
      ['fee:contractor', 0, 50],
    ]);
    expect(row(txId(10))).toMatchObject({
      state: 'committed',
      payment_brand: 'visa',
      payment_last4: '4242',
      auth_code: 'A1B2C3',
      terminal_ref: 'T-0042',
    });
    expect(await f.hub.status(K1, txId(10))).toEqual({
      ok: true,
      status: ack.ok && 'committed' in ack && ack.committed,
    });
  });

  it('runs concurrent duplicate commits of one id as one: one ministry commit, one posting, equal answers', async () => {
    setup();
    await quoted(txId(11));
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => f.hub.commit(K1, commitOf(txId(11), 12100, sticker()))),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ ok: true, committed: { state: 'committed' } });
    expect(f.ministry('transportation').calls.commit).toBe(1);
    expect(f.hub.ledger.linesFor(txId(11))).toHaveLength(4);
  });

  it('refuses a wrong amount, other details, an expired quote, another kiosk and a missing payment, changing nothing', async () => {
    setup();
    await quoted(txId(12));
    const before = row(txId(12));
    expect(await f.hub.commit(K1, commitOf(txId(12), 12000, sticker()))).toEqual(refusal('TX_AMOUNT_MISMATCH'));
    expect(await f.hub.commit(K1, commitOf(txId(12), 12100, sticker('CBXR 124')))).toEqual(
      refusal('TX_DETAILS_MISMATCH'),
    );
    expect(await f.hub.commit(K2, commitOf(txId(12), 12100, sticker()))).toEqual(refusal('TX_NOT_YOURS'));
    expect(await f.hub.status(K2, txId(12))).toEqual(refusal('TX_NOT_YOURS'));
    expect(await f.hub.cancel(K2, { txId: txId(12), reason: 'recovery' })).toEqual(refusal('TX_NOT_YOURS'));
    expect(await f.hub.commit(K1, { ...commitOf(txId(12), 12100, sticker()), payment: undefined })).toEqual(
      refusal('TX_INVALID'),
    );
    expect(await f.hub.commit(K1, commitOf(txId(99), 12100, sticker()))).toEqual(refusal('TX_UNKNOWN'));
    f.clock.advance(15 * 60_000 + 1);
    expect(await f.hub.commit(K1, commitOf(txId(12), 12100, sticker()))).toEqual(refusal('TX_QUOTE_EXPIRED'));
    expect(row(txId(12))).toEqual(before);
    expect(f.ministry('transportation').calls.commit).toBe(0);
    expect(f.hub.ledger.linesFor(txId(12))).toEqual([]);
    expect(row(txId(99))).toBeUndefined();
  });

  it('records a ministry refusal at commit, posts nothing, and answers it again on retry', async () => {
    setup();
    await quoted(txId(13));
    f.ministry('transportation').inject('commit', { mode: 'refuse', code: 'PLATE_SUSPENDED' }, 1);
    const ack = await f.hub.commit(K1, commitOf(txId(13), 12100, sticker()));
    expect(ack).toEqual(refusal('MINISTRY_REFUSED'));
    expect(await f.hub.commit(K1, commitOf(txId(13), 12100, sticker()))).toEqual(ack);
    expect(await f.hub.status(K1, txId(13))).toMatchObject({
      ok: true,
      status: { state: 'refused', code: 'MINISTRY_REFUSED' },
    });
    expect(f.ministry('transportation').calls.commit).toBe(1);
    expect(f.hub.ledger.linesFor(txId(13))).toEqual([]);
  });

  it('refuses with MINISTRY_UNAVAILABLE a paid service whose ministry is down, after a lookup shows it has nothing', async () => {
    setup();
    await quoted(txId(14));
    const transportation = f.ministry('transportation').inject('commit', { mode: 'down' });
    expect(await f.hub.commit(K1, commitOf(txId(14), 12100, sticker()))).toEqual(refusal('MINISTRY_UNAVAILABLE'));
    expect(transportation.calls.lookup).toBe(1);
    expect(transportation.records.size).toBe(0);
    expect(await f.hub.status(K1, txId(14))).toMatchObject({
      ok: true,
      status: { state: 'refused', code: 'MINISTRY_UNAVAILABLE' },
    });
    transportation.heal();
    expect(await f.hub.commit(K1, commitOf(txId(14), 12100, sticker()))).toEqual(refusal('MINISTRY_UNAVAILABLE'));
    expect(transportation.records.size).toBe(0);
    expect(f.hub.ledger.linesFor(txId(14))).toEqual([]);
  });

  it('refuses at once a commit refused at connection, once a lookup can say the ministry has nothing', async () => {
    setup();
    await quoted(txId(33));
    const transportation = f.ministry('transportation').inject('any', { mode: 'down' });
    expect(await f.hub.commit(K1, commitOf(txId(33), 12100, sticker()))).toEqual(refusal('HUB_UNAVAILABLE', true));
    transportation.heal();
    // No grace to wait out: the only send never reached the ministry.
    expect(await f.hub.status(K1, txId(33))).toMatchObject({
      ok: true,
      status: { state: 'refused', code: 'MINISTRY_UNAVAILABLE' },
    });
    expect(transportation.records.size).toBe(0);
  });

  it('commits once when the ministry recorded the commit but its answer was lost, found by lookup', async () => {
    setup();
    await quoted(txId(15));
    const transportation = f.ministry('transportation').inject('commit', { mode: 'crash-after-commit' }, 1);
    const ack = await f.hub.commit(K1, commitOf(txId(15), 12100, sticker()));
    expect(ack).toMatchObject({
      ok: true,
      committed: { deliveries: [{ ministryId: 'transportation', status: 'done', reference: 'TRA-000001' }] },
    });
    expect(transportation.records.size).toBe(1);
    expect(f.hub.ledger.linesFor(txId(15))).toHaveLength(4);
  });

  it('stays committing while the ministry can say nothing, then finishes exactly once on a retry', async () => {
    setup();
    await quoted(txId(16));
    const transportation = f.ministry('transportation').inject('any', { mode: 'malformed' });
    expect(await f.hub.commit(K1, commitOf(txId(16), 12100, sticker()))).toEqual(refusal('HUB_UNAVAILABLE', true));
    expect(row(txId(16))).toMatchObject({ state: 'committing' });
    expect(await f.hub.status(K1, txId(16))).toEqual(refusal('HUB_UNAVAILABLE', true));
    expect(await f.hub.cancel(K1, { txId: txId(16), reason: 'timeout' })).toEqual(refusal('HUB_UNAVAILABLE', true));
    transportation.heal();
    const ack = await f.hub.commit(K1, commitOf(txId(16), 12100, sticker()));
    expect(ack).toMatchObject({ ok: true, committed: { deliveries: [{ status: 'done' }] } });
    expect(transportation.records.size).toBe(1);
    expect(await f.hub.commit(K1, commitOf(txId(16), 12100, sticker()))).toEqual(ack);
    expect(f.hub.ledger.linesFor(txId(16))).toHaveLength(4);
  });

  it('keeps a commit that timed out while queued at the ministry in doubt, and commits it once it lands', async () => {
    setup();
    await quoted(txId(30));
    const transportation = f.ministry('transportation').inject('commit', { mode: 'lands-late' }, 1);
    // The immediate lookup says not-found: the hub must not refuse (the kiosk would void a sale the ministry applies).
    expect(await f.hub.commit(K1, commitOf(txId(30), 12100, sticker()))).toEqual(refusal('HUB_UNAVAILABLE', true));
    expect(transportation.calls.lookup).toBe(1);
    expect(row(txId(30))).toMatchObject({ state: 'committing' });
    f.clock.advance(60_000);
    expect(await f.hub.status(K1, txId(30))).toEqual(refusal('HUB_UNAVAILABLE', true));
    expect(await f.hub.cancel(K1, { txId: txId(30), reason: 'timeout' })).toEqual(refusal('HUB_UNAVAILABLE', true));
    expect(transportation.landLate()).toBe(1);
    expect(await f.hub.status(K1, txId(30))).toMatchObject({
      ok: true,
      status: {
        state: 'committed',
        deliveries: [{ ministryId: 'transportation', status: 'done', reference: 'TRA-000001' }],
      },
    });
    expect(transportation.calls.commit).toBe(1);
    expect(f.hub.ledger.linesFor(txId(30))).toHaveLength(4);
    expect(f.logs.some((l) => l.event === 'hub.refused')).toBe(false);
  });

  it('refuses a commit in doubt only once the lookup grace has passed, across a restart', async () => {
    setup();
    await quoted(txId(31));
    const transportation = f.ministry('transportation').inject('commit', { mode: 'lands-late' }, 1);
    expect(await f.hub.commit(K1, commitOf(txId(31), 12100, sticker()))).toEqual(refusal('HUB_UNAVAILABLE', true));
    f.clock.advance(2 * 60_000 - 1);
    expect(await f.hub.status(K1, txId(31))).toEqual(refusal('HUB_UNAVAILABLE', true));
    f = f.reopen();
    expect(await f.hub.resumeInFlight()).toEqual({ resolved: 0, unresolved: 1 });
    f.clock.advance(1);
    expect(await f.hub.status(K1, txId(31))).toMatchObject({
      ok: true,
      status: { state: 'refused', code: 'MINISTRY_UNAVAILABLE' },
    });
    expect(transportation.records.size).toBe(0);
    expect(f.hub.ledger.linesFor(txId(31))).toEqual([]);
  });

  it('takes the grace from the latest send: a retried commit refused at connection is still in doubt', async () => {
    f = hubFixture({ ministries: MINISTRY_SCRIPTS, hub: { lookupGraceMs: 10_000 } });
    await quoted(txId(32));
    const transportation = f.ministry('transportation').inject('commit', { mode: 'lands-late' }, 1);
    expect(await f.hub.commit(K1, commitOf(txId(32), 12100, sticker()))).toEqual(refusal('HUB_UNAVAILABLE', true));
    f.clock.advance(8_000);
    transportation.inject('commit', { mode: 'down' }, 1);
    // The first send may still land: a second one refused at connection proves nothing.
    expect(await f.hub.commit(K1, commitOf(txId(32), 12100, sticker()))).toEqual(refusal('HUB_UNAVAILABLE', true));
    expect(transportation.calls.commit).toBe(2);
    f.clock.advance(9_999);
    expect(await f.hub.status(K1, txId(32))).toEqual(refusal('HUB_UNAVAILABLE', true));
    f.clock.advance(1);
    expect(await f.hub.status(K1, txId(32))).toMatchObject({ ok: true, status: { state: 'refused' } });
  });

  it('commits a fine with its amount due credited to the issuing city', async () => {
    setup();
    await quoted(txId(17), ticket());
    expect(await f.hub.commit(K1, commitOf(txId(17), 5100, ticket()))).toMatchObject({ ok: true });
    expect(f.hub.ledger.balanceOf('ministry-payable:city-ottawa').creditCents).toBe(5000);
    expect(f.ministry('city-ottawa').records.get(txId(17))?.amountCents).toBe(5000);
  });
});

describe('TransactionHub cancel and status', () => {
  it('cancels a quote once; a cancelled transaction cannot be committed; a committed one cannot be cancelled', async () => {
    setup();
    await quoted(txId(20));
    expect(await f.hub.cancel(K1, { txId: txId(20), reason: 'citizen-cancelled' })).toEqual({
      ok: true,
      cancelled: { txId: txId(20) },
    });
    expect(await f.hub.cancel(K1, { txId: txId(20), reason: 'citizen-cancelled' })).toEqual({
      ok: true,
      cancelled: { txId: txId(20) },
    });
    expect(await f.hub.status(K1, txId(20))).toEqual({ ok: true, status: { txId: txId(20), state: 'cancelled' } });
    expect(await f.hub.commit(K1, commitOf(txId(20), 12100, sticker()))).toEqual(refusal('TX_CANCELLED'));
    expect(await f.hub.quote(K1, { txId: txId(20), lang: 'en', details: sticker() })).toEqual(refusal('TX_CANCELLED'));

    await quoted(txId(22));
    await f.hub.commit(K1, commitOf(txId(22), 12100, sticker()));
    expect(await f.hub.cancel(K1, { txId: txId(22), reason: 'timeout' })).toEqual(refusal('TX_ALREADY_COMMITTED'));
    expect(await f.hub.quote(K1, { txId: txId(22), lang: 'en', details: sticker() })).toEqual(
      refusal('TX_ALREADY_COMMITTED'),
    );
    expect(f.ministry('transportation').calls.commit).toBe(1);
  });

  it('tells a recovering kiosk what a quote is, what it never saw, and keeps the ledger balanced throughout', async () => {
    setup();
    const quote = await quoted(txId(23));
    expect(await f.hub.status(K1, txId(23))).toEqual({ ok: true, status: { txId: txId(23), state: 'quoted', quote } });
    expect(await f.hub.status(K1, txId(24))).toEqual({ ok: true, status: { txId: txId(24), state: 'unknown' } });
    await f.hub.commit(K1, { ...commitOf(txId(23), 12100, sticker()), payment });
    expect(f.hub.ledger.unbalanced()).toEqual([]);
    expect(f.hub.ledger.balances().reduce((sum, b) => sum + b.netCents, 0)).toBe(0);
  });

  it('cancels an id it never saw with a tombstone of that kiosk: a late quote or commit is refused TX_CANCELLED', async () => {
    setup();
    const cancelled = { ok: true, cancelled: { txId: txId(21) } };
    expect(await f.hub.cancel(K1, { txId: txId(21), reason: 'recovery' })).toEqual(cancelled);
    expect(await f.hub.cancel(K1, { txId: txId(21), reason: 'recovery' })).toEqual(cancelled);
    expect(await f.hub.status(K1, txId(21))).toEqual({ ok: true, status: { txId: txId(21), state: 'cancelled' } });
    expect(await f.hub.quote(K1, { txId: txId(21), lang: 'en', details: sticker() })).toEqual(refusal('TX_CANCELLED'));
    expect(await f.hub.commit(K1, commitOf(txId(21), 12100, sticker()))).toEqual(refusal('TX_CANCELLED'));
    expect(f.ministry('transportation').calls.validate).toBe(0);
    expect(row(txId(21))).toBeUndefined();
    // The tombstone is the cancelling kiosk's: another kiosk can neither see, cancel nor quote that id.
    expect(await f.hub.status(K2, txId(21))).toEqual(refusal('TX_NOT_YOURS'));
    expect(await f.hub.cancel(K2, { txId: txId(21), reason: 'recovery' })).toEqual(refusal('TX_NOT_YOURS'));
    expect(await f.hub.quote(K2, { txId: txId(21), lang: 'en', details: sticker() })).toEqual(refusal('TX_NOT_YOURS'));
  });

  it('never answers "cancelled" while a commit is under way: the cancel waits for it and then refuses', async () => {
    setup();
    await quoted(txId(25));
    const transportation = f.ministry('transportation').inject('commit', { mode: 'hold', afterCommit: true }, 1);
    const commit = f.hub.commit(K1, commitOf(txId(25), 12100, sticker()));
    const cancel = f.hub.cancel(K1, { txId: txId(25), reason: 'timeout' });
    await eventually('the commit reaches the ministry', () => transportation.heldCalls === 1);
    expect(row(txId(25))).toMatchObject({ state: 'committing' });
    transportation.release();
    // The held commit was recorded then lost its answer: the hub finds it by lookup and commits.
    expect(await commit).toMatchObject({ ok: true, committed: { deliveries: [{ status: 'done' }] } });
    expect(await cancel).toEqual(refusal('TX_ALREADY_COMMITTED'));
    expect(transportation.records.size).toBe(1);
  });
});
