// The reconciliation core by value: a clean day, then each way money and records can disagree.
import { describe, expect, it } from 'vitest';
import { reconcile } from './reconcile';
import type { ReconciliationInput } from './reconciliation-input';
import { cleanDay, TX } from './reconciliation-fixtures';

type Input = ReconciliationInput;

const hubOf = (input: Input, txId: string): Input['hub'][number] => {
  const found = input.hub.find((h) => h.txId === txId);
  if (!found) throw new Error(`no hub transaction ${txId}`);
  return found;
};

describe('reconcile', () => {
  it('finds nothing wrong with a clean day and sums each source', () => {
    const report = reconcile(cleanDay());
    expect(report.discrepancies).toEqual([]);
    expect(report.inFlight).toEqual([]);
    expect(report.summary).toEqual({
      transactions: 5,
      terminals: { sales: 3, approved: 1, declined: 1, reversed: 1, capturedCents: 13000 },
      journals: { transactions: 5, completed: 2, inFlight: 0, completedCents: 13000 },
      hub: { transactions: 5, committed: 2, committedCents: 13000, debitCents: 13000, creditCents: 13000 },
      ministries: { records: 4, amountCents: 12900 },
      discrepancies: {
        'charged-not-delivered': 0,
        'delivered-not-charged': 0,
        'charged-twice': 0,
        'unbalanced-postings': 0,
        'delivery-missing': 0,
        'delivery-refused': 0,
        'in-flight': 0,
      },
      inFlight: 0,
      clean: true,
    });
  });

  it('charged-not-delivered: the card was captured but the hub never committed', () => {
    const day = cleanDay();
    // The ministry refused after authorization and the kiosk journaled the transaction voided, but the
    // terminal still holds the sale approved (the reversal never reached it).
    day.terminals.find((t) => t.txId === TX.refused)!.state = 'approved';
    const report = reconcile(day);
    expect(report.discrepancies).toEqual([
      {
        kind: 'charged-not-delivered',
        reason: 'hub-not-committed',
        txId: TX.refused,
        kioskId: 'K-OTTAWA-01',
        state: 'refused',
        terminalCents: 2600,
      },
    ]);
    expect(report.summary.clean).toBe(false);
  });

  it('charged-not-delivered: the hub committed but the ministry has no record of a done delivery', () => {
    const day = cleanDay();
    day.ministries = day.ministries.filter((m) => m.txId !== TX.sticker);
    expect(reconcile(day).discrepancies).toEqual([
      {
        kind: 'charged-not-delivered',
        reason: 'no-ministry-record',
        txId: TX.sticker,
        kioskId: 'K-OTTAWA-01',
        ministryId: 'transportation',
        terminalCents: 13000,
      },
    ]);
  });

  it('charged-not-delivered: a sale with no hub record at all (a terminal test sale, a lost quote)', () => {
    const day = cleanDay();
    day.terminals.push({ kioskId: 'K-SUDBURY-02', txId: TX.stray, state: 'approved', amountCents: 500 });
    expect(reconcile(day).discrepancies).toEqual([
      {
        kind: 'charged-not-delivered',
        reason: 'hub-not-committed',
        txId: TX.stray,
        kioskId: 'K-SUDBURY-02',
        state: 'absent',
        terminalCents: 500,
      },
    ]);
  });

  it('delivered-not-charged: the hub committed a paid service whose sale was reversed', () => {
    const day = cleanDay();
    day.terminals.find((t) => t.txId === TX.sticker)!.state = 'reversed';
    expect(reconcile(day).discrepancies).toEqual([
      {
        kind: 'delivered-not-charged',
        reason: 'no-approved-sale',
        txId: TX.sticker,
        kioskId: 'K-OTTAWA-01',
        state: 'committed',
        hubCents: 13000,
        ministryCents: 12900,
      },
    ]);
  });

  it('delivered-not-charged: a ministry has a paid record the hub never committed and no card paid', () => {
    const day = cleanDay();
    day.ministries.push({ ministryId: 'city-ottawa', txId: TX.abandoned, amountCents: 4500, reference: 'OTT-77' });
    expect(reconcile(day).discrepancies).toEqual([
      {
        kind: 'delivered-not-charged',
        reason: 'no-approved-sale',
        txId: TX.abandoned,
        kioskId: 'K-TORONTO-03',
        state: 'quoted',
        hubCents: 4600,
        ministryCents: 4500,
      },
    ]);
  });

  it('needs no sale for a free service (change of address: three ministry records of $0)', () => {
    const day = cleanDay();
    expect(day.ministries.filter((m) => m.txId === TX.address)).toHaveLength(3);
    expect(reconcile(day).discrepancies.filter((d) => d.txId === TX.address)).toEqual([]);
  });

  it('delivery-missing: a free transaction delivered "done" that a ministry has no record of', () => {
    const day = cleanDay();
    day.ministries = day.ministries.filter((m) => !(m.txId === TX.address && m.ministryId === 'transportation'));
    expect(reconcile(day).discrepancies).toEqual([
      {
        kind: 'delivery-missing',
        reason: 'delivered-not-on-file',
        txId: TX.address,
        kioskId: 'K-TORONTO-03',
        ministryId: 'transportation',
      },
    ]);
  });

  it('delivery-refused: a committed change of address one ministry refused its part of', () => {
    const day = cleanDay();
    hubOf(day, TX.address).deliveries = [
      { ministryId: 'transportation', status: 'done' },
      { ministryId: 'health', status: 'refused' },
      { ministryId: 'natural-resources', status: 'done' },
    ];
    day.ministries = day.ministries.filter((m) => !(m.txId === TX.address && m.ministryId === 'health'));
    const report = reconcile(day);
    expect(report.discrepancies).toEqual([
      {
        kind: 'delivery-refused',
        reason: 'ministry-refused',
        txId: TX.address,
        kioskId: 'K-TORONTO-03',
        ministryId: 'health',
      },
    ]);
    expect(report.summary.discrepancies['delivery-refused']).toBe(1);
    expect(report.summary.clean).toBe(false);
  });

  it('charged-twice: one reference approved again after its reversal is a second charge', () => {
    const day = cleanDay();
    day.terminals.push({ kioskId: 'K-OTTAWA-01', txId: TX.sticker, state: 'reversed', amountCents: 13000 });
    expect(reconcile(day).discrepancies).toEqual([
      {
        kind: 'charged-twice',
        reason: 'two-approved-sales',
        txId: TX.sticker,
        kioskId: 'K-OTTAWA-01',
        sales: 2,
        terminalCents: 13000,
      },
    ]);
  });

  it('charged-twice: two approved sales for one transaction (two terminals, one txId)', () => {
    const day = cleanDay();
    day.terminals.push({ kioskId: 'K-OTTAWA-01', txId: TX.sticker, state: 'approved', amountCents: 13000 });
    expect(reconcile(day).discrepancies).toEqual([
      {
        kind: 'charged-twice',
        reason: 'two-approved-sales',
        txId: TX.sticker,
        kioskId: 'K-OTTAWA-01',
        sales: 2,
        terminalCents: 26000,
      },
    ]);
  });

  it('charged-twice: the card was charged another amount than the hub committed', () => {
    const day = cleanDay();
    day.terminals.find((t) => t.txId === TX.sticker)!.amountCents = 13100;
    expect(reconcile(day).discrepancies).toEqual([
      {
        kind: 'charged-twice',
        reason: 'amount-mismatch',
        txId: TX.sticker,
        kioskId: 'K-OTTAWA-01',
        terminalCents: 13100,
        hubCents: 13000,
      },
    ]);
  });

  it('unbalanced-postings: a capture whose debits are not its credits', () => {
    const day = cleanDay();
    hubOf(day, TX.sticker).ledger.find((l) => l.account === 'fee:contractor')!.creditCents = 49;
    expect(reconcile(day).discrepancies).toEqual([
      {
        kind: 'unbalanced-postings',
        reason: 'debits-not-credits',
        txId: TX.sticker,
        kioskId: 'K-OTTAWA-01',
        state: 'capture',
        debitCents: 13000,
        creditCents: 12999,
      },
    ]);
  });

  it('unbalanced-postings: a balanced capture of another amount than the card paid', () => {
    const day = cleanDay();
    const ledger = hubOf(day, TX.sticker).ledger;
    ledger.find((l) => l.account === 'card-clearing')!.debitCents = 12900;
    ledger.find((l) => l.account === 'ministry-payable:transportation')!.creditCents = 12800;
    expect(reconcile(day).discrepancies).toEqual([
      {
        kind: 'unbalanced-postings',
        reason: 'clearing-not-terminal',
        txId: TX.sticker,
        kioskId: 'K-OTTAWA-01',
        ledgerCents: 12900,
        terminalCents: 13000,
      },
      {
        kind: 'unbalanced-postings',
        reason: 'payable-not-ministry',
        txId: TX.sticker,
        kioskId: 'K-OTTAWA-01',
        ministryId: 'transportation',
        ledgerCents: 12800,
        ministryCents: 12900,
      },
    ]);
  });

  it('unbalanced-postings: a committed paid transaction with no capture posted', () => {
    const day = cleanDay();
    hubOf(day, TX.sticker).ledger = [];
    expect(reconcile(day).discrepancies.map((d) => [d.kind, d.reason, d.ledgerCents])).toEqual([
      ['unbalanced-postings', 'clearing-not-terminal', 0],
      ['unbalanced-postings', 'payable-not-ministry', 0],
    ]);
  });

  it('accepts a capture mirrored by a reversal when the sale was reversed', () => {
    const day = cleanDay();
    const hub = hubOf(day, TX.sticker);
    hub.state = 'cancelled';
    hub.ledger.push(
      ...hub.ledger.map((l) => ({
        ...l,
        kind: 'reversal' as const,
        debitCents: l.creditCents,
        creditCents: l.debitCents,
      })),
    );
    day.terminals.find((t) => t.txId === TX.sticker)!.state = 'reversed';
    day.ministries = day.ministries.filter((m) => m.txId !== TX.sticker);
    day.journals.find((j) => j.txId === TX.sticker)!.state = 'voided';
    expect(reconcile(day).discrepancies).toEqual([]);
  });

  it('in-flight: kiosk and hub mid-commit and a queued delivery are listed apart, not as charge errors', () => {
    const day = cleanDay();
    day.journals.push({ kioskId: 'K-SUDBURY-02', txId: TX.stray, state: 'committing', totalCents: 1100 });
    day.terminals.push({ kioskId: 'K-SUDBURY-02', txId: TX.stray, state: 'approved', amountCents: 1100 });
    day.hub.push({ kioskId: 'K-SUDBURY-02', txId: TX.stray, state: 'committing', totalCents: 1100, ledger: [] });
    const address = hubOf(day, TX.address);
    address.deliveries = address.deliveries!.map((d) =>
      d.ministryId === 'health' ? { ...d, status: 'queued' as const } : d,
    );
    day.ministries = day.ministries.filter((m) => !(m.txId === TX.address && m.ministryId === 'health'));

    const strict = reconcile(day);
    expect(strict.discrepancies).toEqual([]);
    expect(strict.inFlight).toEqual(
      [
        { kind: 'in-flight', reason: 'kiosk-in-flight', txId: TX.stray, kioskId: 'K-SUDBURY-02', state: 'committing' },
        { kind: 'in-flight', reason: 'hub-committing', txId: TX.stray, kioskId: 'K-SUDBURY-02' },
        {
          kind: 'in-flight',
          reason: 'delivery-queued',
          txId: TX.address,
          kioskId: 'K-TORONTO-03',
          ministryId: 'health',
        },
      ].sort((a, b) => a.txId.localeCompare(b.txId)),
    );
    expect(strict.summary).toMatchObject({ inFlight: 2, clean: false, journals: { inFlight: 1 } });
    expect(reconcile(day, { allowInFlight: true }).summary.clean).toBe(true);
  });

  it('still reports a double charge on a transaction in flight', () => {
    const day = cleanDay();
    day.journals.find((j) => j.txId === TX.sticker)!.state = 'printing';
    day.terminals.push({ kioskId: 'K-OTTAWA-01', txId: TX.sticker, state: 'approved', amountCents: 13000 });
    const report = reconcile(day, { allowInFlight: true });
    expect(report.discrepancies.map((d) => d.kind)).toEqual(['charged-twice']);
    expect(report.inFlight.map((d) => d.reason)).toEqual(['kiosk-in-flight']);
    expect(report.summary.clean).toBe(false);
  });

  it('refuses records that are not normalized, and a source holding a transaction twice', () => {
    const day = cleanDay();
    day.terminals[0]!.amountCents = 12.5;
    expect(() => reconcile(day)).toThrow(expect.objectContaining({ code: 'RECONCILE_INVALID_INPUT' }) as Error);
    const bad = cleanDay();
    bad.terminals[0]!.txId = 'not-a-tx-id';
    expect(() => reconcile(bad)).toThrow(/terminals\.0\.txId/);
    const twice = cleanDay();
    twice.hub.push({ ...hubOf(twice, TX.sticker) });
    expect(() => reconcile(twice)).toThrow(
      expect.objectContaining({
        code: 'RECONCILE_DUPLICATE_RECORD',
        message: `the hub holds transaction ${TX.sticker} twice`,
      }) as Error,
    );
  });
});
