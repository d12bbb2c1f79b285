// The append-only fleet event log (docs/sla.md's events): faults, clears, maintenance windows.
// Appends are atomic per batch; the SLA engine and its export read it back whole. Read back from a cache: seq
// is AUTOINCREMENT and SQLite commits one writer at a time, so rows appear in seq order and each read fetches and
// parses only the rows after the last one seen (also those another connection appended) — the status page's poll
// of the SLA view no longer re-parses the whole history.
import { FleetEvent } from '@guichet/shared';
import type { Db } from './database';

export class EventLog {
  private readonly insert;
  private readonly selectAfter;
  private readonly listeners = new Set<(events: FleetEvent[]) => void>();
  private readonly cache: FleetEvent[] = [];
  private cachedSeq = 0;
  private fetched = 0;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO events (at, kiosk_id, type, body) VALUES (?, ?, ?, ?)');
    this.selectAfter = db.prepare('SELECT seq, body FROM events WHERE seq > ? ORDER BY seq');
  }

  /** Appends all the events in one transaction, or none. Every event is validated first. */
  append(events: FleetEvent[]): void {
    const valid = events.map((event) => FleetEvent.parse(event));
    this.db.transaction(() => {
      for (const event of valid) this.insert.run(event.at, event.kioskId, event.type, JSON.stringify(event));
    })();
    for (const listener of this.listeners) listener(valid);
  }

  /** The whole log in append order (a copy the caller may keep or change). */
  all(): FleetEvent[] {
    return [...this.snapshot()];
  }

  /** The whole log in append order, without copying: read it now, do not keep it (later appends extend it). */
  snapshot(): readonly FleetEvent[] {
    const rows = this.selectAfter.all(this.cachedSeq) as { seq: number; body: string }[];
    for (const row of rows) this.cache.push(JSON.parse(row.body) as FleetEvent);
    if (rows.length > 0) this.cachedSeq = rows.at(-1)!.seq;
    this.fetched += rows.length;
    return this.cache;
  }

  /** Rows fetched from the database since this log was opened (each row is fetched and parsed once). */
  get rowsFetched(): number {
    return this.fetched;
  }

  onAppend(listener: (events: FleetEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
