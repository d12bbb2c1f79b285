// The alerts' durable state in the fleet database: what was raised (dedupe across restarts) and the outbox of
// deliveries. An alert and its deliveries are written in one transaction, so an alert is either raised with every
// delivery queued or not raised at all (the next evaluation raises it again).
import type { Db } from '../storage/database';
import type { AlertTrigger, RaisedAlert } from './evaluate-alerts';

export type Channel = 'webhook' | 'email';

/** What one delivery sends: the e-mail's subject and text, or the webhook's JSON body. */
export interface OutboxMessage {
  subject: string;
  text: string;
  body: Record<string, unknown>;
}

export interface NewDelivery {
  channel: Channel;
  /** The webhook's name or the e-mail address. */
  recipient: string;
  message: OutboxMessage;
}

export interface OutboxItem {
  id: number;
  alertKey: string;
  channel: Channel;
  recipient: string;
  message: OutboxMessage;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface OutboxRow {
  id: number;
  alert_key: string;
  channel: Channel;
  recipient: string;
  message: string;
  status: OutboxItem['status'];
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

const toItem = (row: OutboxRow): OutboxItem => ({
  id: row.id,
  alertKey: row.alert_key,
  channel: row.channel,
  recipient: row.recipient,
  message: JSON.parse(row.message) as OutboxMessage,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
});

export class AlertStore {
  constructor(private readonly db: Db) {}

  /** Every alert raised, oldest first. */
  raised(): RaisedAlert[] {
    return this.db
      .prepare<[], { alert_key: string; trigger: AlertTrigger; subject: string; raised_at: string }>(
        'SELECT alert_key, trigger, subject, raised_at FROM alerts_raised ORDER BY raised_at, alert_key',
      )
      .all()
      .map((r) => ({ key: r.alert_key, trigger: r.trigger, subject: r.subject, at: r.raised_at }));
  }

  /**
   * Records raised alerts and queues the deliveries of those not raised before, in one transaction. Returns the keys
   * that were new: an alert already raised (by a previous process) queues nothing again.
   */
  record(raised: readonly RaisedAlert[], deliveries: ReadonlyMap<string, readonly NewDelivery[]>): string[] {
    const insertRaised = this.db.prepare(
      'INSERT OR IGNORE INTO alerts_raised (alert_key, trigger, subject, raised_at) VALUES (?, ?, ?, ?)',
    );
    const insertDelivery = this.db.prepare(
      `INSERT OR IGNORE INTO alert_outbox (alert_key, channel, recipient, message, status, attempts, next_attempt_at,
         created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
    );
    return this.db.transaction(() => {
      const fresh: string[] = [];
      for (const entry of raised) {
        if (insertRaised.run(entry.key, entry.trigger, entry.subject, entry.at).changes === 0) continue;
        fresh.push(entry.key);
        for (const d of deliveries.get(entry.key) ?? [])
          insertDelivery.run(entry.key, d.channel, d.recipient, JSON.stringify(d.message), entry.at, entry.at);
      }
      return fresh;
    })();
  }

  /** Pending deliveries due at `now`, in order of their next attempt. */
  due(now: Date, limit = 50): OutboxItem[] {
    return this.db
      .prepare<[string, number], OutboxRow>(
        `SELECT * FROM alert_outbox WHERE status = 'pending' AND next_attempt_at <= ?
         ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .all(now.toISOString(), limit)
      .map(toItem);
  }

  /** When the earliest pending delivery is due, if any. */
  nextAttemptAt(): Date | undefined {
    const row = this.db
      .prepare<[], { at: string | null }>(
        "SELECT MIN(next_attempt_at) AS at FROM alert_outbox WHERE status = 'pending'",
      )
      .get();
    return row?.at ? new Date(row.at) : undefined;
  }

  delivered(id: number, at: Date): void {
    this.db
      .prepare(
        "UPDATE alert_outbox SET status = 'delivered', attempts = attempts + 1, finished_at = ?, last_error = NULL WHERE id = ?",
      )
      .run(at.toISOString(), id);
  }

  retryLater(id: number, nextAttemptAt: Date, error: string): void {
    this.db
      .prepare('UPDATE alert_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?')
      .run(nextAttemptAt.toISOString(), error, id);
  }

  failed(id: number, at: Date, error: string): void {
    this.db
      .prepare(
        "UPDATE alert_outbox SET status = 'failed', attempts = attempts + 1, finished_at = ?, last_error = ? WHERE id = ?",
      )
      .run(at.toISOString(), error, id);
  }

  /** Every delivery, oldest first (operators' inspection and tests). */
  outbox(): OutboxItem[] {
    return this.db.prepare<[], OutboxRow>('SELECT * FROM alert_outbox ORDER BY id').all().map(toItem);
  }
}
