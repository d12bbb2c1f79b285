// The user, session and token stores on a real SQLite file: passwords rehashed when parameters change, sessions
// ended with their user, tokens issued before expiry existed given an id and an expiry by the migration.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiTokens } from '../registry/api-tokens';
import { tokenDigest } from '../registry/secret-hash';
import { MIGRATIONS, openDatabase, type Db } from '../storage/database';
import { PEOPLE_AND_SESSIONS_MIGRATION } from './auth-schema';
import { hashPassword } from './password-hash';
import { SessionStore } from './session-store';
import { UserStore } from './user-store';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDb(): { db: Db; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-users-'));
  dirs.push(dir);
  const db = openDatabase(dir);
  dbs.push(db);
  return { db, dir };
}

const NOW = new Date('2026-11-02T15:00:00.000Z');

describe('UserStore', () => {
  it('refuses bad users and weak passwords with typed errors, writing nothing', async () => {
    const { db } = tempDb();
    const users = new UserStore(db, () => NOW);
    await expect(users.create({ username: 'Bad Name', role: 'admin' }, 'a fine password')).rejects.toMatchObject({
      code: 'BAD_USER',
    });
    await expect(
      users.create({ username: 'tina', role: 'admin', region: 'toronto' }, 'a fine password'),
    ).rejects.toMatchObject({ code: 'BAD_USER', message: 'region: only technicians are bound to a region' });
    await expect(users.create({ username: 'tina', role: 'technician' }, 'short')).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
    });
    expect(users.list()).toEqual([]);
    expect(users.hasEnabledUsers()).toBe(false);
  });

  it('rehashes a password stored with older scrypt parameters at the next successful sign-in', async () => {
    const { db } = tempDb();
    const users = new UserStore(db, () => NOW);
    await users.create({ username: 'tina', role: 'technician' }, 'tram stop at dawn 7');
    const old = await hashPassword('tram stop at dawn 7', { N: 2 ** 14, r: 8, p: 1 });
    db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(old, 'tina');
    expect(await users.verify('tina', 'wrong password here')).toBeUndefined();
    expect((db.prepare('SELECT password_hash FROM users').get() as { password_hash: string }).password_hash).toBe(old);
    expect(await users.verify('tina', 'tram stop at dawn 7')).toMatchObject({ username: 'tina' });
    const now = (db.prepare('SELECT password_hash FROM users').get() as { password_hash: string }).password_hash;
    expect(now.startsWith('scrypt$32768$8$3$')).toBe(true);
    expect(await users.verify('tina', 'tram stop at dawn 7')).toMatchObject({ username: 'tina' });
  });

  it('ends the sessions of a disabled user, and keeps the last enabled admin', async () => {
    const { db } = tempDb();
    const users = new UserStore(db, () => NOW);
    const sessions = new SessionStore(db, users, () => NOW);
    const root = await users.create({ username: 'root', role: 'admin' }, 'correct horse battery');
    const s = sessions.create(root);
    expect(sessions.lookup(s.sessionId)?.principal).toEqual({ kind: 'user', role: 'admin', subject: 'root' });
    expect(() => users.setDisabled('root', true)).toThrow(expect.objectContaining({ code: 'LAST_ADMIN' }));
    await users.create({ username: 'second', role: 'admin' }, 'another fine password');
    users.setDisabled('root', true);
    expect(sessions.lookup(s.sessionId)).toBeUndefined();
    expect(sessions.count()).toBe(0);
    expect(await users.verify('root', 'correct horse battery')).toBeUndefined();
  });
});

describe('the people-and-sessions migration', () => {
  it('gives tokens issued before it an id and an expiry 90 days on, and they keep working until then', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-migrate-'));
    dirs.push(dir);
    const legacy = new Database(path.join(dir, 'fleet.db'));
    const before = MIGRATIONS.indexOf(PEOPLE_AND_SESSIONS_MIGRATION);
    expect(before).toBeGreaterThan(0);
    for (let version = 0; version < before; version++) legacy.exec(MIGRATIONS[version]!);
    legacy.pragma(`user_version = ${before}`);
    legacy
      .prepare('INSERT INTO api_tokens (token_hash, role, subject, created_at) VALUES (?, ?, ?, ?)')
      .run(tokenDigest('gt_legacy-token'), 'technician', 'old script', '2026-01-01T00:00:00.000Z');
    legacy.close();

    const db = openDatabase(dir);
    dbs.push(db);
    const upgradedAt = Date.now();
    let now = new Date(upgradedAt);
    const tokens = new ApiTokens(db, undefined, () => now);
    const [listed] = tokens.list();
    expect(listed!.id).toMatch(/^tok_[0-9a-f]{16}$/);
    const expires = Date.parse(listed!.expiresAt);
    expect(Math.abs(expires - (upgradedAt + 90 * 24 * 3_600_000))).toBeLessThan(60_000);
    expect(tokens.authenticate('gt_legacy-token')).toEqual({
      kind: 'token',
      role: 'technician',
      subject: 'old script',
    });
    now = new Date(expires);
    expect(tokens.authenticate('gt_legacy-token')).toBeUndefined();
    expect(tokens.revoke(listed!.id)).toBe(true);
    expect(tokens.list()).toEqual([]);
  });
});
