// The telemetry inbox on a real SQLite file: exactly-once per stream, per-kind schemas, quotas, retention.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TelemetryRecord } from '@guichet/shared';
import { openDatabase, type Db } from '../storage/database';
import { TelemetryInbox, type QuotaExceeded, type TelemetryInboxOptions } from './telemetry-inbox';
import { TELEMETRY_RECORD_MAX_BYTES } from './telemetry-limits';

const AT = new Date('2026-11-02T15:00:00.000Z');

const rec = (seq: number, streamId = 's1', kind = 'kiosk.mode-changed', data?: Record<string, unknown>) =>
  ({
    streamId,
    seq,
    at: '2026-11-02T15:00:00.000Z',
    kind,
    data: data ?? { mode: 'in-service', version: seq },
  }) satisfies TelemetryRecord;

function open(options: TelemetryInboxOptions = {}): { box: TelemetryInbox; db: Db; reports: QuotaExceeded[] } {
  const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-')));
  const reports: QuotaExceeded[] = [];
  const box = new TelemetryInbox(db, { ...options, onQuotaExceeded: (q) => reports.push(q) });
  return { box, db, reports };
}

const tableBytes = (db: Db) =>
  (db.prepare('SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM telemetry').get() as { n: number }).n;

describe('telemetry inbox', () => {
  it('stores each record once: a replayed batch after a lost acknowledgement adds nothing', () => {
    const { box } = open();
    expect(box.accept('K-1', [rec(1), rec(2), rec(3)], AT)).toEqual({ streamId: 's1', ackedSeq: 3, gaps: [] });
    expect(box.accept('K-1', [rec(2), rec(3), rec(4)], AT)).toEqual({ streamId: 's1', ackedSeq: 4, gaps: [] });
    expect(box.list('K-1').map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  });

  it('stores past a gap (records lost on the fleet side cannot come again) and reports it', () => {
    const { box } = open();
    expect(box.accept('K-1', [rec(1), rec(3)], AT)).toMatchObject({ ackedSeq: 3, gaps: [{ afterSeq: 1, nextSeq: 3 }] });
    expect(box.accept('K-1', [rec(3), rec(4)], AT)).toMatchObject({ ackedSeq: 4, gaps: [] });
    expect(box.list('K-1').map((r) => r.seq)).toEqual([1, 3, 4]);
  });

  it('keeps a new stream (a wiped kiosk) apart from the old one, and refuses mixed batches', () => {
    const { box } = open();
    box.accept('K-1', [rec(1), rec(2)], AT);
    expect(box.accept('K-1', [rec(1, 's2')], AT)).toEqual({ streamId: 's2', ackedSeq: 1, gaps: [] });
    expect(() => box.accept('K-1', [rec(3), rec(2, 's2')], AT)).toThrow(
      expect.objectContaining({ code: 'TELEMETRY_MIXED_STREAMS' }),
    );
    expect(box.list('K-1')).toHaveLength(3);
  });

  it('refuses unknown kinds, data not matching its kind and oversized records for good: acknowledged, not stored', () => {
    const { box } = open();
    const big = 'x'.repeat(TELEMETRY_RECORD_MAX_BYTES);
    const answer = box.accept(
      'K-1',
      [
        rec(1),
        rec(2, 's1', 'disk.filler', { blob: 'x' }),
        rec(3, 's1', 'device.changed', { device: 'printer', state: 'on fire' }),
        rec(4, 's1', 'survey.answered', { serviceId: 's', answers: Object.fromEntries([[big, 'good']]) }),
        rec(5, 's1', 'kiosk.started', { softwareVersion: '1.2.0', extra: 'dropped' }),
      ],
      AT,
    );
    expect(answer).toMatchObject({
      ackedSeq: 5,
      gaps: [],
      refused: [
        { seq: 2, code: 'TELEMETRY_UNKNOWN_KIND' },
        { seq: 3, code: 'TELEMETRY_INVALID_DATA' },
        { seq: 4, code: 'TELEMETRY_INVALID_DATA' },
      ],
    });
    expect(box.list('K-1').map((r) => [r.seq, r.kind, r.data])).toEqual([
      [1, 'kiosk.mode-changed', { mode: 'in-service', version: 1 }],
      [5, 'kiosk.started', { softwareVersion: '1.2.0' }],
    ]);
    // Resent (the acknowledgement was lost): already done with, not refused again, nothing stored.
    expect(box.accept('K-1', [rec(2, 's1', 'disk.filler', { blob: 'x' })], AT)).toEqual({
      streamId: 's1',
      ackedSeq: 5,
      gaps: [],
    });
  });

  it('refuses a record whose stored form is over the size limit', () => {
    const { box } = open({ limits: { recordMaxBytes: 64 } });
    const answer = box.accept('K-1', [rec(1, 's1', 'kiosk.started', { softwareVersion: 'v'.repeat(60) })], AT);
    expect(answer.refused).toEqual([expect.objectContaining({ seq: 1, code: 'TELEMETRY_RECORD_TOO_LARGE' })]);
    expect(box.list('K-1')).toEqual([]);
  });

  it('does not store binary data inflated: a Buffer is refused by the kind schema', () => {
    const { box, db } = open();
    const blob = Buffer.alloc(10_000, 7);
    const answer = box.accept('K-1', [rec(1, 's1', 'kiosk.started', { softwareVersion: blob })], AT);
    expect(answer.refused?.[0]?.code).toBe('TELEMETRY_INVALID_DATA');
    expect(tableBytes(db)).toBe(0);
  });

  it('stops at the daily byte quota: the prefix that fits is stored, then the batch is refused and changes nothing', () => {
    const { box, reports } = open({ limits: { bytesPerDay: 200 } });
    const one = JSON.stringify(rec(1).data).length; // 33 bytes
    const answer = box.accept(
      'K-1',
      Array.from({ length: 10 }, (_, i) => rec(i + 1)),
      AT,
    );
    const fits = Math.floor(200 / one);
    expect(answer.ackedSeq).toBe(fits);
    expect(box.bytesOn('K-1', AT)).toBe(fits * one);
    expect(() => box.accept('K-1', [rec(fits + 1)], AT)).toThrow(
      expect.objectContaining({ code: 'TELEMETRY_QUOTA_EXCEEDED' }),
    );
    expect(box.list('K-1')).toHaveLength(fits);
    // Once per window: two refusals the same day, one report; another kiosk has its own quota.
    expect(reports).toEqual([{ kioskId: 'K-1', quota: 'bytes-per-day', limit: 200, at: AT }]);
    expect(box.accept('K-2', [rec(1)], AT).ackedSeq).toBe(1);
    // The next UTC day the kiosk sends again, and is reported again if it fills that day too.
    const tomorrow = new Date('2026-11-03T00:00:01.000Z');
    expect(box.accept('K-1', [rec(fits + 1)], tomorrow).ackedSeq).toBe(fits + 1);
  });

  it('keeps the daily byte count across a restart (it is stored)', () => {
    const { box, db } = open({ limits: { bytesPerDay: 90 } });
    box.accept('K-1', [rec(1), rec(2)], AT);
    const again = new TelemetryInbox(db, { limits: { bytesPerDay: 90 } });
    expect(() => again.accept('K-1', [rec(3)], AT)).toThrow(
      expect.objectContaining({ code: 'TELEMETRY_QUOTA_EXCEEDED' }),
    );
  });

  it('stops at the records-a-minute quota, counts refused records too, and starts again the next minute', () => {
    const { box, reports } = open({ limits: { recordsPerMinute: 5 } });
    const first = box.accept('K-1', [rec(1), rec(2, 's1', 'nope'), rec(3), rec(4), rec(5), rec(6), rec(7)], AT);
    expect(first.ackedSeq).toBe(5);
    expect(() => box.accept('K-1', [rec(6)], new Date(AT.getTime() + 59_000))).toThrow(
      expect.objectContaining({ code: 'TELEMETRY_QUOTA_EXCEEDED' }),
    );
    expect(reports.map((r) => r.quota)).toEqual(['records-per-minute']);
    expect(box.accept('K-1', [rec(6), rec(7)], new Date(AT.getTime() + 60_000)).ackedSeq).toBe(7);
  });

  it('prunes records older than the cutoff, and a pruned stream keeps its position (no replay, no false gap)', () => {
    const { box } = open();
    box.accept('K-1', [rec(1), rec(2)], AT);
    const later = new Date('2026-12-02T15:00:00.000Z');
    box.accept('K-1', [rec(3)], later);
    expect(box.prune(new Date('2026-11-15T00:00:00.000Z'))).toBe(2);
    expect(box.list('K-1').map((r) => r.seq)).toEqual([3]);
    expect(box.accept('K-1', [rec(2), rec(3), rec(4)], later)).toEqual({ streamId: 's1', ackedSeq: 4, gaps: [] });
    expect(box.list('K-1').map((r) => r.seq)).toEqual([3, 4]);
  });
});
