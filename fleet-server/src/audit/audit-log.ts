// The append-only audit log of human actions (who, what, on what, when, from where) in the fleet database. The
// table has no UPDATE or DELETE path here, and triggers refuse both at the SQL level, so an entry once written stays.
import { z } from 'zod';
import { Role } from '../auth/principal';
import type { Db } from '../storage/database';

/** Details are small facts about the action (ids, modes, lengths), never free text a person typed or personal data. */
export const AuditDetails = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type AuditDetails = z.infer<typeof AuditDetails>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  role: Role,
  action: z.string(),
  target: z.string(),
  details: AuditDetails,
  address: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export interface AuditInput {
  /** The principal's subject (user name or token subject). */
  actor: string;
  role: Role;
  /** A stable dotted code, e.g. `incident.acknowledge`, `maintenance.plan`, `token.issue`. */
  action: string;
  /** What was acted on: an incident id, a kiosk id, a task id, a token's subject. */
  target: string;
  details?: AuditDetails;
  /** The TCP peer address of the request (never a forwarded header a client could forge). */
  address: string | undefined;
}

/** What route files need: one call per human action. */
export interface AuditRecorder {
  record(entry: AuditInput): void;
}

export interface AuditQuery {
  from?: Date;
  to?: Date;
  actor?: string;
  target?: string;
  action?: string;
  /** Entries older than this sequence number (the previous page's `nextCursor`). */
  before?: number;
  limit: number;
}

export const AUDIT_MIGRATION = `CREATE TABLE audit_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     role TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     details TEXT NOT NULL,
     address TEXT
   );
   CREATE INDEX audit_log_at ON audit_log(at);
   CREATE INDEX audit_log_actor ON audit_log(actor, seq);
   CREATE INDEX audit_log_target ON audit_log(target, seq);
   CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
   CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`;

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  details: string;
  address: string | null;
}

export class AuditLog implements AuditRecorder {
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, actor, role, action, target, details, address) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Appends one entry (inside the caller's transaction when there is one, so the action and its entry go together). */
  record(entry: AuditInput): void {
    const details = AuditDetails.parse(entry.details ?? {});
    this.insert.run(
      this.now().toISOString(),
      entry.actor,
      entry.role,
      entry.action,
      entry.target,
      JSON.stringify(details),
      entry.address ?? null,
    );
  }

  /** Newest first, filtered; `nextCursor` pages on to older entries (null when there are none). */
  query(query: AuditQuery): { entries: AuditEntry[]; nextCursor: number | null } {
    const where: string[] = [];
    const args: Array<string | number> = [];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      args.push(value);
    };
    add('at >= ?', query.from?.toISOString());
    add('at < ?', query.to?.toISOString());
    add('actor = ?', query.actor);
    add('target = ?', query.target);
    add('action = ?', query.action);
    add('seq < ?', query.before);
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, query.limit + 1) as AuditRow[];
    const page = rows
      .slice(0, query.limit)
      .map((row) => AuditEntry.parse({ ...row, details: JSON.parse(row.details) as unknown }));
    return { entries: page, nextCursor: rows.length > query.limit ? page[page.length - 1]!.seq : null };
  }
}
