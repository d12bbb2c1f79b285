// The kiosk's target state store: durable across reopen, and an out-of-service state saved in the outbox
// by an earlier version survives the upgrade.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { SimulatedDeviceBoard } from '../devices/device-board';
import { TelemetryOutbox } from '../link/telemetry-outbox';
import { KioskRuntime } from './kiosk-runtime';
import { TargetStateStore } from './target-state-store';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-target-'));

describe('TargetStateStore', () => {
  it('keeps the last target state across a reopen, and nothing before one is saved', () => {
    const file = path.join(tempDir(), 'K-001.target.db');
    const store = new TargetStateStore(file);
    expect(store.load()).toBeUndefined();
    store.save({ version: 3, mode: 'out-of-service', reason: 'card slot jammed' });
    store.save({ version: 4, mode: 'out-of-service' });
    store.close();
    const reopened = new TargetStateStore(file);
    expect(reopened.load()).toEqual({ version: 4, mode: 'out-of-service' });
    reopened.close();
  });

  it('moves a target state an earlier version kept in the outbox, so the kiosk stays out of service after upgrade', async () => {
    const dataDir = tempDir();
    const outboxFile = path.join(dataDir, 'K-001.outbox.db');
    // What the previous version left on disk: the target state in the outbox's meta table.
    new TelemetryOutbox(outboxFile).close();
    const old = new Database(outboxFile);
    old
      .prepare('INSERT INTO outbox_meta (key, value) VALUES (?, ?)')
      .run('targetState', JSON.stringify({ version: 2, mode: 'out-of-service', reason: 'screen cracked' }));
    old.close();

    const runtime = new KioskRuntime({
      kioskId: 'K-001',
      credential: 'a-credential-long-enough',
      fleetUrl: 'http://127.0.0.1:9',
      dataDir,
      heartbeatIntervalMs: 10_000,
      devices: new SimulatedDeviceBoard(),
      log: pino({ level: 'silent' }),
    });
    expect(runtime.mode).toBe('out-of-service');
    expect(runtime.outbox.getMeta('targetState')).toBeUndefined();
    await runtime.stop();

    const store = new TargetStateStore(path.join(dataDir, 'K-001.target.db'));
    expect(store.load()).toEqual({ version: 2, mode: 'out-of-service', reason: 'screen cracked' });
    store.close();
  });

  it('prefers what it already holds over a leftover in the outbox, and ignores an unreadable leftover', () => {
    const dataDir = tempDir();
    const outbox = new TelemetryOutbox(path.join(dataDir, 'outbox.db'));
    const store = new TargetStateStore(path.join(dataDir, 'target.db'));
    store.save({ version: 5, mode: 'in-service' });
    const raw = new Database(path.join(dataDir, 'outbox.db'));
    raw
      .prepare('INSERT INTO outbox_meta (key, value) VALUES (?, ?)')
      .run('targetState', '{"version":1,"mode":"out-of-service"}');
    store.adoptLegacy(outbox);
    expect(store.load()).toEqual({ version: 5, mode: 'in-service' });
    expect(outbox.getMeta('targetState')).toBeUndefined();
    raw.prepare('INSERT INTO outbox_meta (key, value) VALUES (?, ?)').run('targetState', 'not json');
    raw.close();
    store.adoptLegacy(outbox);
    expect(store.load()).toEqual({ version: 5, mode: 'in-service' });
    expect(outbox.getMeta('targetState')).toBeUndefined();
    expect(() => outbox.deleteMeta('streamId')).toThrow(expect.objectContaining({ code: 'OUTBOX_STREAM_ID' }));
    outbox.close();
    store.close();
  });
});
