// The UI bridge's state machine without a browser: intents in, snapshots out, over the fake desk and
// manual timers (no waiting on real time).
import { describe, expect, it } from 'vitest';
import { FakeTransactionDesk } from '../test-support/fake-transaction-desk';
import { ManualTimers } from '../test-support/manual-timers';
import { ScreenController, type SurveyRecord } from './screen-controller';
import type { ScreenState } from './screen-protocol';

const LICENCE = 'A12345678901234';

function setup() {
  const desk = new FakeTransactionDesk({ now: () => new Date('2026-11-29T15:00:00Z') });
  const timers = new ManualTimers();
  const surveys: SurveyRecord[] = [];
  const controller = new ScreenController({
    desk,
    timers,
    idleMs: 60_000,
    countdownMs: 30_000,
    onSurvey: (s) => surveys.push(s),
  });
  const states: ScreenState[] = [];
  controller.onState((s) => states.push(s));
  const ok = (intent: unknown) => expect(controller.handle(intent)).toEqual({ ok: true });
  return { desk, timers, controller, states, surveys, ok };
}

describe('screen controller', () => {
  it('refuses a malformed intent or one that does not apply now, and changes nothing', () => {
    const { controller, states } = setup();
    expect(controller.handle({ type: 'select-service', serviceId: 'teleport' })).toMatchObject({
      ok: false,
      code: 'UI_INTENT_INVALID',
    });
    expect(controller.handle({ type: 'confirm-quote' })).toMatchObject({ ok: false, code: 'UI_INTENT_NOT_NOW' });
    expect(states).toHaveLength(0);
    expect(controller.snapshot().view.screen).toBe('attract');
  });

  it('runs a sticker renewal: details, a quote with service price and fee apart, terminal prompts, receipt', () => {
    const { desk, controller, ok } = setup();
    ok({ type: 'start' });
    ok({ type: 'select-service', serviceId: 'vehicle-sticker-renewal' });
    ok({ type: 'enter-details', values: { plate: 'abcd 123', licenceNumber: 'nope' } });
    expect(controller.snapshot().view).toMatchObject({ screen: 'details', invalid: ['licenceNumber'] });
    ok({ type: 'enter-details', values: { plate: 'ABCD 123', licenceNumber: LICENCE } });
    expect(controller.snapshot().view).toMatchObject({
      screen: 'quote',
      serviceCents: 12_000,
      feeCents: 100,
      totalCents: 12_100,
    });
    expect(controller.snapshot().progress).toEqual({ steps: ['details', 'confirm', 'pay', 'done'], current: 1 });
    ok({ type: 'confirm-quote' });
    expect(controller.snapshot().view).toMatchObject({ screen: 'payment', prompt: 'insert-or-tap' });
    desk.terminal.insertCard();
    expect(controller.snapshot().view).toMatchObject({ screen: 'payment', prompt: 'enter-pin' });
    desk.terminal.enterPin();
    desk.terminal.removeCard();
    expect(controller.snapshot().view).toMatchObject({ screen: 'result', outcome: 'completed', receipt: 'printed' });
    expect(desk.sales).toEqual([12_100]);
  });

  it('counts down after the idle delay, extends on "still here", then wipes everything personal', () => {
    const { desk, timers, controller, ok } = setup();
    ok({ type: 'start' });
    ok({ type: 'set-language', lang: 'fr' });
    ok({ type: 'select-service', serviceId: 'driver-record-abstract' });
    ok({ type: 'enter-details', values: { licenceNumber: LICENCE } });
    timers.advance(59_999);
    expect(controller.snapshot().idle).toBeNull();
    timers.advance(1);
    expect(controller.snapshot().idle).toEqual({ secondsLeft: 30 });
    timers.advance(10_000);
    expect(controller.snapshot().idle).toEqual({ secondsLeft: 20 });
    ok({ type: 'still-here' });
    expect(controller.snapshot().idle).toBeNull();
    expect(controller.snapshot().view.screen).toBe('quote');
    timers.advance(90_000);
    const after = controller.snapshot();
    expect(after.view.screen).toBe('attract');
    expect(after.lang).toBe('en');
    expect(JSON.stringify(after)).not.toContain('1234');
    expect(controller.holdsSession).toBe(false);
    expect(desk.heldDetails()).toBe(0);
    expect(timers.scheduled).toBe(0);
  });

  it('prefills the form from a swipe, only with the fields this service asks for', () => {
    const { controller, ok } = setup();
    ok({ type: 'start' });
    ok({ type: 'select-service', serviceId: 'personalized-plates' });
    ok({ type: 'swipe-prefill', values: { licenceNumber: LICENCE, healthCardNumber: '9876543210' } });
    expect(controller.snapshot().view).toMatchObject({
      screen: 'details',
      values: { licenceNumber: LICENCE },
      valuesVersion: 1,
    });
    expect(JSON.stringify(controller.snapshot())).not.toContain('9876543210');
  });

  it('keeps change of address usable when card payment is down, and shows out of service when the fleet says so', () => {
    const { desk, controller, ok } = setup();
    ok({ type: 'start' });
    desk.setDevice('paymentTerminal', 'down');
    const view = controller.snapshot().view;
    if (view.screen !== 'services') throw new Error(view.screen);
    expect(view.services.filter((s) => s.available).map((s) => s.id)).toEqual(['change-of-address']);
    expect(view.services.find((s) => s.id === 'vehicle-sticker-renewal')?.unavailableReason).toBe('payment');
    desk.setInService(false);
    expect(controller.snapshot().view.screen).toBe('out-of-service');
  });

  it('sends an answered questionnaire as an anonymous record', () => {
    const { desk, controller, surveys, ok } = setup();
    ok({ type: 'start' });
    ok({ type: 'select-service', serviceId: 'outdoors-card-renewal' });
    ok({ type: 'enter-details', values: { outdoorsCardNumber: '708158123456789' } });
    ok({ type: 'confirm-quote' });
    desk.terminal.tapCard();
    ok({ type: 'done' });
    expect(controller.snapshot().view.screen).toBe('survey');
    ok({ type: 'answer-survey', answers: { easyToUse: 'good', overallSatisfaction: 'neutral' } });
    expect(surveys).toEqual([
      { serviceId: 'outdoors-card-renewal', answers: { easyToUse: 'good', overallSatisfaction: 'neutral' } },
    ]);
    expect(JSON.stringify(surveys)).not.toMatch(/708158|[0-9A-Z]{20}/);
    expect(controller.snapshot().view.screen).toBe('thanks');
  });
});
