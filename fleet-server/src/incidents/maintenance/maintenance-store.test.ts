// The maintenance store on a real SQLite event log: windows survive a restart, and windows appended to the
// log by anyone (an import, another route) are seen at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../storage/database';
import { EventLog } from '../../storage/event-log';
import { MaintenanceStore } from './maintenance-store';

describe('MaintenanceStore', () => {
  it('rebuilds its windows from the log after a restart and follows later appends', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-maintenance-store-'));
    const first = openDatabase(dir);
    const store = new MaintenanceStore(new EventLog(first));
    store.start();
    const planned = store.plan(
      'K-001',
      {
        start: new Date('2026-11-21T10:00:00Z'),
        end: new Date('2026-11-21T11:00:00Z'),
        reason: 'printer swap',
      },
      'tech-ana',
    );
    expect(planned.plannedBy).toBe('tech-ana');
    store.stop();
    first.close();

    const db = openDatabase(dir);
    const events = new EventLog(db);
    const reopened = new MaintenanceStore(events);
    reopened.start();
    expect(reopened.forKiosk('K-001')).toEqual([planned]);
    expect(reopened.isActive('K-001', new Date('2026-11-21T10:30:00Z'))).toBe(true);
    events.append([
      { at: '2026-11-22T08:00:00.000Z', kioskId: 'K-002', type: 'maintenance.started', maintenanceId: 'M-x' },
    ]);
    // An open-ended window: active from its start until its end is recorded.
    expect(reopened.isActive('K-002', new Date('2026-12-31T00:00:00Z'))).toBe(true);
    reopened.stop();
    db.close();
  });
});
