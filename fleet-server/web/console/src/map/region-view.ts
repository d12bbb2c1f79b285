// The map view of a region-bound technician (pure): a box around their sites' coordinates, padded so the outer
// sites are not on the edge and never smaller than a city, for the projection to fit.

/** A GeoJSON MultiPoint, [longitude, latitude] pairs: d3-geo fits a projection to it. */
export interface SitesBox {
  type: 'MultiPoint';
  coordinates: [number, number][];
}

/** Degrees: the smallest box drawn (one site alone, or one city, still shows its surroundings). */
const MIN_SPAN = 0.6;

/**
 * A MultiPoint on the padded box's corners and edge midpoints (points, not a polygon: no ring winding to get wrong
 * on the sphere), or null when no site has coordinates.
 */
export function sitesBox(sites: Iterable<{ latitude: number | null; longitude: number | null }>): SitesBox | null {
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const { latitude, longitude } of sites) {
    if (latitude === null || longitude === null) continue;
    west = Math.min(west, longitude);
    east = Math.max(east, longitude);
    south = Math.min(south, latitude);
    north = Math.max(north, latitude);
  }
  if (west === Infinity) return null;
  const pad = (lo: number, hi: number): [number, number] => {
    const span = Math.max((hi - lo) * 1.2, MIN_SPAN);
    const mid = (lo + hi) / 2;
    return [mid - span / 2, mid + span / 2];
  };
  const [w, e] = pad(west, east);
  const [s, n] = pad(south, north);
  const midLon = (w + e) / 2;
  const midLat = (s + n) / 2;
  return {
    type: 'MultiPoint',
    coordinates: [
      [w, s],
      [midLon, s],
      [e, s],
      [e, midLat],
      [e, n],
      [midLon, n],
      [w, n],
      [w, midLat],
    ],
  };
}
