// The box a region-bound technician's map starts on: around their sites, padded, never a point.
import { describe, expect, it } from 'vitest';
import { sitesBox } from './region-view';

function extent(box: ReturnType<typeof sitesBox>): { west: number; east: number; south: number; north: number } {
  const points = box!.coordinates;
  return {
    west: Math.min(...points.map((p) => p[0])),
    east: Math.max(...points.map((p) => p[0])),
    south: Math.min(...points.map((p) => p[1])),
    north: Math.max(...points.map((p) => p[1])),
  };
}

describe('region map view', () => {
  it('boxes the sites with a margin around the outer ones', () => {
    const box = extent(
      sitesBox([
        { latitude: 45.42, longitude: -75.69 },
        { latitude: 44.23, longitude: -76.48 },
        { latitude: null, longitude: null },
        { latitude: 45.02, longitude: -74.73 },
      ]),
    );
    expect(box.west).toBeLessThan(-76.48);
    expect(box.east).toBeGreaterThan(-74.73);
    expect(box.south).toBeLessThan(44.23);
    expect(box.north).toBeGreaterThan(45.42);
    // A margin, not a province: about a fifth more than the sites' own span.
    expect(box.east - box.west).toBeCloseTo((76.48 - 74.73) * 1.2, 6);
  });

  it('gives one site a box of its own, and nothing when no site has coordinates', () => {
    const box = extent(sitesBox([{ latitude: 43.65, longitude: -79.38 }]));
    expect(box.east - box.west).toBeCloseTo(0.6, 6);
    expect(box.north - box.south).toBeCloseTo(0.6, 6);
    expect((box.west + box.east) / 2).toBeCloseTo(-79.38, 6);
    expect(sitesBox([{ latitude: null, longitude: null }])).toBeNull();
    expect(sitesBox([])).toBeNull();
  });
});
