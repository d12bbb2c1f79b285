// The out-of-service screen's alternatives: the nearest other sites by coordinates, none without them.
import { describe, expect, it } from 'vitest';
import type { SitesFile } from '@guichet/shared/sites/sites-file';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distanceKm, loadAlternatives, nearestAlternatives } from './nearest-sites';

const site = (id: string, latitude?: number, longitude?: number) => ({
  id,
  name: `Site ${id}`,
  address: `${id} Street`,
  timezone: 'America/Toronto',
  hours: {},
  ...(latitude !== undefined && longitude !== undefined ? { latitude, longitude } : {}),
});

const FILE: SitesFile = {
  sites: [
    site('rideau', 45.4257, -75.6918),
    site('bayshore', 45.3497, -75.8061),
    site('st-laurent', 45.4217, -75.6388),
    site('yorkdale', 43.7254, -79.4522),
    site('unknown-place'),
  ],
  kiosks: [
    { id: 'K-001', siteId: 'rideau' },
    { id: 'K-002', siteId: 'unknown-place' },
  ],
};

describe('nearest alternatives', () => {
  it('lists the other sites nearest first, with their distance', () => {
    const list = nearestAlternatives(FILE, 'K-001', 2);
    expect(list.map((a) => a.name.en)).toEqual(['Site st-laurent', 'Site bayshore']);
    expect(list[0]).toMatchObject({ address: 'st-laurent Street' });
    expect(list[0]!.distanceKm).toBeCloseTo(4.2, 0);
    expect(list[1]!.distanceKm).toBeCloseTo(12.2, 0);
  });

  it('offers none for a kiosk whose site has no coordinates, or an unknown kiosk', () => {
    expect(nearestAlternatives(FILE, 'K-002')).toEqual([]);
    expect(nearestAlternatives(FILE, 'K-999')).toEqual([]);
  });

  it('measures great-circle distances (Ottawa to Toronto ≈ 352 km)', () => {
    expect(
      distanceKm({ latitude: 45.4215, longitude: -75.6972 }, { latitude: 43.6532, longitude: -79.3832 }),
    ).toBeCloseTo(352, -1);
  });

  it('finds Ottawa sites for a kiosk of the demo network at the Rideau Centre', () => {
    const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fleet-server/demo/sites.json');
    const list = loadAlternatives(demo, 'K-018');
    expect(list).toHaveLength(3);
    for (const place of list) {
      expect(place.address).toContain('Ottawa');
      expect(place.distanceKm).toBeLessThan(5);
    }
  });
});
