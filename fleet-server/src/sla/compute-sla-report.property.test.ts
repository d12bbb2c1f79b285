// Properties of the SLA engine (docs/sla.md definitions 1–8) over random fleets and event logs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '@guichet/shared/events/fleet-event';
import { computeSlaReport } from './compute-sla-report';
import { fleet } from '../test-support/sla-test-fleet';

const START = Date.parse('2026-03-27T00:00:00Z'); // spans the London spring change
const SPAN = 5 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

const arbFault = fc.record({
  kiosk: fc.integer({ min: 1, max: 4 }),
  at: fc.integer({ min: 0, max: SPAN }),
  length: fc.option(fc.integer({ min: 0, max: 86_400_000 }), { nil: null }),
  lead: fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: undefined }),
  maintenance: fc.boolean(),
});
type ArbFault = { kiosk: number; at: number; length: number | null; lead: number | undefined; maintenance: boolean };

function toEvents(faults: ArbFault[]): FleetEvent[] {
  return faults.flatMap((f, i): FleetEvent[] => {
    const kioskId = `K-00${f.kiosk}`;
    const at = START + f.at;
    if (f.maintenance) {
      return [
        { at: iso(at), kioskId, type: 'maintenance.started', maintenanceId: `M${i}` },
        { at: iso(at + (f.length ?? 3_600_000)), kioskId, type: 'maintenance.ended', maintenanceId: `M${i}` },
      ];
    }
    const detected: FleetEvent = {
      at: iso(at),
      kioskId,
      type: 'fault.detected',
      faultId: `F${i}`,
      component: 'printer',
      ...(f.lead === undefined ? {} : { since: iso(at - f.lead) }),
    };
    return f.length === null
      ? [detected]
      : [detected, { at: iso(at + f.length), kioskId, type: 'fault.cleared', faultId: `F${i}` }];
  });
}

const sites = fleet(4);
const period = { from: new Date(START), to: new Date(START + SPAN) };
const RUNS = { numRuns: 60 };

describe('SLA engine properties', () => {
  it('keeps availability in [0, 1] and up ≤ scheduled', () => {
    fc.assert(
      fc.property(fc.array(arbFault, { maxLength: 12 }), (faults) => {
        const report = computeSlaReport({ sites, events: toEvents(faults), ...period });
        for (const k of [...report.kiosks, report.fleet]) {
          expect(k.upSeconds).toBeLessThanOrEqual(k.scheduledSeconds);
          if (k.availability !== null) expect(k.availability >= 0 && k.availability <= 1).toBe(true);
        }
        if (report.fleet.compliance !== null)
          expect(report.fleet.compliance >= 0 && report.fleet.compliance <= 1).toBe(true);
      }),
      RUNS,
    );
  });

  it('adds up when the period is split in two', () => {
    fc.assert(
      fc.property(fc.array(arbFault, { maxLength: 12 }), fc.integer({ min: 1, max: SPAN - 1 }), (faults, cut) => {
        const events = toEvents(faults);
        const whole = computeSlaReport({ sites, events, ...period });
        const mid = new Date(START + cut);
        const a = computeSlaReport({ sites, events, from: period.from, to: mid });
        const b = computeSlaReport({ sites, events, from: mid, to: period.to });
        expect(Math.round((a.fleet.scheduledSeconds + b.fleet.scheduledSeconds) * 1000)).toBe(
          Math.round(whole.fleet.scheduledSeconds * 1000),
        );
        expect(Math.round((a.fleet.upSeconds + b.fleet.upSeconds) * 1000)).toBe(
          Math.round(whole.fleet.upSeconds * 1000),
        );
        expect(Math.round((a.fleet.measuredSeconds + b.fleet.measuredSeconds) * 1000)).toBe(
          Math.round(whole.fleet.measuredSeconds * 1000),
        );
        expect(a.incidents.length + b.incidents.length).toBe(whole.incidents.length);
      }),
      RUNS,
    );
  });

  it('never raises availability or compliance when a fault is added', () => {
    fc.assert(
      fc.property(fc.array(arbFault, { maxLength: 10 }), arbFault, (faults, extra) => {
        const before = computeSlaReport({ sites, events: toEvents(faults), ...period });
        const added = toEvents([...faults, { ...extra, maintenance: false }]);
        const after = computeSlaReport({ sites, events: added, ...period });
        expect(after.fleet.upSeconds).toBeLessThanOrEqual(before.fleet.upSeconds);
        expect(after.fleet.availability ?? 1).toBeLessThanOrEqual(before.fleet.availability ?? 1);
        expect(after.fleet.compliantSeconds).toBeLessThanOrEqual(before.fleet.compliantSeconds);
      }),
      RUNS,
    );
  });
});
