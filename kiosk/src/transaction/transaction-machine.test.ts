// The transaction machine by value: its whole table against a literal copy, every transition walked with a
// record that meets its guard, every event the table lacks refused with a typed error and no change.
import { describe, expect, it } from 'vitest';
import { isGuichetError, TxId, type Cents, type TxCommitted, type TxQuote } from '@guichet/shared';
import {
  GUARDS,
  TRANSITIONS,
  TX_STATES,
  initialRecord,
  transition,
  type GuardName,
  type TxEvent,
  type TxEventType,
  type TxRecord,
  type TxState,
} from './transaction-machine';
import { newTxId, txIdTime } from './tx-id';

const NOW = new Date('2026-11-29T15:00:00.000Z');
const TX = 'K0000000000000000001' as TxId;

const QUOTE: TxQuote = {
  txId: TX,
  serviceId: 'vehicle-sticker-renewal',
  serviceCents: 12_000 as Cents,
  feeCents: 100 as Cents,
  totalCents: 12_100 as Cents,
  expiresAt: '2026-11-29T15:10:00.000Z',
  lines: [],
};
const COMMITTED: TxCommitted = {
  txId: TX,
  state: 'committed',
  committedAt: '2026-11-29T15:01:00.000Z',
  deliveries: [{ ministryId: 'transportation', status: 'done', reference: 'TRA-1' }],
  lines: [],
};

const EVENTS: { [E in TxEventType]: Extract<TxEvent, { type: E }> } = {
  'service-selected': { type: 'service-selected', serviceId: 'vehicle-sticker-renewal', lang: 'fr' },
  'details-entered': { type: 'details-entered' },
  'quote-requested': { type: 'quote-requested' },
  'quote-received': { type: 'quote-received', quote: QUOTE },
  'quote-refused': { type: 'quote-refused', code: 'MINISTRY_REFUSED' },
  'quote-failed': { type: 'quote-failed', code: 'LINK_TIMEOUT' },
  'pay-requested': { type: 'pay-requested' },
  'sale-approved': { type: 'sale-approved', payment: { brand: 'visa', last4: '4242', authCode: 'A00001' } },
  'sale-declined': { type: 'sale-declined', code: 'insufficient-funds' },
  'sale-unknown': { type: 'sale-unknown', code: 'response-timeout' },
  'sale-failed': { type: 'sale-failed', code: 'PAYMENT_LINK_NAK' },
  'commit-sent': { type: 'commit-sent' },
  'commit-succeeded': { type: 'commit-succeeded', committed: COMMITTED },
  'commit-refused': { type: 'commit-refused', code: 'MINISTRY_REFUSED' },
  'commit-unknown': { type: 'commit-unknown', code: 'LINK_TIMEOUT' },
  'resolved-committed': { type: 'resolved-committed', committed: COMMITTED },
  'resolved-not-committed': { type: 'resolved-not-committed', code: 'hub-quoted' },
  'resolved-not-charged': { type: 'resolved-not-charged', code: 'reversed' },
  'receipt-printed': { type: 'receipt-printed' },
  'receipt-failed': { type: 'receipt-failed', code: 'PRINTER_PRINT_FAILED' },
  'void-succeeded': { type: 'void-succeeded' },
  'void-failed': { type: 'void-failed', code: 'reversal-unknown' },
  'cancel-requested': { type: 'cancel-requested' },
  timeout: { type: 'timeout' },
  'hub-cancelled': { type: 'hub-cancelled' },
  'recovery-started': { type: 'recovery-started' },
};

