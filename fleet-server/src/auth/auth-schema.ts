// The tables of people and credentials: users (scrypt password hashes), their sign-in sessions (stored by digest,
// so a copy of the database signs no one in), and the API tokens' id, expiry and last use.
export const PEOPLE_AND_SESSIONS_MIGRATION = `
  CREATE TABLE users (
    username TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('admin', 'technician', 'analyst')),
    region TEXT,
    ministry TEXT,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    disabled_at TEXT,
    CHECK ((role = 'analyst') = (ministry IS NOT NULL)),
    CHECK (role = 'technician' OR region IS NULL)
  );
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    last_seen_at_ms INTEGER NOT NULL
  );
  CREATE INDEX sessions_username ON sessions(username);
  ALTER TABLE api_tokens ADD COLUMN token_id TEXT;
  ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
  ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;
  -- Tokens issued before expiry existed get an id, and expire 90 days after this upgrade.
  UPDATE api_tokens SET token_id = 'tok_' || lower(hex(randomblob(8))),
    expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days');
  CREATE UNIQUE INDEX api_tokens_id ON api_tokens(token_id);
`;
