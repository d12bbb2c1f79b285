// The incidents' human state on a real SQLite file: kept across a reopen, acknowledged once (the first one wins),
// resolved once, and the history in the order it happened.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/database';
import { IncidentStore, NO_HUMAN_STATE } from './incident-store';

describe('IncidentStore', () => {
  it('keeps acknowledgement, assignee, notes and resolution across a reopen; a second acknowledgement or resolution writes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-incident-store-'));
    let db = openDatabase(dir);
    const store = new IncidentStore(db);
    const id = 'K-001-1795123200000';
    expect(store.state(id)).toEqual(NO_HUMAN_STATE);
    expect(store.isAcknowledged(id)).toBe(false);
    store.acknowledge(id, 'K-001', 'alice', new Date('2026-11-20T15:00:00.000Z'));
    expect(store.acknowledge(id, 'K-001', 'bob', new Date('2026-11-20T15:01:00.000Z'))).toBe(false);
    store.assign(id, 'K-001', 'alice', 'carol', new Date('2026-11-20T15:02:00.000Z'));
    store.note(id, 'K-001', 'carol', 'cutter jammed', new Date('2026-11-20T15:03:00.000Z'));
    store.resolve(id, 'K-001', 'carol', 'cleared the cutter', new Date('2026-11-20T15:04:00.000Z'));
    expect(store.resolve(id, 'K-001', 'bob', 'again', new Date('2026-11-20T15:05:00.000Z'))).toBe(false);
    db.close();

    db = openDatabase(dir);
    const reopened = new IncidentStore(db);
    expect(reopened.isAcknowledged(id)).toBe(true);
    expect(reopened.state(id)).toEqual({
      acknowledgedBy: 'alice',
      acknowledgedAt: '2026-11-20T15:00:00.000Z',
      assignee: 'carol',
      resolvedBy: 'carol',
      resolvedAt: '2026-11-20T15:04:00.000Z',
      resolution: 'cleared the cutter',
    });
    expect(reopened.historyOf(id).map((h) => [h.actor, h.action])).toEqual([
      ['alice', 'acknowledge'],
      ['alice', 'assign'],
      ['carol', 'note'],
      ['carol', 'resolve'],
    ]);
    expect([...reopened.states('K-001').keys()]).toEqual([id]);
    expect(reopened.states('K-002').size).toBe(0);
    db.close();
  });
});
