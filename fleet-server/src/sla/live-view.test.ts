// The live view (`GET /sla/now`, docs/sla.md "Fleet API"): operational fraction now, kiosks down, open repair clocks.
import { describe, expect, it } from 'vitest';
import { computeLiveView } from './live-view';
import { fault, fleet, maintenance } from '../test-support/sla-test-fleet';

describe('computeLiveView', () => {
  const sites = fleet(4);
  const events = [
    ...fault('K-001', '2026-01-05T16:30:00.000Z', null, { component: 'touch' }), // 30 min before closing Monday
    ...fault('K-002', '2026-01-06T09:00:00.000Z', '2026-01-06T09:10:00.000Z'),
    ...maintenance('K-003', '2026-01-06T09:00:00.000Z', '2026-01-06T12:00:00.000Z'),
    ...fault('K-004', '2026-01-06T11:00:00.000Z', null), // after now: not yet known
  ];

  it('counts scheduled and up kiosks at now and runs open repair clocks on service hours', () => {
    const view = computeLiveView({ sites, events, now: new Date('2026-01-06T10:00:00Z') });
    expect(view).toMatchObject({ scheduledKiosks: 3, upKiosks: 2, operationalFraction: 2 / 3, compliant: false });
    expect(view.kiosksDown).toEqual([
      { kioskId: 'K-001', siteId: 'site-a', scheduled: true, downSince: '2026-01-05T16:30:00.000Z' },
    ]);
    // 30 min Monday + 60 min Tuesday morning.
    expect(view.openIncidents).toEqual([
      {
        kioskId: 'K-001',
        siteId: 'site-a',
        detectedAt: '2026-01-05T16:30:00.000Z',
        components: ['touch'],
        repairSecondsUsed: 5400,
        repairSecondsLeft: 1800,
        withinSla: null,
      },
    ]);
  });

  it('reports the breach once the clock passes the limit, and nothing measured at night', () => {
    const later = computeLiveView({ sites, events, now: new Date('2026-01-06T10:45:00Z') });
    expect(later.openIncidents[0]).toMatchObject({ repairSecondsUsed: 8100, repairSecondsLeft: 0, withinSla: false });
    const night = computeLiveView({ sites, events, now: new Date('2026-01-06T22:00:00Z'), clock: 'wall' });
    expect(night).toMatchObject({ scheduledKiosks: 0, operationalFraction: null, compliant: null });
    expect(night.kiosksDown.map((k) => [k.kioskId, k.scheduled])).toEqual([
      ['K-001', false],
      ['K-004', false],
    ]);
  });
});
