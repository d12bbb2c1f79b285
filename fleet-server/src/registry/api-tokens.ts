// API bearer tokens and their roles. The bootstrap admin token comes from the configuration; admins
// issue technician and ministry tokens, stored hashed.
import { z } from 'zod';
import type { Db } from '../storage/database';
import { newSecret, sameSecret, tokenDigest } from './secret-hash';

export const ApiRole = z.enum(['admin', 'technician', 'ministry']);
export type ApiRole = z.infer<typeof ApiRole>;
export type ApiPrincipal = { role: ApiRole; subject: string };

export class ApiTokens {
  constructor(
    private readonly db: Db,
    private readonly adminToken: string | undefined,
  ) {}

  get enabled(): boolean {
    return this.adminToken !== undefined;
  }

  issue(role: ApiRole, subject: string, now: Date): string {
    const token = `gt_${newSecret(24)}`;
    this.db
      .prepare('INSERT INTO api_tokens (token_hash, role, subject, created_at) VALUES (?, ?, ?, ?)')
      .run(tokenDigest(token), role, subject, now.toISOString());
    return token;
  }

  authenticate(token: string): ApiPrincipal | undefined {
    if (this.adminToken === undefined) return undefined;
    if (sameSecret(token, this.adminToken)) return { role: 'admin', subject: 'bootstrap-admin' };
    const row = this.db.prepare('SELECT role, subject FROM api_tokens WHERE token_hash = ?').get(tokenDigest(token)) as
      ApiPrincipal | undefined;
    return row ? { role: ApiRole.parse(row.role), subject: row.subject } : undefined;
  }
}
