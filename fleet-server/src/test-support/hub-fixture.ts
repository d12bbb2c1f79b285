// A transaction hub on a real SQLite file in a temporary directory, with scripted ministries, a manual clock
// and captured logs: the set-up of the hub's tests and benchmark. `reopen()` simulates a crash and restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { MinistryId, PriceList } from '@guichet/shared';
import { parsePriceList } from '@guichet/shared';
import { openDatabase, type Db } from '../storage/database';
import { TransactionHub, type TransactionHubOptions } from '../hub/transaction-hub';
import { ManualClock } from './manual-clock';
import { scriptedMinistries, type ScriptedMinistry, type ScriptedMinistryOptions } from './scripted-ministry';

export const DEMO_PRICES_FILE = path.resolve(import.meta.dirname, '../../demo/prices.json');
export const TEST_HUB_SECRET = Buffer.from('test-hub-secret-0123456789abcdef0123456789');

export function demoPriceList(): PriceList {
  return parsePriceList(JSON.parse(fs.readFileSync(DEMO_PRICES_FILE, 'utf8')));
}

export interface HubFixture {
  dir: string;
  db: Db;
  hub: TransactionHub;
  clock: ManualClock;
  ministries: Map<MinistryId, ScriptedMinistry>;
  ministry(id: MinistryId): ScriptedMinistry;
  logs: Record<string, unknown>[];
  logText(): string;
  /** Drops the database and hub without closing the hub (a crash), then opens both again on the same file. */
  reopen(): HubFixture;
  close(): Promise<void>;
}

export function hubFixture(
  options: {
    start?: string;
    ministries?: Partial<Record<MinistryId, ScriptedMinistryOptions>>;
    hub?: Partial<TransactionHubOptions>;
    dir?: string;
  } = {},
): HubFixture {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-hub-'));
  const clock = new ManualClock(options.start ?? '2026-11-23T15:00:00.000Z');
  const ministries = scriptedMinistries(options.ministries);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ level: 'info' }, sink);
  const priceList = demoPriceList();
  const open = (): { db: Db; hub: TransactionHub } => {
    const db = openDatabase(dir);
    const hub = new TransactionHub({
      db,
      ministries,
      priceList,
      secret: TEST_HUB_SECRET,
      log,
      now: clock.now,
      timers: clock.timers,
      ...options.hub,
    });
    return { db, hub };
  };
  const make = (opened: { db: Db; hub: TransactionHub }): HubFixture => ({
    dir,
    ...opened,
    clock,
    ministries,
    ministry: (id) => ministries.get(id)!,
    logs,
    logText: () => logs.map((l) => JSON.stringify(l)).join('\n'),
    reopen: () => {
      opened.hub.worker.stop();
      opened.db.close();
      return make(open());
    },
    close: async () => {
      await opened.hub.close();
      if (opened.db.open) opened.db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
  return make(open());
}
