// The period export reproduces the report of that period (docs/sla.md "Fleet API": the exported files fed to the
// command give the API's report), on the fixture months and random periods, including open incidents and maintenance.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSlaReport } from './compute-sla-report';
import { exportEvents } from './event-export';
import { parseEventsJsonl, parseSitesFile } from './parse-inputs';
import { fault, fleet, maintenance } from '../test-support/sla-test-fleet';

const FIXTURES = new URL('../../../tests/fixtures/sla/', import.meta.url);
const START = Date.parse('2026-10-29T00:00:00Z');
const END = Date.parse('2026-12-03T00:00:00Z');

describe('exportEvents', () => {
  for (const seed of ['nov-2026-seed1', 'nov-2026-seed2']) {
    const sites = parseSitesFile(readFileSync(new URL(`${seed}/sites.json`, FIXTURES), 'utf8'), 'sites.json');
    const events = parseEventsJsonl(readFileSync(new URL(`${seed}/events.jsonl`, FIXTURES), 'utf8'), 'events.jsonl');
    it(`${seed}: any period's export gives that period's report`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: START, max: END }),
          fc.integer({ min: 1, max: 10 * 86_400_000 }),
          fc.constantFrom('service-hours' as const, 'wall' as const),
          (from, length, clock) => {
            const period = { from: new Date(from), to: new Date(from + length), clock };
            const exported = exportEvents(
              events,
              sites.kiosks.map((k) => k.id),
              from,
              from + length,
            );
            expect(computeSlaReport({ sites, events: exported, ...period })).toEqual(
              computeSlaReport({ sites, events, ...period }),
            );
          },
        ),
        { numRuns: 25 },
      );
    });
  }

  it('keeps the faults of an incident alive at `from` and drops what cannot matter', () => {
    const sites = fleet(1);
    const events = [
      ...fault('K-001', '2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z'), // long before: dropped
      ...fault('K-001', '2026-01-05T08:00:00.000Z', '2026-01-05T12:00:00.000Z'), // open at from
      ...fault('K-001', '2026-01-05T10:00:00.000Z', '2026-01-05T11:00:00.000Z'), // detected inside that incident
      ...maintenance('K-001', '2026-01-09T10:00:00.000Z', '2026-01-09T11:00:00.000Z'), // after the horizon
    ];
    const from = Date.parse('2026-01-05T09:00:00Z');
    const to = Date.parse('2026-01-06T00:00:00Z');
    const exported = exportEvents(events, ['K-001'], from, to);
    expect(exported).toEqual([events[2], events[4], events[5], events[3]]);
    const period = { from: new Date(from), to: new Date(to) };
    expect(computeSlaReport({ sites, events: exported, ...period })).toEqual(
      computeSlaReport({ sites, events, ...period }),
    );
    expect(computeSlaReport({ sites, events: exported, ...period }).incidents).toEqual([]);
  });
});
