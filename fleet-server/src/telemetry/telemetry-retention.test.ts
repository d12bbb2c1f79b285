// Telemetry retention on manual time and a real SQLite file: old records go at start and every hour after; a prune
// that fails is reported to StorageHealth, never thrown out of its timer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { openDatabase } from '../storage/database';
import { StorageHealth } from '../storage/storage-health';
import { TelemetryInbox } from './telemetry-inbox';
import { RETENTION_RUN_EVERY_MS, TelemetryRetention } from './telemetry-retention';

const quiet = pino({ level: 'silent' });
const DAY = 86_400_000;
const rec = (seq: number) => ({
  streamId: 's',
  seq,
  at: '2026-11-02T15:00:00.000Z',
  kind: 'kiosk.started',
  data: { softwareVersion: '1.0.0' },
});

describe('telemetry retention', () => {
  it('deletes telemetry older than the retention at start and every hour', async () => {
    const time = new ManualTime('2026-11-02T15:00:00.000Z');
    const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'retention-')));
    const inbox = new TelemetryInbox(db);
    inbox.accept('K-1', [rec(1)], new Date(time.now().getTime() - 31 * DAY));
    inbox.accept('K-1', [rec(2)], new Date(time.now().getTime() - 30 * DAY + RETENTION_RUN_EVERY_MS / 2));
    const health = new StorageHealth(quiet, () => time.now());
    const retention = new TelemetryRetention({
      inbox,
      retentionDays: 30,
      clock: time,
      timers: time,
      log: quiet,
      storageHealth: health,
    });
    retention.start();
    expect(inbox.list('K-1').map((r) => r.seq)).toEqual([2]);
    await time.advance(RETENTION_RUN_EVERY_MS);
    expect(inbox.list('K-1')).toEqual([]);
    retention.stop();
    expect(health.snapshot()).toEqual({ storage: 'ok' });
  });

  it('reports a prune that fails and recovers at a later run', () => {
    const time = new ManualTime('2026-11-02T15:00:00.000Z');
    const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'retention-')));
    const inbox = new TelemetryInbox(db);
    const health = new StorageHealth(quiet, () => time.now());
    const retention = new TelemetryRetention({
      inbox,
      retentionDays: 30,
      clock: time,
      timers: time,
      log: quiet,
      storageHealth: health,
    });
    db.pragma('query_only = ON'); // writes now fail with SQLITE_READONLY
    expect(retention.runOnce()).toBe(0);
    expect(health.snapshot()).toMatchObject({ storage: 'failing', writers: ['telemetry-retention'] });
    db.pragma('query_only = OFF');
    retention.runOnce();
    expect(health.snapshot()).toEqual({ storage: 'ok' });
  });
});
