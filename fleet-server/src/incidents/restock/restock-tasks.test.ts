// Restock tasks on a real SQLite file: one task per near-end episode, closed by paper back to ok, kept across a
// restart of the server (the open task is found again, not duplicated), and a write that failed tried again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../storage/database';
import type { IncidentChange } from '../change-notifier';
import { RestockTasks } from './restock-tasks';

const NEAR_END = { printer: { state: 'warning', code: 'PRINTER_PAPER_NEAR_END' } } as const;
let dir: string;
let db: Db;
let now: Date;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-restock-'));
  db = openDatabase(dir);
  now = new Date('2026-11-20T15:00:00.000Z');
});
afterEach(() => db.close());

describe('RestockTasks', () => {
  it('opens one task per near-end episode and closes it when paper is back, notifying both', () => {
    const tasks = new RestockTasks(db, () => now);
    const changes: IncidentChange[] = [];
    tasks.changes.onChange((c) => changes.push(c));
    tasks.observe('K-001', NEAR_END);
    tasks.observe('K-001', NEAR_END);
    tasks.observe('K-001', { cardReader: { state: 'ok' } }); // no printer in this report: no change
    expect(tasks.list('open', now).map((t) => t.taskId)).toEqual([`R-K-001-${now.getTime()}`]);
    now = new Date('2026-11-20T16:00:00.000Z');
    tasks.observe('K-001', { printer: { state: 'ok' } });
    expect(tasks.list('all', new Date(0))).toEqual([
      expect.objectContaining({ status: 'closed', closedAt: now.toISOString(), closeReason: 'paper-ok' }),
    ]);
    expect(changes.map((c) => (c.kind === 'task' ? c.action : c.kind))).toEqual(['opened', 'closed']);
  });

  it('finds its open tasks again after a restart, without opening a second one', () => {
    new RestockTasks(db, () => now).observe('K-001', NEAR_END);
    db.close();
    db = openDatabase(dir);
    const tasks = new RestockTasks(db, () => now);
    tasks.observe('K-001', NEAR_END);
    expect(tasks.list('open', now)).toHaveLength(1);
    tasks.observe('K-001', { printer: { state: 'ok' } });
    expect(tasks.list('open', now)).toEqual([]);
  });

  it('tries again on the next report when the write failed', () => {
    const tasks = new RestockTasks(db, () => now);
    db.exec('CREATE TRIGGER refuse BEFORE INSERT ON restock_tasks BEGIN SELECT RAISE(ABORT, "disk full"); END;');
    expect(() => tasks.observe('K-001', NEAR_END)).toThrow(/disk full/);
    db.exec('DROP TRIGGER refuse');
    tasks.observe('K-001', NEAR_END);
    expect(tasks.list('open', now)).toHaveLength(1);
  });
});
