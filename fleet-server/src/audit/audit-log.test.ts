// The audit log on a real SQLite file: entries as recorded, with the injected clock; newest first, filtered and
// paged; UPDATE and DELETE refused by the database itself; entries kept across a reopen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../storage/database';
import { AuditLog } from './audit-log';

let dir: string;
let db: Db;
let now: Date;
let audit: AuditLog;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-audit-'));
  db = openDatabase(dir);
  now = new Date('2026-11-20T15:00:00.000Z');
  audit = new AuditLog(db, () => now);
});

afterEach(() => db.close());

function record(actor: string, action: string, target: string, minutes: number): void {
  now = new Date(Date.parse('2026-11-20T15:00:00.000Z') + minutes * 60_000);
  audit.record({ actor, role: 'technician', action, target, details: { kioskId: 'K-001' }, address: '127.0.0.1' });
}

describe('AuditLog', () => {
  it('records who, what, on what, when and from where', () => {
    audit.record({ actor: 'root', role: 'admin', action: 'token.issue', target: 'scraper', address: '::1' });
    expect(audit.query({ limit: 10 }).entries).toEqual([
      {
        seq: 1,
        at: '2026-11-20T15:00:00.000Z',
        actor: 'root',
        role: 'admin',
        action: 'token.issue',
        target: 'scraper',
        details: {},
        address: '::1',
      },
    ]);
  });

  it('refuses to change or delete an entry, at the SQL level', () => {
    record('tech', 'incident.acknowledge', 'K-001-1', 0);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone-else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(audit.query({ limit: 10 }).entries.map((e) => e.actor)).toEqual(['tech']);
  });

  it('refuses details that are not small flat facts, writing nothing', () => {
    expect(() =>
      audit.record({
        actor: 'tech',
        role: 'technician',
        action: 'incident.note',
        target: 'K-001-1',
        details: { nested: { text: 'x' } } as never,
        address: undefined,
      }),
    ).toThrow();
    expect(audit.query({ limit: 10 }).entries).toEqual([]);
  });

  it('lists newest first, filters by time range, actor, target and action, and pages by cursor', () => {
    record('alice', 'incident.acknowledge', 'K-001-1', 0);
    record('bob', 'incident.note', 'K-001-1', 10);
    record('alice', 'incident.resolve', 'K-001-1', 20);
    record('alice', 'maintenance.plan', 'K-002', 30);
    expect(audit.query({ limit: 10 }).entries.map((e) => e.action)).toEqual([
      'maintenance.plan',
      'incident.resolve',
      'incident.note',
      'incident.acknowledge',
    ]);
    expect(audit.query({ actor: 'alice', limit: 10 }).entries.map((e) => e.seq)).toEqual([4, 3, 1]);
    expect(audit.query({ target: 'K-002', limit: 10 }).entries.map((e) => e.seq)).toEqual([4]);
    expect(audit.query({ action: 'incident.note', limit: 10 }).entries.map((e) => e.actor)).toEqual(['bob']);
    const range = audit.query({
      from: new Date('2026-11-20T15:10:00.000Z'),
      to: new Date('2026-11-20T15:30:00.000Z'),
      limit: 10,
    });
    expect(range.entries.map((e) => e.seq)).toEqual([3, 2]);
    const first = audit.query({ limit: 3 });
    expect(first.entries.map((e) => e.seq)).toEqual([4, 3, 2]);
    expect(first.nextCursor).toBe(2);
    const second = audit.query({ limit: 3, before: first.nextCursor! });
    expect(second).toEqual({ entries: [expect.objectContaining({ seq: 1 })], nextCursor: null });
  });

  it('keeps its entries across a reopen of the database file', () => {
    record('tech', 'task.close', 'R-K-001-1', 0);
    db.close();
    db = openDatabase(dir);
    expect(new AuditLog(db, () => now).query({ limit: 10 }).entries.map((e) => e.target)).toEqual(['R-K-001-1']);
  });
});
