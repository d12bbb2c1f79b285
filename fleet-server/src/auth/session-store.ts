// Sign-in sessions of people: a random 256-bit id in an HttpOnly cookie, stored only as its SHA-256 digest (a
// copy of the database signs no one in), a CSRF token per session, an idle and an absolute expiry. Kept in SQLite,
// so a restart signs no one out. Every lookup reads the user too: a disabled user or a changed role takes effect
// on the next request.
import crypto from 'node:crypto';
import type { Db } from '../storage/database';
import type { Principal } from './principal';
import { userPrincipal, type UserStore, type UserView } from './user-store';
import { isStorageError } from '../storage/storage-health';

/** A session unused this long ends (a technician's console left open over a shift stays signed in). */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** No session outlives this, used or not: a stolen cookie is worth at most a working day. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen is written at most this often per session, not once per request. */
const TOUCH_EVERY_MS = 60 * 1000;

export const SESSION_COOKIE = 'guichet_session';

export interface Session {
  user: UserView;
  principal: Principal;
  csrfToken: string;
  /** When the session ends at the latest (absolute expiry). */
  expiresAt: Date;
}

export interface NewSession extends Session {
  /** The cookie value: shown once, to the browser. */
  sessionId: string;
}

interface SessionRow {
  id_hash: string;
  username: string;
  csrf_token: string;
  created_at_ms: number;
  last_seen_at_ms: number;
}

function digest(sessionId: string): string {
  return crypto.createHash('sha256').update(sessionId).digest('hex');
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether two tokens are equal, in time independent of where they differ. */
export function sameToken(a: string, b: string): boolean {
  const da = crypto.createHash('sha256').update(a).digest();
  const db = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(da, db);
}

export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly users: UserStore,
    private readonly now: () => Date,
    private readonly limits: { idleMs: number; absoluteMs: number } = {
      idleMs: SESSION_IDLE_MS,
      absoluteMs: SESSION_ABSOLUTE_MS,
    },
  ) {}

  /** Opens a session for a verified user (and forgets sessions that have expired). */
  create(user: UserView): NewSession {
    const now = this.now().getTime();
    this.purgeExpired(now);
    const sessionId = crypto.randomBytes(32).toString('base64url');
    const csrfToken = crypto.randomBytes(32).toString('base64url');
    this.db
      .prepare(
        'INSERT INTO sessions (id_hash, username, csrf_token, created_at_ms, last_seen_at_ms) VALUES (?, ?, ?, ?, ?)',
      )
      .run(digest(sessionId), user.username, csrfToken, now, now);
    return {
      sessionId,
      user,
      principal: userPrincipal(user),
      csrfToken,
      expiresAt: new Date(now + this.limits.absoluteMs),
    };
  }

  /** The live session with this id (and its user, enabled), or undefined; records that it was used. */
  lookup(sessionId: string | undefined): Session | undefined {
    if (!sessionId) return undefined;
    const now = this.now().getTime();
    const row = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(digest(sessionId)) as
      SessionRow | undefined;
    if (!row) return undefined;
    if (now - row.last_seen_at_ms >= this.limits.idleMs || now - row.created_at_ms >= this.limits.absoluteMs) {
      bestEffort(() => this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(row.id_hash));
      return undefined;
    }
    const user = this.users.get(row.username);
    if (!user || user.disabledAt !== undefined) return undefined;
    if (now - row.last_seen_at_ms >= TOUCH_EVERY_MS)
      bestEffort(() =>
        this.db.prepare('UPDATE sessions SET last_seen_at_ms = ? WHERE id_hash = ?').run(now, row.id_hash),
      );
    return {
      user,
      principal: userPrincipal(user),
      csrfToken: row.csrf_token,
      expiresAt: new Date(row.created_at_ms + this.limits.absoluteMs),
    };
  }

  /** The principal of a request's Cookie header (the console's socket.io handshake), or undefined. */
  principalFromCookieHeader(cookieHeader: string | undefined): Principal | undefined {
    return this.lookup(cookieValue(cookieHeader, SESSION_COOKIE))?.principal;
  }

  /** Ends a session (sign-out); a no-op for an unknown id. */
  delete(sessionId: string | undefined): void {
    if (sessionId) this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(digest(sessionId));
  }

  /** Sessions currently stored (expired ones are removed at the next sign-in). */
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
  }

  private purgeExpired(now: number): void {
    this.db
      .prepare('DELETE FROM sessions WHERE last_seen_at_ms <= ? OR created_at_ms <= ?')
      .run(now - this.limits.idleMs, now - this.limits.absoluteMs);
  }
}

/**
 * Housekeeping writes of a read (last use, an expired row): on failing storage the signed-in keep reading what the
 * server shows (the status page's storage banner among it); the session just ages from its last recorded use.
 */
function bestEffort(write: () => unknown): void {
  try {
    write();
  } catch (error) {
    if (!isStorageError(error)) throw error;
  }
}
