// Tables of the alerts (one migration of storage/database.ts): every alert raised, once per key (the dedupe that
// survives restarts), and the outbox of its deliveries, one row per recipient, kept until delivered or refused.
// Holds kiosk ids, clocks and the rendered message: no citizen data.
export const ALERTS_MIGRATION = `
  CREATE TABLE alerts_raised (
    alert_key TEXT PRIMARY KEY,
    trigger TEXT NOT NULL,
    subject TEXT NOT NULL,
    raised_at TEXT NOT NULL
  );
  CREATE TABLE alert_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_key TEXT NOT NULL REFERENCES alerts_raised(alert_key),
    channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
    recipient TEXT NOT NULL,
    message TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    UNIQUE (alert_key, channel, recipient)
  );
  CREATE INDEX alert_outbox_pending ON alert_outbox(next_attempt_at) WHERE status = 'pending';
`;
