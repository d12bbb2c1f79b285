// Hash routes, including ids that need escaping and unknown paths (the fleet view).
import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './route';

describe('routes', () => {
  it('reads every screen and round-trips kiosk ids', () => {
    expect(parseRoute('')).toEqual({ screen: 'fleet' });
    expect(parseRoute('#/')).toEqual({ screen: 'fleet' });
    expect(parseRoute('#/incidents')).toEqual({ screen: 'incidents' });
    expect(parseRoute('#/sla')).toEqual({ screen: 'sla' });
    expect(parseRoute('#/maintenance')).toEqual({ screen: 'maintenance' });
    expect(parseRoute(href.maintenance('K-001'))).toEqual({ screen: 'maintenance', kioskId: 'K-001' });
    expect(parseRoute(href.kiosk('K 1/2'))).toEqual({ screen: 'kiosk', kioskId: 'K 1/2' });
    expect(parseRoute('#/kiosks')).toEqual({ screen: 'fleet' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'fleet' });
  });
});
