// HubClient: what the kiosk may conclude from each kind of answer (not sent, unknown, refused, ok), and the
// hub's side of the contract as the fake hub keeps it over a real link — idempotent per txId, scoped per kiosk,
// the commit checked against the quote's amount and details digest.
import { afterEach, describe, expect, it } from 'vitest';
import { cents, GuichetError, type TxDetails } from '@guichet/shared';
import { TransactionRig } from '../test-support/transaction-rig';
import { HubClient, type HubLink } from './hub-client';

const STICKER: TxDetails = {
  serviceId: 'vehicle-sticker-renewal',
  plate: 'CBKR 417',
  licenceNumber: 'D6101-40706-60905',
};
const TX = '01M8KX3WC0000000000A';

/** A link that answers with a fixed value or failure: the input of the classification under test. */
const answering = (answer: () => unknown): HubLink => ({ call: () => Promise.resolve().then(answer) });

describe('HubClient classification', () => {
  it.each([
    [
      'LINK_DOWN before sending: not sent',
      () => {
        throw new GuichetError('LINK_DOWN', 'down');
      },
      { kind: 'not-sent', code: 'LINK_DOWN' },
    ],
    [
      'LINK_TIMEOUT: unknown (ask tx.status later)',
      () => {
        throw new GuichetError('LINK_TIMEOUT', 'late');
      },
      { kind: 'unknown', code: 'LINK_TIMEOUT' },
    ],
    ['an answer that is no TxAck: unknown', () => ({ ok: 'yes' }), { kind: 'unknown', code: 'HUB_MALFORMED_ANSWER' }],
    [
      'an ok answer of another message: unknown',
      () => ({ ok: true, cancelled: { txId: TX } }),
      { kind: 'unknown', code: 'HUB_MALFORMED_ANSWER' },
    ],
    [
      'a refusal: refused, with its code',
      () => ({ ok: false, error: { code: 'MINISTRY_REFUSED', message: 'no', retryable: false } }),
      { kind: 'refused', error: { code: 'MINISTRY_REFUSED', message: 'no', retryable: false } },
    ],
  ] as const)('%s', async (_label, answer, expected) => {
    const hub = new HubClient({ link: answering(answer) });
    expect(await hub.commit({ txId: TX, totalCents: cents(100), details: STICKER })).toEqual(expected);
  });
});

describe('the hub contract (fake hub over the real link)', () => {
  let rig: TransactionRig | undefined;
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
  });

  it('quote and commit are idempotent per txId; the commit must match the quote; cancel refuses a committed one', async () => {
    rig = await new TransactionRig().start();
    await rig.connect();
    const hub = new HubClient({ link: rig.link });
    const first = await hub.quote({ txId: TX, lang: 'en', details: STICKER });
    expect(await hub.quote({ txId: TX, lang: 'en', details: STICKER })).toEqual(first);
    if (first.kind !== 'ok') throw new Error('no quote');
    const payment = { brand: 'visa' as const, last4: '4242' };
    expect(
      await hub.commit({ txId: TX, totalCents: cents(first.value.totalCents - 1), details: STICKER, payment }),
    ).toMatchObject({
      kind: 'refused',
      error: { code: 'TX_AMOUNT_MISMATCH' },
    });
    expect(
      await hub.commit({
        txId: TX,
        totalCents: first.value.totalCents,
        details: { ...STICKER, plate: 'OTHER 1' },
        payment,
      }),
    ).toMatchObject({ kind: 'refused', error: { code: 'TX_DETAILS_MISMATCH' } });
    const committed = await hub.commit({ txId: TX, totalCents: first.value.totalCents, details: STICKER, payment });
    expect(committed).toMatchObject({ kind: 'ok', value: { state: 'committed' } });
    expect(await hub.commit({ txId: TX, totalCents: first.value.totalCents, details: STICKER, payment })).toEqual(
      committed,
    );
    expect(await hub.status(TX)).toMatchObject({ kind: 'ok', value: { state: 'committed' } });
    expect(await hub.cancel({ txId: TX, reason: 'recovery' })).toMatchObject({
      kind: 'refused',
      error: { code: 'TX_ALREADY_COMMITTED' },
    });
    expect(rig.hub.transactions.size).toBe(1);
  });
});
