// The kiosk's record of the remote commands it took, by commandId, in its own SQLite file (WAL,
// synchronous=FULL): a command the fleet sends again (its answer was lost, the link dropped, the kiosk restarted)
// runs once; the stored result is what the kiosk answers again.
import type Database from 'better-sqlite3';
import { CommandResult } from '@guichet/shared';
import { openDurableDatabase } from '../storage/durable-database';

export interface StoredCommand {
  commandId: string;
  type: string;
  /** The final result once there is one; undefined while it runs (or waits for the kiosk to be idle). */
  result: CommandResult | undefined;
}

/** How many finished commands are kept (a redelivery comes within hours; this is weeks of a busy kiosk). */
const KEEP_FINISHED = 500;

export class CommandStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openDurableDatabase(file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS commands (
      command_id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      received_at TEXT NOT NULL,
      result TEXT
    )`);
  }

  get(commandId: string): StoredCommand | undefined {
    const row = this.db.prepare('SELECT command_id, type, result FROM commands WHERE command_id = ?').get(commandId) as
      { command_id: string; type: string; result: string | null } | undefined;
    if (!row) return undefined;
    return {
      commandId: row.command_id,
      type: row.type,
      result: row.result === null ? undefined : CommandResult.parse(JSON.parse(row.result)),
    };
  }

  /** Records that a command was taken (before anything of it runs); false if it was already. */
  take(commandId: string, type: string, at: Date): boolean {
    const info = this.db
      .prepare('INSERT INTO commands (command_id, type, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(commandId, type, at.toISOString());
    return info.changes === 1;
  }

  finish(result: CommandResult): void {
    this.db
      .prepare('UPDATE commands SET result = ? WHERE command_id = ?')
      .run(JSON.stringify(result), result.commandId);
    this.db
      .prepare(
        `DELETE FROM commands WHERE result IS NOT NULL AND rowid NOT IN
           (SELECT rowid FROM commands WHERE result IS NOT NULL ORDER BY rowid DESC LIMIT ?)`,
      )
      .run(KEEP_FINISHED);
  }

  /** Commands taken and not finished: the runtime stopped while they ran or waited (settled at start). */
  unfinished(): StoredCommand[] {
    const rows = this.db
      .prepare('SELECT command_id, type FROM commands WHERE result IS NULL ORDER BY rowid')
      .all() as Array<{
      command_id: string;
      type: string;
    }>;
    return rows.map((r) => ({ commandId: r.command_id, type: r.type, result: undefined }));
  }

  close(): void {
    this.db.close();
  }
}
