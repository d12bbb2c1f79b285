// API bearer tokens for machines (scripts, a Prometheus scraper): the bootstrap admin token comes from the
// configuration; admins issue technician and analyst tokens, stored as digests with their role and scope.
import type { MinistryId } from '@guichet/shared';
import type { Principal, Role } from '../auth/principal';
import { Role as RoleSchema, Principal as PrincipalSchema } from '../auth/principal';
import type { Db } from '../storage/database';
import { newSecret, sameSecret, tokenDigest } from './secret-hash';

export interface TokenScope {
  region?: string;
  ministry?: MinistryId;
}

interface TokenRow {
  role: string;
  subject: string;
  region: string | null;
  ministry: string | null;
}

export class ApiTokens {
  constructor(
    private readonly db: Db,
    private readonly adminToken: string | undefined,
  ) {}

  get enabled(): boolean {
    return this.adminToken !== undefined;
  }

  issue(role: Role, subject: string, now: Date, scope: TokenScope = {}): string {
    const token = `gt_${newSecret(24)}`;
    this.db
      .prepare(
        'INSERT INTO api_tokens (token_hash, role, subject, created_at, region, ministry) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(tokenDigest(token), role, subject, now.toISOString(), scope.region ?? null, scope.ministry ?? null);
    return token;
  }

  authenticate(token: string): Principal | undefined {
    if (this.adminToken === undefined) return undefined;
    if (sameSecret(token, this.adminToken)) return { kind: 'token', role: 'admin', subject: 'bootstrap-admin' };
    const row = this.db
      .prepare('SELECT role, subject, region, ministry FROM api_tokens WHERE token_hash = ?')
      .get(tokenDigest(token)) as TokenRow | undefined;
    if (!row) return undefined;
    return PrincipalSchema.parse({
      kind: 'token',
      role: RoleSchema.parse(row.role),
      subject: row.subject,
      ...(row.region === null ? {} : { region: row.region }),
      ...(row.ministry === null ? {} : { ministry: row.ministry }),
    });
  }
}
