// Compares two SLA reports within the fixtures' tolerance (tests/fixtures/sla/README.md: 0.01 s for seconds,
// 1e-9 for fractions, everything else exactly); for the engine's tests.
import { expect } from 'vitest';

const FRACTIONS = new Set(['availability', 'compliance', 'minOperationalFraction', 'fleetOperational']);

function compare(actual: unknown, expected: unknown, path: string, key: string, problems: string[]): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    const tolerance = FRACTIONS.has(key) ? 1e-9 : key.endsWith('Seconds') ? 0.01 : 0;
    if (!(Math.abs(actual - expected) <= tolerance)) problems.push(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) problems.push(`${path}: ${actual.length} items ≠ ${expected.length}`);
    else actual.forEach((a, i) => compare(a, expected[i], `${path}[${i}]`, key, problems));
    return;
  }
  if (
    actual &&
    expected &&
    typeof actual === 'object' &&
    typeof expected === 'object' &&
    !Array.isArray(actual) &&
    !Array.isArray(expected)
  ) {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const k of keys)
      compare(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        `${path}.${k}`,
        k,
        problems,
      );
    return;
  }
  if (actual !== expected) problems.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

export function expectReportsClose(actual: unknown, expected: unknown): void {
  const problems: string[] = [];
  compare(actual, expected, '$', '', problems);
  expect(problems.slice(0, 20)).toEqual([]);
}
