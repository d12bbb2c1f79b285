// The out-of-service screen's "go here instead": the sites nearest to this kiosk's site, by great-circle
// distance between the coordinates the sites file gives (optional `latitude`/`longitude` per site). A kiosk
// without a sites file, or a site without coordinates, offers none.
import fs from 'node:fs';
import { SitesFile, type Site } from '@guichet/shared/sites/sites-file';
import type { Alternative } from './screen-protocol';

const EARTH_RADIUS_KM = 6371;

interface Located {
  latitude: number;
  longitude: number;
}

function located(site: Site): Located | undefined {
  const { latitude, longitude } = site as Site & { latitude?: unknown; longitude?: unknown };
  return typeof latitude === 'number' && typeof longitude === 'number' ? { latitude, longitude } : undefined;
}

/** Haversine distance in km. */
export function distanceKm(a: Located, b: Located): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The `count` sites nearest to the kiosk's own site (other sites only), nearest first. */
export function nearestAlternatives(file: SitesFile, kioskId: string, count = 3): Alternative[] {
  const kiosk = file.kiosks.find((k) => k.id === kioskId);
  const home = file.sites.find((s) => s.id === kiosk?.siteId);
  const origin = home && located(home);
  if (!origin) return [];
  return file.sites
    .filter((site) => site.id !== home.id)
    .flatMap((site) => {
      const at = located(site);
      return at ? [{ site, km: distanceKm(origin, at) }] : [];
    })
    .sort((a, b) => a.km - b.km)
    .slice(0, count)
    .map(({ site, km }) => {
      const name = site.name ?? site.id;
      return {
        name: { en: name, fr: name },
        address: site.address ?? site.city ?? '',
        distanceKm: Math.round(km * 10) / 10,
      };
    });
}

/** Reads the kiosk's copy of the sites file; unreadable or invalid → an error naming the file. */
export function loadAlternatives(filePath: string, kioskId: string, count = 3): Alternative[] {
  const parsed = SitesFile.parse(JSON.parse(fs.readFileSync(filePath, 'utf8')));
  return nearestAlternatives(parsed, kioskId, count);
}