/** The table as the design states it: [state, event, guard, next state, effects]. */
const EXPECTED: Array<[TxState, TxEventType, GuardName | undefined, TxState, string[]]> = [
  ['selecting', 'service-selected', undefined, 'identifying', []],
  ['selecting', 'cancel-requested', undefined, 'cancelled', []],
  ['selecting', 'timeout', undefined, 'cancelled', []],
  ['selecting', 'recovery-started', undefined, 'cancelled', []],
  ['identifying', 'details-entered', undefined, 'identifying', []],
  ['identifying', 'quote-requested', 'details-entered', 'quoting', ['request-quote']],
  ['identifying', 'cancel-requested', undefined, 'cancelled', []],
  ['identifying', 'timeout', undefined, 'cancelled', []],
  ['identifying', 'recovery-started', undefined, 'cancelled', []],
  ['quoting', 'quote-received', undefined, 'quoting', []],
  ['quoting', 'quote-refused', undefined, 'cancelled', []],
  ['quoting', 'quote-failed', undefined, 'cancelled', ['cancel-at-hub']],
  ['quoting', 'pay-requested', 'quote-paid', 'paying', ['start-sale']],
  ['quoting', 'pay-requested', 'quote-free', 'committing', ['commit']],
  ['quoting', 'cancel-requested', undefined, 'cancelled', ['cancel-at-hub']],
  ['quoting', 'timeout', undefined, 'cancelled', ['cancel-at-hub']],
  ['quoting', 'recovery-started', undefined, 'cancelled', ['cancel-at-hub']],
  ['paying', 'sale-approved', undefined, 'authorized', ['commit']],
  ['paying', 'sale-declined', undefined, 'declined', ['cancel-at-hub']],
  ['paying', 'sale-unknown', undefined, 'needs-resolution', ['resolve-unknown-sale']],
  ['paying', 'sale-failed', undefined, 'cancelled', ['cancel-at-hub']],
  ['paying', 'recovery-started', undefined, 'needs-resolution', ['resolve-unknown-sale']],
  ['authorized', 'commit-sent', undefined, 'committing', []],
  ['authorized', 'recovery-started', undefined, 'authorized', ['query-hub-status']],
  ['authorized', 'resolved-committed', undefined, 'printing', ['print-receipt']],
  ['authorized', 'resolved-not-committed', 'paid', 'voiding', ['void-sale']],
  ['authorized', 'resolved-not-committed', 'free', 'cancelled', []],
  ['committing', 'commit-succeeded', undefined, 'printing', ['print-receipt']],
  ['committing', 'commit-refused', 'paid', 'voiding', ['void-sale']],
  ['committing', 'commit-refused', 'free', 'cancelled', []],
  ['committing', 'commit-unknown', undefined, 'committing', ['query-hub-status']],
  ['committing', 'resolved-committed', undefined, 'printing', ['print-receipt']],
  ['committing', 'resolved-not-committed', 'paid', 'voiding', ['void-sale']],
  ['committing', 'resolved-not-committed', 'free', 'cancelled', []],
  ['committing', 'recovery-started', undefined, 'committing', ['query-hub-status']],
  ['printing', 'receipt-printed', undefined, 'completed', []],
  ['printing', 'receipt-failed', undefined, 'completed', []],
  ['printing', 'recovery-started', undefined, 'completed', []],
  ['completed', 'receipt-printed', undefined, 'completed', []],
  ['completed', 'receipt-failed', undefined, 'completed', []],
  ['declined', 'hub-cancelled', undefined, 'declined', []],
  ['cancelled', 'hub-cancelled', undefined, 'cancelled', []],
  ['voiding', 'void-succeeded', undefined, 'voided', ['cancel-at-hub']],
  ['voiding', 'void-failed', undefined, 'needs-resolution', ['resolve-unknown-sale']],
  ['voiding', 'recovery-started', undefined, 'voiding', ['void-sale']],
  ['voided', 'hub-cancelled', undefined, 'voided', []],
  ['needs-resolution', 'resolved-not-charged', undefined, 'voided', ['cancel-at-hub']],
  ['needs-resolution', 'recovery-started', undefined, 'needs-resolution', ['resolve-unknown-sale']],
];

/** A record in `state` that meets `guard` (and, where two transitions compete, not the other's). */
function recordIn(state: TxState, guard?: GuardName): TxRecord {
  const base: TxRecord = {
    ...initialRecord(TX, 'vehicle-sticker-renewal', 'en', new Date('2026-11-29T14:59:00.000Z')),
    state,
    detailsEntered: true,
    quote: {
      serviceCents: QUOTE.serviceCents,
      feeCents: QUOTE.feeCents,
      totalCents: QUOTE.totalCents,
      expiresAt: QUOTE.expiresAt,
      lines: [],
    },
    saleSentAt: '2026-11-29T14:59:30.000Z',
    payment: { brand: 'visa', last4: '4242' },
    reason: 'citizen-cancelled',
  };
  if (guard === 'quote-free')
    return {
      ...base,
      quote: { ...base.quote!, serviceCents: 0 as Cents, feeCents: 0 as Cents, totalCents: 0 as Cents },
      payment: undefined,
    };
  if (guard === 'free') {
    const { payment: _payment, ...free } = base;
    return free;
  }
  return base;
}

