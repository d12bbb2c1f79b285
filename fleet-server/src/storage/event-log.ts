// The append-only fleet event log (docs/sla.md's events): faults, clears, maintenance windows.
// Appends are atomic per batch; the SLA engine and its export read it back whole.
import { FleetEvent } from '@guichet/shared';
import type { Db } from './database';

export class EventLog {
  private readonly insert;
  private readonly selectAll;
  private readonly listeners = new Set<(events: FleetEvent[]) => void>();

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO events (at, kiosk_id, type, body) VALUES (?, ?, ?, ?)');
    this.selectAll = db.prepare('SELECT body FROM events ORDER BY seq');
  }

  /** Appends all the events in one transaction, or none. Every event is validated first. */
  append(events: FleetEvent[]): void {
    const valid = events.map((event) => FleetEvent.parse(event));
    this.db.transaction(() => {
      for (const event of valid) this.insert.run(event.at, event.kioskId, event.type, JSON.stringify(event));
    })();
    for (const listener of this.listeners) listener(valid);
  }

  /** The whole log in append order. */
  all(): FleetEvent[] {
    return (this.selectAll.all() as { body: string }[]).map((row) => JSON.parse(row.body) as FleetEvent);
  }

  onAppend(listener: (events: FleetEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
