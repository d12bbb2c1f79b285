// Tables of the transaction hub's journal, its outbox and the ledger (one migration of database.ts).
// Privacy: only hub_outbox may hold citizen details, and only until the ministry has them; every other
// table holds service, amounts, fee, card brand + last 4, auth code, terminal and ministry references,
// kiosk id and times.
export const HUB_AND_LEDGER_MIGRATION = `
  CREATE TABLE hub_transactions (
    tx_id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('quoted', 'committing', 'committed', 'cancelled', 'refused')),
    service_cents INTEGER NOT NULL CHECK (service_cents >= 0),
    fee_cents INTEGER NOT NULL CHECK (fee_cents >= 0),
    total_cents INTEGER NOT NULL CHECK (total_cents = service_cents + fee_cents),
    fee_split TEXT NOT NULL,
    details_digest TEXT NOT NULL,
    quote_lines TEXT NOT NULL,
    quoted_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    committing_at TEXT,
    finished_at TEXT,
    commit_lines TEXT,
    cancel_reason TEXT,
    refusal_code TEXT,
    refusal_message TEXT,
    payment_brand TEXT,
    payment_last4 TEXT CHECK (payment_last4 IS NULL OR length(payment_last4) = 4),
    auth_code TEXT,
    terminal_ref TEXT
  ) WITHOUT ROWID;
  CREATE INDEX hub_transactions_state ON hub_transactions(state) WHERE state = 'committing';
  CREATE TABLE hub_deliveries (
    tx_id TEXT NOT NULL REFERENCES hub_transactions(tx_id),
    ministry_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
    status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'queued', 'refused')),
    reference TEXT,
    refusal_code TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tx_id, ministry_id)
  ) WITHOUT ROWID;
  CREATE TABLE hub_outbox (
    tx_id TEXT NOT NULL,
    ministry_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    details TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tx_id, ministry_id),
    FOREIGN KEY (tx_id, ministry_id) REFERENCES hub_deliveries(tx_id, ministry_id)
  ) WITHOUT ROWID;
  CREATE INDEX hub_outbox_due ON hub_outbox(next_attempt_at);
  CREATE TABLE ledger_lines (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tx_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('capture', 'reversal')),
    account TEXT NOT NULL,
    debit_cents INTEGER NOT NULL CHECK (debit_cents >= 0),
    credit_cents INTEGER NOT NULL CHECK (credit_cents >= 0),
    posted_at TEXT NOT NULL,
    CHECK ((debit_cents = 0) <> (credit_cents = 0)),
    UNIQUE (tx_id, kind, account)
  );
  CREATE INDEX ledger_lines_account ON ledger_lines(account);
  CREATE TRIGGER ledger_lines_no_update BEFORE UPDATE ON ledger_lines
    BEGIN SELECT RAISE(ABORT, 'ledger lines are append-only: post a reversal instead'); END;
  CREATE TRIGGER ledger_lines_no_delete BEFORE DELETE ON ledger_lines
    BEGIN SELECT RAISE(ABORT, 'ledger lines are append-only: post a reversal instead'); END;
`;

// A cancel of a transaction id the hub never quoted (a kiosk whose quote request was lost, or still on its way,
// gives up on it) leaves a tombstone, so that the lost quote, should it arrive later, is refused (TX_CANCELLED)
// instead of opening a transaction the kiosk has already abandoned. Scoped to the kiosk that cancelled.
export const HUB_TOMBSTONES_MIGRATION = `
  CREATE TABLE hub_tombstones (
    tx_id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    cancelled_at TEXT NOT NULL
  ) WITHOUT ROWID;
`;
