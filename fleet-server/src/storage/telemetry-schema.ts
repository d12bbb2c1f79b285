// Tables behind the telemetry quotas and retention (one migration of database.ts): each stream's position, kept
// apart from the records so pruning old records or refusing one never moves it back (which would replay or report
// false gaps), and each kiosk's stored bytes per UTC day (the daily quota survives a restart).
export const TELEMETRY_QUOTA_MIGRATION = `
  CREATE TABLE telemetry_streams (
    kiosk_id TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kiosk_id, stream_id)
  ) WITHOUT ROWID;
  INSERT INTO telemetry_streams (kiosk_id, stream_id, last_seq, updated_at)
    SELECT kiosk_id, stream_id, MAX(seq), MAX(received_at) FROM telemetry GROUP BY kiosk_id, stream_id;
  CREATE TABLE telemetry_usage (
    kiosk_id TEXT NOT NULL,
    day TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    records INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, day)
  ) WITHOUT ROWID;
  CREATE INDEX telemetry_received ON telemetry(received_at);
`;
