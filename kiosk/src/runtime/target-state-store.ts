// The kiosk's last target state from the fleet, in its own small SQLite file (WAL, synchronous=FULL), so a
// kiosk taken out of service stays so across a reboot even with the fleet unreachable. Earlier versions
// kept it in the telemetry outbox's meta table; adoptLegacy() moves it here once.
import type Database from 'better-sqlite3';
import { TargetState } from '@guichet/shared';
import type { TelemetryOutbox } from '../link/telemetry-outbox';
import { openDurableDatabase } from '../storage/durable-database';

const LEGACY_OUTBOX_KEY = 'targetState';

export class TargetStateStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openDurableDatabase(file);
    this.db.exec('CREATE TABLE IF NOT EXISTS target_state (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL)');
  }

  /** The saved target state; undefined when none was saved or what is saved no longer parses. */
  load(): TargetState | undefined {
    const row = this.db.prepare('SELECT body FROM target_state WHERE id = 1').get() as { body: string } | undefined;
    if (!row) return undefined;
    const parsed = TargetState.safeParse(safeJson(row.body));
    return parsed.success ? parsed.data : undefined;
  }

  save(target: TargetState): void {
    this.db
      .prepare('INSERT INTO target_state (id, body) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body')
      .run(JSON.stringify(TargetState.parse(target)));
  }

  /**
   * Moves a target state an earlier version saved in the outbox into this store: saved here first, then
   * removed there, so a crash in between loses nothing and the next start finishes the move.
   */
  adoptLegacy(outbox: TelemetryOutbox): void {
    const legacy = outbox.getMeta(LEGACY_OUTBOX_KEY);
    if (legacy === undefined) return;
    const parsed = TargetState.safeParse(safeJson(legacy));
    if (parsed.success && this.load() === undefined) this.save(parsed.data);
    outbox.deleteMeta(LEGACY_OUTBOX_KEY);
  }

  close(): void {
    this.db.close();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
