// The kiosk's SQLite files (transaction journal, telemetry outbox, target state, remote commands), each opened the
// one way: its folder made, WAL, synchronous=FULL — a write is on disk before what it enables happens, even across
// a power cut.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export function openDurableDatabase(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}
