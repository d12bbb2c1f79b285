// Durable store-and-forward outbox: telemetry is written to SQLite (WAL, synchronous=FULL) before it is
// sent, kept while the fleet is unreachable, replayed in order, and deleted only once acknowledged.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { GuichetError, type TelemetryRecord } from '@guichet/shared';
import { openDurableDatabase } from '../storage/durable-database';

export class TelemetryOutbox {
  private readonly db: Database.Database;
  readonly streamId: string;

  constructor(file: string) {
    this.db = openDurableDatabase(file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS outbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                  CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL);`);
    // One stream per outbox file: a wiped kiosk starts a new stream, so its fresh sequence numbers are
    // never mistaken for replays of the old ones.
    this.db
      .prepare('INSERT OR IGNORE INTO outbox_meta (key, value) VALUES (?, ?)')
      .run('streamId', crypto.randomUUID());
    this.streamId = (
      this.db.prepare('SELECT value FROM outbox_meta WHERE key = ?').get('streamId') as { value: string }
    ).value;
  }

  append(kind: string, data: Record<string, unknown>, at: Date): number {
    return Number(
      this.db
        .prepare('INSERT INTO outbox (at, kind, data) VALUES (?, ?, ?)')
        .run(at.toISOString(), kind, JSON.stringify(data)).lastInsertRowid,
    );
  }

  pending(limit: number): TelemetryRecord[] {
    const rows = this.db.prepare('SELECT seq, at, kind, data FROM outbox ORDER BY seq LIMIT ?').all(limit) as Array<{
      seq: number;
      at: string;
      kind: string;
      data: string;
    }>;
    return rows.map((row) => ({
      streamId: this.streamId,
      seq: row.seq,
      at: row.at,
      kind: row.kind,
      data: JSON.parse(row.data) as Record<string, unknown>,
    }));
  }

  get size(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
  }

  acknowledge(upToSeq: number): void {
    this.db.prepare('DELETE FROM outbox WHERE seq <= ?').run(upToSeq);
  }

  /** A value from the outbox's meta table (its stream id; what earlier versions kept beside it). */
  getMeta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM outbox_meta WHERE key = ?').get(key) as { value: string } | undefined)
      ?.value;
  }

  deleteMeta(key: string): void {
    if (key === 'streamId') throw new GuichetError('OUTBOX_STREAM_ID', 'the outbox stream id cannot be deleted');
    this.db.prepare('DELETE FROM outbox_meta WHERE key = ?').run(key);
  }

  close(): void {
    this.db.close();
  }
}
