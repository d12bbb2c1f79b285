// The people who sign in: a user name, a role and its scope (a technician's region, an analyst's ministry), a
// scrypt password hash, and whether the account is disabled. Disabling a user or resetting a password ends their
// sessions (the sessions table cascades from users, and SessionStore reads the user on every request).
import { z } from 'zod';
import { GuichetError, MinistryId } from '@guichet/shared';
import type { Db } from '../storage/database';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password-hash';
import { passwordProblem } from './password-policy';
import { Role, type Principal } from './principal';
import { PrintableText } from './printable-text';

/** Lower-case letters, digits, dot, dash, underscore, @: safe in logs, the audit log and URLs. */
export const Username = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._@-]*$/, 'must be lower-case letters, digits, ".", "_", "-" or "@"');

export const NewUser = z
  .object({
    username: Username,
    role: Role,
    region: PrintableText.optional(),
    ministry: MinistryId.optional(),
  })
  .refine((u) => u.role !== 'analyst' || u.ministry !== undefined, {
    message: 'an analyst is bound to one ministry: give ministry',
    path: ['ministry'],
  })
  .refine((u) => u.role === 'analyst' || u.ministry === undefined, {
    message: 'only analysts are bound to a ministry',
    path: ['ministry'],
  })
  .refine((u) => u.role === 'technician' || u.region === undefined, {
    message: 'only technicians are bound to a region',
    path: ['region'],
  });
export type NewUser = z.infer<typeof NewUser>;

export const UserView = z.object({
  username: z.string(),
  role: Role,
  region: z.string().optional(),
  ministry: MinistryId.optional(),
  createdAt: z.string(),
  passwordChangedAt: z.string(),
  disabledAt: z.string().optional(),
});
export type UserView = z.infer<typeof UserView>;

interface UserRow {
  username: string;
  role: string;
  region: string | null;
  ministry: string | null;
  password_hash: string;
  created_at: string;
  password_changed_at: string;
  disabled_at: string | null;
}

function view(row: UserRow): UserView {
  return UserView.parse({
    username: row.username,
    role: row.role,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
    ...(row.region === null ? {} : { region: row.region }),
    ...(row.ministry === null ? {} : { ministry: row.ministry }),
    ...(row.disabled_at === null ? {} : { disabledAt: row.disabled_at }),
  });
}

export function userPrincipal(user: UserView): Principal {
  return {
    kind: 'user',
    role: user.role,
    subject: user.username,
    ...(user.region === undefined ? {} : { region: user.region }),
    ...(user.ministry === undefined ? {} : { ministry: user.ministry }),
  };
}

export class UserStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Whether anyone can sign in: with no enabled user and no admin token the API stays closed. */
  hasEnabledUsers(): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE disabled_at IS NULL LIMIT 1').get() !== undefined;
  }

  get(username: string): UserView | undefined {
    const row = this.row(username);
    return row && view(row);
  }

  list(): UserView[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(view);
  }

  /** Creates a user; USER_EXISTS, WEAK_PASSWORD or BAD_USER (the schema's reasons) otherwise, changing nothing. */
  async create(input: NewUser, password: string): Promise<UserView> {
    const parsed = NewUser.safeParse(input);
    if (!parsed.success)
      throw new GuichetError(
        'BAD_USER',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const user = parsed.data;
    const weak = passwordProblem(user.username, password);
    if (weak) throw new GuichetError('WEAK_PASSWORD', weak);
    if (this.row(user.username)) throw new GuichetError('USER_EXISTS', `a user named ${user.username} exists`);
    const hash = await hashPassword(password);
    const at = this.now().toISOString();
    try {
      this.db
        .prepare(
          `INSERT INTO users (username, role, region, ministry, password_hash, created_at, password_changed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(user.username, user.role, user.region ?? null, user.ministry ?? null, hash, at, at);
    } catch (error) {
      // Another request (or the CLI) created the same name while this one was hashing.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new GuichetError('USER_EXISTS', `a user named ${user.username} exists`);
      throw error;
    }
    return this.get(user.username)!;
  }

  /**
   * The enabled user whose password this is, or undefined (unknown name, wrong password, disabled account), after
   * the same scrypt work in every case. Rehashes a password stored with older parameters.
   */
  async verify(username: string, password: string): Promise<UserView | undefined> {
    const row = this.row(username);
    if (!row) return verifyAgainstDummy(password).then(() => undefined);
    if (!(await verifyPassword(password, row.password_hash))) return undefined;
    if (row.disabled_at !== null) return undefined;
    if (needsRehash(row.password_hash))
      this.db
        .prepare('UPDATE users SET password_hash = ? WHERE username = ?')
        .run(await hashPassword(password), row.username);
    return view(row);
  }

  /** Sets a new password and ends the user's sessions. */
  async setPassword(username: string, password: string): Promise<UserView> {
    const row = this.existing(username);
    const weak = passwordProblem(row.username, password);
    if (weak) throw new GuichetError('WEAK_PASSWORD', weak);
    const hash = await hashPassword(password);
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE username = ?')
        .run(hash, this.now().toISOString(), row.username);
      this.db.prepare('DELETE FROM sessions WHERE username = ?').run(row.username);
    })();
    return this.get(row.username)!;
  }

  /** Disables (or re-enables) a user; disabling ends their sessions. The last enabled admin cannot be disabled. */
  setDisabled(username: string, disabled: boolean): UserView {
    const row = this.existing(username);
    this.db.transaction(() => {
      if (disabled && row.role === 'admin' && row.disabled_at === null) {
        const admins = this.db
          .prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL")
          .get() as { n: number };
        if (admins.n <= 1)
          throw new GuichetError('LAST_ADMIN', 'the last enabled admin cannot be disabled: create another admin first');
      }
      this.db
        .prepare('UPDATE users SET disabled_at = ? WHERE username = ?')
        .run(disabled ? (row.disabled_at ?? this.now().toISOString()) : null, row.username);
      if (disabled) this.db.prepare('DELETE FROM sessions WHERE username = ?').run(row.username);
    })();
    return this.get(row.username)!;
  }

  private row(username: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  }

  private existing(username: string): UserRow {
    const row = this.row(username);
    if (!row) throw new GuichetError('USER_NOT_FOUND', `no user named ${username}`);
    return row;
  }
}