describe('transaction machine', () => {
  it('has exactly the designed table', () => {
    const actual = TX_STATES.flatMap((state) =>
      Object.entries(TRANSITIONS[state]).flatMap(([event, transitions]) =>
        transitions.map((t) => [state, event, t.guard, t.to, [...t.effects]]),
      ),
    );
    expect(actual).toEqual(EXPECTED);
  });

  it.each(EXPECTED)('%s + %s [%s] → %s with effects %j', (state, event, guard, to, effects) => {
    const record = recordIn(state, guard);
    if (guard) expect(GUARDS[guard](record)).toBe(true);
    const before = structuredClone(record);
    const step = transition(record, EVENTS[event], NOW);
    expect(step.record.state).toBe(to);
    expect(step.effects.map((e) => e.kind)).toEqual(effects);
    expect(step.effects.every((e) => e.txId === TX)).toBe(true);
    expect(step.record.updatedAt).toBe(NOW.toISOString());
    expect(record).toEqual(before); // pure: the input record is untouched
  });

  it('asks for an fsync on every step that enables a side effect or leaves the citizen-facing states', () => {
    const lazy = EXPECTED.filter(
      ([state, event, guard]) => !transition(recordIn(state, guard), EVENTS[event], NOW).sync,
    );
    expect(lazy.map(([state, event]) => `${state} + ${event}`)).toEqual([
      'selecting + service-selected',
      'identifying + details-entered',
      'quoting + quote-received',
    ]);
  });

  it('refuses every event the table lacks with TX_ILLEGAL_TRANSITION and changes nothing', () => {
    let refused = 0;
    for (const state of TX_STATES)
      for (const event of Object.keys(EVENTS) as TxEventType[]) {
        if (TRANSITIONS[state][event]) continue;
        const record = recordIn(state);
        const before = structuredClone(record);
        let error: unknown;
        try {
          transition(record, EVENTS[event], NOW);
        } catch (caught) {
          error = caught;
        }
        expect(isGuichetError(error, 'TX_ILLEGAL_TRANSITION'), `${state} + ${event}`).toBe(true);
        expect((error as { details: unknown }).details).toEqual({ txId: TX, state, event });
        expect(record).toEqual(before);
        refused++;
      }
    expect(refused).toBe(
      TX_STATES.length * Object.keys(EVENTS).length - new Set(EXPECTED.map(([s, e]) => `${s}/${e}`)).size,
    );
  });

  it('refuses a transition whose guard fails: no quote request without details, no payment of a missing quote', () => {
    const identifying = { ...recordIn('identifying'), detailsEntered: false };
    expect(() => transition(identifying, EVENTS['quote-requested'], NOW)).toThrow(/not allowed in state identifying/);
    const { quote: _quote, ...unquoted } = recordIn('quoting');
    expect(() => transition(unquoted, EVENTS['pay-requested'], NOW)).toThrow(/not allowed in state quoting/);
  });

  it('puts the data the effects need in the record and the effects', () => {
    const paying = transition(recordIn('quoting'), EVENTS['pay-requested'], NOW);
    expect(paying.record.saleSentAt).toBe(NOW.toISOString());
    expect(paying.effects).toEqual([{ kind: 'start-sale', txId: TX, amountCents: 12_100 }]);

    const free = transition(recordIn('quoting', 'quote-free'), EVENTS['pay-requested'], NOW);
    expect(free.record.state).toBe('committing');
    expect(free.effects).toEqual([{ kind: 'commit', txId: TX, totalCents: 0 }]);

    const quoted = transition({ ...recordIn('quoting'), quote: undefined }, EVENTS['quote-received'], NOW);
    expect(quoted.record.quote).toEqual({
      serviceCents: 12_000,
      feeCents: 100,
      totalCents: 12_100,
      expiresAt: QUOTE.expiresAt,
      lines: [],
    });

    const declined = transition(recordIn('paying'), EVENTS['sale-declined'], NOW);
    expect(declined.record).toMatchObject({ reason: 'declined', code: 'insufficient-funds', hubCancel: 'pending' });
    expect(declined.effects).toEqual([{ kind: 'cancel-at-hub', txId: TX, reason: 'declined' }]);
    expect(transition(declined.record, EVENTS['hub-cancelled'], NOW).record.hubCancel).toBe('done');

    const unknown = transition(recordIn('paying'), EVENTS['recovery-started'], NOW);
    expect(unknown.effects).toEqual([
      { kind: 'resolve-unknown-sale', txId: TX, saleSentAt: '2026-11-29T14:59:30.000Z' },
    ]);

    const printing = transition(recordIn('committing'), EVENTS['commit-succeeded'], NOW);
    expect(printing.record).toMatchObject({ receipt: 'pending', committed: { committedAt: COMMITTED.committedAt } });
    expect(transition(printing.record, EVENTS['recovery-started'], NOW).record).toMatchObject({
      state: 'completed',
      receipt: 'interrupted',
    });
    expect(transition(printing.record, EVENTS['receipt-failed'], NOW).record).toMatchObject({
      state: 'completed',
      receipt: 'failed',
    });

    const selected = transition(
      initialRecord(TX, 'driver-record-abstract', 'en', NOW),
      EVENTS['service-selected'],
      NOW,
    );
    expect(selected.record).toMatchObject({ serviceId: 'vehicle-sticker-renewal', lang: 'fr', state: 'identifying' });
  });
});

describe('newTxId', () => {
  it('is 20 Crockford base32 characters: the millisecond time, then 10 random ones', () => {
    const values = [0, 0.999999, 0.5, 0.03125, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7];
    let i = 0;
    const id = newTxId(
      () => NOW,
      () => values[i++ % values.length]!,
    );
    expect(TxId.safeParse(id).success).toBe(true);
    expect(id.slice(10)).toBe('0ZG1369CKP');
    expect(txIdTime(id)).toEqual(NOW);
    const later = newTxId(
      () => new Date(NOW.getTime() + 1),
      () => 0,
    );
    expect(later > id.slice(0, 10)).toBe(true);
  });

  it('refuses a clock it cannot encode', () => {
    expect(() => newTxId(() => new Date(-1), Math.random)).toThrow(expect.objectContaining({ code: 'TX_BAD_CLOCK' }));
  });
});
