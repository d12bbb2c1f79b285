// The alert evaluator by value: each trigger at the exact instant the live view's repair clock and operational
// fraction cross it, raised once, escalated at the exact delay unless acknowledged.
import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '@guichet/shared';
import { computeLiveView } from '../sla/live-view';
import { ALWAYS, fault, fleet, NINE_TO_FIVE } from '../test-support/sla-test-fleet';
import { evaluateAlerts, incidentIdOf, type AlertState, type Evaluation } from './evaluate-alerts';
import { securityAlert } from './security-alert';

const T0 = '2026-03-02T10:00:00.000Z';
const at = (minutes: number, ms = 0) => new Date(Date.parse(T0) + minutes * 60_000 + ms);
const K1 = incidentIdOf('K-001', T0);
const rules = { clockWarningMinutes: 30, escalateAfterMinutes: 30 };
const EMPTY: AlertState = { raised: new Map() };

/** 40 kiosks open around the clock: one down is 97.5 % (compliant), two down 95 %. */
const sites = fleet(40, ALWAYS, 'UTC');

function evaluate(
  events: FleetEvent[],
  now: Date,
  state: AlertState = EMPTY,
  acknowledged: ReadonlySet<string> = new Set(),
): Evaluation {
  return evaluateAlerts({ view: computeLiveView({ sites, events, now }), state, now, rules, acknowledged });
}

/** Evaluates at each instant in turn, carrying the state; returns every evaluation. */
function run(events: FleetEvent[], instants: Date[], acknowledged: ReadonlySet<string> = new Set()): Evaluation[] {
  let state = EMPTY;
  return instants.map((now) => {
    const evaluation = evaluate(events, now, state, acknowledged);
    state = evaluation.state;
    return evaluation;
  });
}

const triggers = (e: Evaluation) => e.alerts.map((a) => `${a.trigger}@${a.audience}`);

