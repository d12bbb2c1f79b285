// The fleet server's SQLite database (better-sqlite3, WAL, synchronous=FULL): event log, live kiosk
// state written behind, telemetry received, credentials, the transaction hub's journal and the ledger.
// Migrations are ordered SQL, applied once.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { HUB_AND_LEDGER_MIGRATION, HUB_TOMBSTONES_MIGRATION } from './hub-ledger-schema';
import { ALERTS_MIGRATION } from '../alerts/alert-schema';
import { INCIDENTS_MIGRATION } from '../incidents/incident-store';
import { AUDIT_MIGRATION } from '../audit/audit-log';
import { TELEMETRY_QUOTA_MIGRATION } from './telemetry-schema';
import { PEOPLE_AND_SESSIONS_MIGRATION } from '../auth/auth-schema';

export type Db = Database.Database;

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     kiosk_id TEXT NOT NULL,
     type TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX events_at ON events(at);
   CREATE INDEX events_kiosk ON events(kiosk_id, seq);
   CREATE TABLE kiosk_state (
     kiosk_id TEXT PRIMARY KEY,
     last_heartbeat_at TEXT,
     software_version TEXT,
     mode TEXT,
     devices TEXT NOT NULL DEFAULT '{}'
   );
   CREATE TABLE kiosk_credentials (
     kiosk_id TEXT PRIMARY KEY,
     salt TEXT NOT NULL,
     hash TEXT NOT NULL,
     issued_at TEXT NOT NULL
   );
   CREATE TABLE api_tokens (
     token_hash TEXT PRIMARY KEY,
     role TEXT NOT NULL,
     subject TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE telemetry (
     kiosk_id TEXT NOT NULL,
     stream_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     at TEXT NOT NULL,
     kind TEXT NOT NULL,
     data TEXT NOT NULL,
     received_at TEXT NOT NULL,
     PRIMARY KEY (kiosk_id, stream_id, seq)
   ) WITHOUT ROWID;
   CREATE TABLE target_state (
     kiosk_id TEXT PRIMARY KEY,
     body TEXT NOT NULL
   );`,
  HUB_AND_LEDGER_MIGRATION,
  HUB_TOMBSTONES_MIGRATION,
  // People's roles: the 'ministry' role became 'analyst', bound to one ministry; technicians may be bound to a region.
  `ALTER TABLE api_tokens ADD COLUMN region TEXT;
   ALTER TABLE api_tokens ADD COLUMN ministry TEXT;
   UPDATE api_tokens SET role = 'analyst', ministry = subject
     WHERE role = 'ministry'
       AND subject IN ('transportation', 'health', 'natural-resources', 'attorney-general', 'city-ottawa', 'city-toronto');
   DELETE FROM api_tokens WHERE role = 'ministry';`,
  ALERTS_MIGRATION,
  // Incidents' human state (acknowledged, assignee, notes, resolution) and restock tasks.
  INCIDENTS_MIGRATION,
  // The append-only audit log of human actions (triggers refuse UPDATE and DELETE).
  AUDIT_MIGRATION,
  TELEMETRY_QUOTA_MIGRATION,
  // Remote commands to kiosks (restart, reboot, test page, logs), durable through the kiosk being offline.
  `CREATE TABLE remote_commands (
     command_id TEXT PRIMARY KEY,
     kiosk_id TEXT NOT NULL,
     type TEXT NOT NULL,
     params TEXT NOT NULL DEFAULT '{}',
     state TEXT NOT NULL,
     requested_by TEXT NOT NULL,
     requested_role TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT,
     sent_at TEXT,
     acknowledged_at TEXT,
     finished_at TEXT,
     deliveries INTEGER NOT NULL DEFAULT 0,
     error_code TEXT,
     error_message TEXT,
     output TEXT
   );
   CREATE INDEX remote_commands_kiosk ON remote_commands(kiosk_id, created_at);
   CREATE TABLE remote_command_logs (
     command_id TEXT PRIMARY KEY REFERENCES remote_commands(command_id),
     text TEXT NOT NULL,
     received_at TEXT NOT NULL
   );`,
  PEOPLE_AND_SESSIONS_MIGRATION,
];

export function openDatabase(dataDir: string, fileName = 'fleet.db'): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
