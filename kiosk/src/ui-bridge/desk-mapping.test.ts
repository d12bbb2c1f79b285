// The real desk's pure rules: which services the device board and the target mode allow, and how each journaled
// state reads on screen (refusals and failures are told apart from a cancellation the citizen asked for).
import { describe, expect, it } from 'vitest';
import type { DeviceStatusMap } from '@guichet/shared/protocol/device-status';
import { cents } from '@guichet/shared/money/cents';
import { initialRecord, type TxRecord } from '../transaction/transaction-machine';
import { availabilityOf, deskStateOf, displayLines } from './desk-mapping';

const ok = { state: 'ok' } as const;
const ALL_UP: DeviceStatusMap = { printer: ok, paymentTerminal: ok, cardReader: ok, touchScreen: ok };

const record = (patch: Partial<TxRecord>): TxRecord => ({
  ...initialRecord('01M8MKFVS93A1HMEJ8AV', 'vehicle-sticker-renewal', 'en', new Date('2026-11-29T15:00:00Z')),
  ...patch,
});
const quote = {
  serviceCents: cents(12_000),
  feeCents: cents(100),
  totalCents: cents(12_100),
  expiresAt: '2026-11-29T15:10:00Z',
  lines: [
    { label: 'vehicles.plate', value: '••••482' },
    { label: 'tx.total', value: '$121.00' },
  ],
};

describe('availability', () => {
  it('offers every service when the devices work and the kiosk is in service', () => {
    const a = availabilityOf({ mode: 'in-service', devices: ALL_UP, canBegin: true });
    expect(a.inService).toBe(true);
    expect(Object.values(a.services).every((s) => s.available)).toBe(true);
  });

  it('withholds paid services without the PIN pad and the abstract without the printer, never change of address', () => {
    const noPinPad = availabilityOf({
      mode: 'in-service',
      devices: { ...ALL_UP, paymentTerminal: { state: 'offline', code: 'PAYMENT_TERMINAL_NO_ANSWER' } },
      canBegin: true,
    });
    expect(noPinPad.services['vehicle-sticker-renewal']).toEqual({ available: false, reason: 'payment' });
    expect(noPinPad.services['change-of-address']).toEqual({ available: true });
    const noPaper = availabilityOf({
      mode: 'in-service',
      devices: { ...ALL_UP, printer: { state: 'fault', code: 'PRINTER_PAPER_END' }, cardReader: undefined },
      canBegin: true,
    });
    expect(noPaper.services['driver-record-abstract']).toEqual({ available: false, reason: 'printer' });
    expect(noPaper.services['vehicle-sticker-renewal']).toEqual({ available: true });
    const nearEnd = availabilityOf({
      mode: 'in-service',
      devices: { ...ALL_UP, printer: { state: 'warning', code: 'PRINTER_PAPER_NEAR_END' } },
      canBegin: true,
    });
    expect(nearEnd.services['driver-record-abstract'].available).toBe(true);
  });

  it('offers nothing while a transaction is settling, and reports the fleet taking the kiosk out of service', () => {
    const settling = availabilityOf({ mode: 'in-service', devices: ALL_UP, canBegin: false });
    expect(Object.values(settling.services)).toEqual(Array(6).fill({ available: false, reason: 'service' }));
    expect(availabilityOf({ mode: 'out-of-service', devices: ALL_UP, canBegin: true }).inService).toBe(false);
    expect(availabilityOf({ mode: 'maintenance', devices: ALL_UP, canBegin: true }).inService).toBe(false);
  });
});

describe('journaled state → desk state', () => {
  it('reads quoting with a quote as quoted, without the hub amount lines', () => {
    expect(deskStateOf(record({ state: 'quoting' }), false)).toEqual({ state: 'quoting' });
    expect(deskStateOf(record({ state: 'quoting', quote }), false)).toEqual({
      state: 'quoted',
      quote: { serviceCents: 12_000, feeCents: 100, totalCents: 12_100, lines: [quote.lines[0]] },
    });
  });

  it('points to the PIN pad for the whole sale, which the kiosk cannot call back', () => {
    expect(deskStateOf(record({ state: 'paying', quote }), false)).toEqual({
      state: 'paying',
      prompt: 'insert-or-tap',
      totalCents: 12_100,
      cancellable: false,
    });
  });

  it('tells a ministry refusal before payment from a hub out of reach and from a citizen cancellation', () => {
    const refused = record({ state: 'cancelled', reason: 'ministry-refused', code: 'MINISTRY_REFUSED' });
    expect(deskStateOf(refused, false)).toEqual({ state: 'refused', code: 'MINISTRY_REFUSED' });
    const unavailable = record({ state: 'cancelled', reason: 'ministry-refused', code: 'MINISTRY_UNAVAILABLE' });
    expect(deskStateOf(unavailable, false)).toEqual({ state: 'failed', code: 'HUB_UNAVAILABLE', retryable: true });
    const linkDown = record({ state: 'cancelled', reason: 'device-failure', code: 'LINK_DOWN' });
    expect(deskStateOf(linkDown, false)).toEqual({ state: 'failed', code: 'HUB_UNAVAILABLE', retryable: true });
    const pinPad = record({ state: 'cancelled', reason: 'device-failure', code: 'PAYMENT_LINK_NAK', quote });
    expect(deskStateOf(pinPad, false)).toEqual({ state: 'failed', code: 'PAYMENT_UNAVAILABLE', retryable: false });
    expect(deskStateOf(record({ state: 'cancelled', reason: 'citizen-cancelled' }), false)).toEqual({
      state: 'cancelled',
    });
    expect(deskStateOf(refused, true)).toEqual({ state: 'cancelled' });
    const freeRefused = record({ state: 'cancelled', reason: 'ministry-refused', code: 'MINISTRY_REFUSED', quote });
    expect(deskStateOf(freeRefused, false)).toEqual({ state: 'failed', code: 'MINISTRY_REFUSED', retryable: false });
  });

  it('reads completed with deliveries, lines once, the receipt outcome and the card summary only', () => {
    const completed = record({
      state: 'completed',
      quote,
      payment: { brand: 'visa', last4: '4242', authCode: 'A00001' },
      committed: {
        committedAt: '2026-11-29T15:01:00Z',
        deliveries: [{ ministryId: 'transportation', status: 'done', reference: 'MTO1' }],
        lines: [{ label: 'ministry.reference', value: 'MTO1' }, ...quote.lines, quote.lines[0]!],
      },
      receipt: 'interrupted',
    });
    expect(deskStateOf(completed, false)).toEqual({
      state: 'completed',
      totalCents: 12_100,
      deliveries: [{ ministryId: 'transportation', status: 'done' }],
      lines: [{ label: 'ministry.reference', value: 'MTO1' }, quote.lines[0]],
      receipt: 'failed',
      payment: { brand: 'visa', last4: '4242' },
    });
  });

  it('reads declined, voided and needs-resolution as such', () => {
    expect(deskStateOf(record({ state: 'declined', quote }), false)).toEqual({ state: 'declined', totalCents: 12_100 });
    expect(deskStateOf(record({ state: 'voided', reason: 'ministry-refused', code: 'X' }), false)).toEqual({
      state: 'voided',
      code: 'MINISTRY_REFUSED',
    });
    expect(deskStateOf(record({ state: 'needs-resolution' }), false)).toEqual({ state: 'needs-resolution' });
  });

  it('keeps the first of repeated lines', () => {
    const line = { label: 'ministry.reference', value: 'A' };
    expect(displayLines([line, line, { ...line, value: 'B' }])).toEqual([line, { ...line, value: 'B' }]);
  });
});
