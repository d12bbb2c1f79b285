// A site's status is its worst kiosk's; sites needing repair come first.
import { describe, expect, it } from 'vitest';
import type { ConsoleKiosk, ConsoleSite } from '../live/console-types';
import { siteSummaries } from './site-status';

const site = (id: string, name: string): ConsoleSite => ({
  id,
  name,
  city: null,
  region: null,
  latitude: null,
  longitude: null,
});
const kiosk = (id: string, siteId: string, status: ConsoleKiosk['status']): ConsoleKiosk => ({
  id,
  siteId,
  status,
  lastHeartbeatAt: null,
  softwareVersion: null,
  devices: {},
  openFaults: [],
});

describe('site status', () => {
  it('is down when a kiosk is offline or out of service, maintenance when one is in maintenance, else ok', () => {
    const summaries = siteSummaries(
      [site('a', 'Alpha'), site('b', 'Bravo'), site('c', 'Charlie'), site('d', 'Delta'), site('e', 'Echo')],
      [
        kiosk('1', 'a', 'online'),
        kiosk('2', 'b', 'online'),
        kiosk('3', 'b', 'maintenance'),
        kiosk('4', 'c', 'maintenance'),
        kiosk('5', 'c', 'out-of-service'),
        kiosk('6', 'd', 'offline'),
      ],
    );
    expect(summaries.map((s) => [s.site.id, s.status])).toEqual([
      ['c', 'down'],
      ['d', 'down'],
      ['b', 'maintenance'],
      ['a', 'ok'],
      ['e', 'empty'],
    ]);
    expect(summaries[0]!.counts).toEqual({ online: 0, offline: 0, 'out-of-service': 1, maintenance: 1 });
  });
});
