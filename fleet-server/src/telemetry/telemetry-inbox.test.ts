import { describe, expect, it } from 'vitest';
import type { TelemetryRecord } from '@guichet/shared';
import { openDatabase } from '../storage/database';
import { TelemetryInbox } from './telemetry-inbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const rec = (seq: number, streamId = 's1'): TelemetryRecord => ({
  streamId,
  seq,
  at: '2026-11-02T15:00:00.000Z',
  kind: 'test.reading',
  data: { seq },
});

describe('telemetry inbox', () => {
  const inbox = () => new TelemetryInbox(openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-'))));

  it('stores each record once: a replayed batch after a lost acknowledgement adds nothing', () => {
    const box = inbox();
    expect(box.accept('K-1', [rec(1), rec(2), rec(3)], new Date())).toEqual({ streamId: 's1', ackedSeq: 3, gaps: [] });
    expect(box.accept('K-1', [rec(2), rec(3), rec(4)], new Date())).toEqual({ streamId: 's1', ackedSeq: 4, gaps: [] });
    expect(box.list('K-1').map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  });

  it('stores past a gap (records lost on the fleet side cannot come again) and reports it', () => {
    const box = inbox();
    expect(box.accept('K-1', [rec(1), rec(3)], new Date())).toMatchObject({
      ackedSeq: 3,
      gaps: [{ afterSeq: 1, nextSeq: 3 }],
    });
    expect(box.accept('K-1', [rec(3), rec(4)], new Date())).toMatchObject({ ackedSeq: 4, gaps: [] });
    expect(box.list('K-1').map((r) => r.seq)).toEqual([1, 3, 4]);
  });

  it('keeps a new stream (a wiped kiosk) apart from the old one, and refuses mixed batches', () => {
    const box = inbox();
    box.accept('K-1', [rec(1), rec(2)], new Date());
    expect(box.accept('K-1', [rec(1, 's2')], new Date())).toEqual({ streamId: 's2', ackedSeq: 1, gaps: [] });
    expect(() => box.accept('K-1', [rec(3), rec(2, 's2')], new Date())).toThrow(
      expect.objectContaining({ code: 'TELEMETRY_MIXED_STREAMS' }),
    );
    expect(box.list('K-1')).toHaveLength(3);
  });
});
