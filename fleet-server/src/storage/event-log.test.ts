// The event log reads back from a cache: each row is fetched and parsed once, however often the log is read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '@guichet/shared';
import { openDatabase } from './database';
import { EventLog } from './event-log';

const fault = (i: number): FleetEvent => ({
  type: 'fault.detected',
  at: new Date(Date.UTC(2026, 10, 2, 15, 0, i)).toISOString(),
  kioskId: 'K-001',
  faultId: `f-${i}`,
  component: 'printer',
});

describe('event log', () => {
  it('fetches only the rows appended since the last read, also those another connection appended', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'event-log-'));
    const log = new EventLog(openDatabase(dir));
    log.append(Array.from({ length: 50 }, (_, i) => fault(i)));
    expect(log.snapshot()).toHaveLength(50);
    expect(log.rowsFetched).toBe(50);
    expect(log.snapshot()).toHaveLength(50);
    expect(log.rowsFetched).toBe(50);

    log.append([fault(50)]);
    const other = new EventLog(openDatabase(dir));
    other.append([fault(51)]);
    expect(log.all().map((e) => (e.type === 'fault.detected' ? e.faultId : ''))).toEqual(
      Array.from({ length: 52 }, (_, i) => `f-${i}`),
    );
    expect(log.rowsFetched).toBe(52);
    // all() is a copy: changing it leaves the log as it was.
    log.all().length = 0;
    expect(log.snapshot()).toHaveLength(52);
  });
});