describe('evaluateAlerts', () => {
  const oneFault = fault('K-001', T0, null, { component: 'printer' });

  it('raises incident.opened for a new fault, to the primary contact, with the incident id of the contract', () => {
    const [first] = run(oneFault, [at(1)]);
    expect(first!.alerts).toEqual([
      {
        key: `incident.opened:${K1}`,
        trigger: 'incident.opened',
        subject: K1,
        audience: 'primary',
        at: at(1).toISOString(),
        incident: {
          incidentId: 'K-001-1772445600000',
          kioskId: 'K-001',
          siteId: 'site-a',
          detectedAt: T0,
          components: ['printer'],
          repairSecondsUsed: 60,
          repairSecondsLeft: 7140,
          withinSla: null,
        },
      },
    ]);
    expect(first!.raised.map((r) => r.key)).toEqual([`incident.opened:${K1}`]);
  });

  it('raises each stage once, at the instant the repair clock reaches it', () => {
    // Acknowledged, so that escalation stays out of this picture.
    const instants = [at(0), at(1), at(89, 59_999), at(90), at(91), at(120), at(120, 1), at(200)];
    const steps = run(oneFault, instants, new Set([K1]));
    expect(steps.map(triggers)).toEqual([
      ['incident.opened@primary'],
      [],
      [], // 30 min 0.001 s left
      ['incident.clock-warning@primary'], // exactly 30 min left
      [],
      [], // exactly 120 min used is within the limit
      ['incident.breached@both'], // over 120 min
      [],
    ]);
    expect(steps[3]!.alerts[0]!.incident!.repairSecondsLeft).toBe(1800);
  });

  it('sends one message at the most urgent stage for an incident first seen late, covering the lesser ones', () => {
    const [late, next] = run(oneFault, [at(150), at(151)]);
    expect(triggers(late!)).toEqual(['incident.breached@both']);
    expect(late!.raised.map((r) => r.trigger)).toEqual([
      'incident.opened',
      'incident.clock-warning',
      'incident.breached',
    ]);
    expect(next!.alerts).toEqual([]);
  });

  it('escalates to the secondary contact exactly N minutes after the first alert, once', () => {
    // First seen (opened) at 5 min: escalation due at 35 min.
    const steps = run(oneFault, [at(5), at(35, -1), at(35), at(36)]);
    expect(steps.map(triggers)).toEqual([['incident.opened@primary'], [], ['incident.escalated@secondary'], []]);
    expect(steps[2]!.alerts[0]!.key).toBe(`incident.escalated:${K1}`);
  });

  it('does not escalate an acknowledged incident', () => {
    const steps = run(oneFault, [at(5), at(35), at(60)], new Set([K1]));
    expect(steps.flatMap((s) => s.alerts).map((a) => a.trigger)).toEqual(['incident.opened']);
  });

  it('does not escalate or re-raise an incident once repaired, and forgets it', () => {
    const repaired = fault('K-001', T0, at(20).toISOString());
    const steps = run(repaired, [at(1), at(40), at(200)]);
    expect(steps.map(triggers)).toEqual([['incident.opened@primary'], [], []]);
    expect([...steps[1]!.state.raised.keys()]).toEqual([]);
  });

  it('keeps dedupe across a restart: the state rebuilt from what was recorded raises nothing again', () => {
    const first = evaluate(oneFault, at(1));
    const reloaded: AlertState = { raised: new Map(first.raised.map((r) => [r.key, r])) };
    expect(evaluate(oneFault, at(2), reloaded).alerts).toEqual([]);
    // ...and the escalation delay still counts from the first alert, not from the restart.
    expect(triggers(evaluate(oneFault, at(31), reloaded))).toEqual(['incident.escalated@secondary']);
  });

  it('raises fleet.degraded when the operational fraction drops below 97 %, and fleet.recovered once back', () => {
    const events = [
      ...fault('K-001', T0, at(30).toISOString()),
      ...fault('K-002', at(10).toISOString(), at(20).toISOString()),
      ...fault('K-003', at(40).toISOString(), null),
      ...fault('K-004', at(50).toISOString(), null),
    ];
    const steps = run(events, [at(5), at(10), at(15), at(20), at(45), at(50), at(55)]);
    const fleetAlerts = steps.map((s) => s.alerts.filter((a) => a.trigger.startsWith('fleet.')));
    expect(fleetAlerts.map((alerts) => alerts.map((a) => `${a.trigger}@${a.audience}`))).toEqual([
      [],
      ['fleet.degraded@both'], // 38 of 40: 95 %
      [],
      ['fleet.recovered@both'], // 39 of 40: 97.5 %
      [],
      ['fleet.degraded@both'], // a new episode, a new alert
      [],
    ]);
    expect(fleetAlerts[1]![0]).toMatchObject({
      key: `fleet.degraded:${at(10).toISOString()}`,
      fleet: { operationalFraction: 0.95, threshold: 0.97, upKiosks: 38, scheduledKiosks: 40 },
    });
    expect(fleetAlerts[1]![0]!.fleet!.kiosksDown).toEqual(['K-001', 'K-002']);
    expect(fleetAlerts[3]![0]).toMatchObject({
      key: `fleet.recovered:${at(10).toISOString()}`,
      fleet: { degradedAt: at(10).toISOString(), upKiosks: 39 },
    });
    expect(fleetAlerts[5]![0]!.key).toBe(`fleet.degraded:${at(50).toISOString()}`);
  });

  it('leaves a degraded episode open while nothing is measured (site closed)', () => {
    const dayFleet = fleet(10, NINE_TO_FIVE, 'UTC');
    const events = fault('K-001', '2026-03-02T16:00:00.000Z', '2026-03-02T18:00:00.000Z');
    let state = EMPTY;
    const out = ['2026-03-02T16:30:00.000Z', '2026-03-02T20:00:00.000Z', '2026-03-03T09:00:00.000Z'].map((iso) => {
      const now = new Date(iso);
      const e = evaluateAlerts({
        view: computeLiveView({ sites: dayFleet, events, now }),
        state,
        now,
        rules,
        acknowledged: new Set([incidentIdOf('K-001', '2026-03-02T16:00:00.000Z')]),
      });
      state = e.state;
      return e.alerts.filter((a) => a.trigger.startsWith('fleet.')).map((a) => a.trigger);
    });
    expect(out).toEqual([['fleet.degraded'], [], ['fleet.recovered']]);
  });
});

describe('securityAlert', () => {
  it('is keyed by kiosk, code and instant, for the primary contact', () => {
    const alert = securityAlert(
      {
        kioskId: 'K-007',
        code: 'LINK_CONTESTED',
        message: 'a second connection presented this kiosk credential',
        at: T0,
      },
      at(1),
    );
    expect(alert).toMatchObject({
      key: 'security:K-007:LINK_CONTESTED:1772445600000',
      trigger: 'security',
      audience: 'primary',
      security: { kioskId: 'K-007', code: 'LINK_CONTESTED', at: T0 },
    });
  });

  it('refuses a malformed event with a typed error', () => {
    expect(() => securityAlert({ kioskId: 'K-007', code: 'link contested', message: 'x', at: T0 }, at(1))).toThrow(
      expect.objectContaining({ code: 'ALERT_SECURITY_INVALID' }),
    );
  });
});
