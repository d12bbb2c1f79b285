// API bearer tokens for machines (scripts, a Prometheus scraper): the bootstrap admin token comes from the
// configuration; admins issue technician and analyst tokens, stored as digests with their role, scope, an id
// (to list and revoke them without the secret) and an expiry.
import crypto from 'node:crypto';
import type { MinistryId } from '@guichet/shared';
import type { Principal, Role } from '../auth/principal';
import { Role as RoleSchema, Principal as PrincipalSchema } from '../auth/principal';
import type { Db } from '../storage/database';
import { newSecret, sameSecret, tokenDigest } from './secret-hash';

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;
/** last_used_at is written at most this often per token, not once per request. */
const LAST_USED_EVERY_MS = 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TokenScope {
  region?: string;
  ministry?: MinistryId;
}

export interface IssuedToken {
  /** The secret, shown once. */
  token: string;
  id: string;
  expiresAt: Date;
}

/** What an admin sees of a token: never the secret or its digest. */
export interface TokenInfo extends TokenScope {
  id: string;
  role: Role;
  subject: string;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  lastUsedAt?: string;
}

interface TokenRow {
  token_hash: string;
  token_id: string;
  role: string;
  subject: string;
  region: string | null;
  ministry: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

export class ApiTokens {
  constructor(
    private readonly db: Db,
    private readonly adminToken: string | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether a bootstrap admin token is configured. */
  get hasAdminToken(): boolean {
    return this.adminToken !== undefined;
  }

  /** Issues a token valid for `expiresInDays` (default 90, at most 365) from `now`. */
  issueToken(role: Role, subject: string, now: Date, scope: TokenScope = {}, expiresInDays = DEFAULT_TOKEN_DAYS) {
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_TOKEN_DAYS)
      throw new RangeError(`expiresInDays must be a whole number from 1 to ${MAX_TOKEN_DAYS}`);
    const token = `gt_${newSecret(24)}`;
    const id = `tok_${crypto.randomBytes(8).toString('hex')}`;
    const expiresAt = new Date(now.getTime() + expiresInDays * DAY_MS);
    this.db
      .prepare(
        `INSERT INTO api_tokens (token_hash, token_id, role, subject, created_at, expires_at, region, ministry)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        tokenDigest(token),
        id,
        role,
        subject,
        now.toISOString(),
        expiresAt.toISOString(),
        scope.region ?? null,
        scope.ministry ?? null,
      );
    return { token, id, expiresAt } satisfies IssuedToken;
  }

  /** Issues a token (see issueToken) and returns only its secret. */
  issue(role: Role, subject: string, now: Date, scope: TokenScope = {}, expiresInDays = DEFAULT_TOKEN_DAYS): string {
    return this.issueToken(role, subject, now, scope, expiresInDays).token;
  }

  /** The principal of a token, or undefined for an unknown, revoked or expired one. */
  authenticate(token: string): Principal | undefined {
    if (this.adminToken !== undefined && sameSecret(token, this.adminToken))
      return { kind: 'token', role: 'admin', subject: 'bootstrap-admin' };
    const row = this.db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?').get(tokenDigest(token)) as
      TokenRow | undefined;
    const now = this.now();
    if (!row || !live(row, now)) return undefined;
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_EVERY_MS)
      this.db
        .prepare('UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?')
        .run(now.toISOString(), row.token_hash);
    return PrincipalSchema.parse({
      kind: 'token',
      role: RoleSchema.parse(row.role),
      subject: row.subject,
      ...(row.region === null ? {} : { region: row.region }),
      ...(row.ministry === null ? {} : { ministry: row.ministry }),
    });
  }

  /** Every issued token, newest first, without secrets (expired ones too, until revoked). */
  list(): TokenInfo[] {
    const now = this.now();
    const rows = this.db.prepare('SELECT * FROM api_tokens ORDER BY created_at DESC, token_id').all() as TokenRow[];
    return rows.map((row) => ({
      id: row.token_id,
      role: RoleSchema.parse(row.role),
      subject: row.subject,
      ...(row.region === null ? {} : { region: row.region }),
      ...(row.ministry === null ? {} : { ministry: row.ministry as MinistryId }),
      createdAt: row.created_at,
      expiresAt: row.expires_at ?? '',
      expired: !live(row, now),
      ...(row.last_used_at === null ? {} : { lastUsedAt: row.last_used_at }),
    }));
  }

  /** Revokes (deletes) a token; false when there is no token with this id. */
  revoke(id: string): boolean {
    return this.db.prepare('DELETE FROM api_tokens WHERE token_id = ?').run(id).changes === 1;
  }
}

function live(row: TokenRow, now: Date): boolean {
  return row.expires_at !== null && Date.parse(row.expires_at) > now.getTime();
}
