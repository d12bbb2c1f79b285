// Interval arithmetic of the SLA engine (docs/sla.md: half-open intervals).
import { describe, expect, it } from 'vitest';
import { clip, contains, intersect, measure, subtract, union } from './interval-set';

describe('interval sets', () => {
  it('unions overlapping and touching intervals and drops empty ones', () => {
    expect(
      union([
        [5, 7],
        [1, 3],
        [3, 4],
        [6, 9],
        [10, 10],
      ]),
    ).toEqual([
      [1, 4],
      [5, 9],
    ]);
  });
  it('intersects and subtracts', () => {
    const a = [
      [0, 10],
      [20, 30],
    ] as const;
    const b = [[5, 25]] as const;
    expect(intersect(a, b)).toEqual([
      [5, 10],
      [20, 25],
    ]);
    expect(subtract(a, b)).toEqual([
      [0, 5],
      [25, 30],
    ]);
    expect(subtract(a, [[0, 30]])).toEqual([]);
    expect(
      subtract(
        [[0, 10]],
        [
          [2, 3],
          [4, 5],
          [9, Infinity],
        ],
      ),
    ).toEqual([
      [0, 2],
      [3, 4],
      [5, 9],
    ]);
  });
  it('measures, clips and tests membership half-open', () => {
    expect(
      measure([
        [0, 10],
        [20, 25],
      ]),
    ).toBe(15);
    expect(
      clip(
        [
          [0, 10],
          [20, 25],
        ],
        5,
        22,
      ),
    ).toEqual([
      [5, 10],
      [20, 22],
    ]);
    expect(contains([[0, 10]], 0)).toBe(true);
    expect(contains([[0, 10]], 10)).toBe(false);
  });
});
