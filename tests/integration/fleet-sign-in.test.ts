// People signing in to a real fleet server over real HTTP: the session cookie's flags, CSRF on changes, idle and
// absolute expiry on manual time, sign-out, sessions kept across a restart, users managed by an admin, and the
// API open to a deployment that has users but no bootstrap token.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '@guichet/fleet-server/auth/session-store';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { ADMIN_TOKEN, api, startFleet, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';
import { signIn as signInAt, type SignedIn } from '../support/session-client';

const time = new ManualTime('2026-11-02T15:00:00.000Z');
const PASSWORDS = { root: 'correct horse battery', tina: 'tram stop at dawn 7', ana: 'figures every monday' };
let dir: string;
let server: FleetServer;

async function start(): Promise<FleetServer> {
  return startFleet(testFleetConfig(dir, writeSitesFile(dir, 2)), pino({ level: 'silent' }), {
    clock: time,
    timers: time,
  });
}

beforeAll(async () => {
  dir = tempDir('signin');
  server = await start();
  await server.users.create({ username: 'root', role: 'admin' }, PASSWORDS.root);
  await server.users.create({ username: 'tina', role: 'technician', region: 'toronto' }, PASSWORDS.tina);
  await server.users.create({ username: 'ana', role: 'analyst', ministry: 'transportation' }, PASSWORDS.ana);
});

afterAll(async () => {
  await server?.stop();
});

const signIn = (username: string, password: string): Promise<SignedIn> => signInAt(server.url, username, password);

/** A request with a session cookie (and no bearer token). */
function asUser<T>(cookie: string, pathname: string, init: RequestInit = {}) {
  return api<T>(server, pathname, { ...init, token: null, headers: { cookie, ...(init.headers ?? {}) } });
}

describe('sign-in and sessions', () => {
  it('signs in with an HttpOnly, SameSite=Strict cookie and answers the user and a CSRF token', async () => {
    const s = await signIn('tina', PASSWORDS.tina);
    expect(s.status).toBe(200);
    expect(s.body.user).toEqual({ username: 'tina', role: 'technician', region: 'toronto' });
    expect(s.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.setCookie).toHaveLength(1);
    const attributes = s.setCookie[0]!.split(';').map((a) => a.trim());
    expect(attributes[0]).toMatch(/^guichet_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Strict');
    expect(attributes).toContain('Path=/');
    expect(attributes).toContain(`Max-Age=${SESSION_ABSOLUTE_MS / 1000}`);
    expect(attributes).not.toContain('Secure');
    // The session id is stored only as a digest.
    const id = s.cookie.split('=')[1]!;
    const db = new Database(path.join(dir, 'fleet.db'), { readonly: true });
    const stored = db.prepare('SELECT id_hash FROM sessions').all() as Array<{ id_hash: string }>;
    db.close();
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(id);

    const me = await asUser<SignedIn['body']>(s.cookie, '/api/v1/session');
    expect(me).toEqual({ status: 200, body: { user: s.body.user, csrfToken: s.csrf } });
    const kiosks = await asUser<{ kiosks: unknown[] }>(s.cookie, '/api/v1/kiosks');
    expect(kiosks.status).toBe(200);
    // Signed in, and scoped: tina is bound to Toronto, and the harness's two sites belong to no region.
    expect(kiosks.body.kiosks).toEqual([]);
    expect(server.sessions.principalFromCookieHeader(`lang=fr; ${s.cookie}`)).toEqual({
      kind: 'user',
      role: 'technician',
      subject: 'tina',
      region: 'toronto',
    });
    expect(server.sessions.principalFromCookieHeader('guichet_session=forged')).toBeUndefined();
    // The console's socket.io handshake: the cookie, or a bearer token in auth.token.
    const handshake = { cookie: `lang=fr; ${s.cookie}`, address: '127.0.0.1' };
    expect(server.authenticator.principalOfHandshake(handshake)).toEqual({
      principal: { kind: 'user', role: 'technician', subject: 'tina', region: 'toronto' },
    });
    expect(server.authenticator.principalOfHandshake({ ...handshake, token: ADMIN_TOKEN })).toEqual({
      principal: { kind: 'token', role: 'admin', subject: 'bootstrap-admin' },
    });
    expect(server.authenticator.principalOfHandshake({ cookie: undefined, address: '127.0.0.1' })).toEqual({
      refused: 'no-credential',
    });
    expect(server.authenticator.principalOfHandshake({ cookie: 'guichet_session=x', address: '127.0.0.1' })).toEqual({
      refused: 'invalid',
    });
    expect(server.sessions.principalFromCookieHeader(undefined)).toBeUndefined();
  });

  it('refuses a wrong password and an unknown user with the same answer, and sets no cookie', async () => {
    for (const [username, password] of [
      ['tina', 'not her password'],
      ['nobody', 'not anyones password'],
    ] as const) {
      const s = await signIn(username, password);
      expect(s.status).toBe(401);
      expect(s.body).toMatchObject({ error: { code: 'SIGN_IN_FAILED', message: 'wrong user name or password' } });
      expect(s.setCookie).toEqual([]);
    }
    expect((await asUser(`guichet_session=${'A'.repeat(43)}`, '/api/v1/kiosks')).status).toBe(401);
  });

  it('needs the session CSRF token on changes, and changes nothing without it', async () => {
    const s = await signIn('root', PASSWORDS.root);
    const body = JSON.stringify({ role: 'technician', subject: 'scraper' });
    const headers = { 'content-type': 'application/json' };
    const before = server.tokens.list().length;
    for (const csrf of [undefined, 'wrong', `${s.csrf}x`]) {
      const res = await asUser<{ error: { code: string } }>(s.cookie, '/api/v1/tokens', {
        method: 'POST',
        body,
        headers: csrf === undefined ? headers : { ...headers, 'x-csrf-token': csrf },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('CSRF_REQUIRED');
    }
    expect(server.tokens.list()).toHaveLength(before);
    // Another session's CSRF token is not this one's.
    const other = await signIn('root', PASSWORDS.root);
    const crossed = await asUser(s.cookie, '/api/v1/tokens', {
      method: 'POST',
      body,
      headers: { ...headers, 'x-csrf-token': other.csrf },
    });
    expect(crossed.status).toBe(403);
    const ok = await asUser<{ subject: string }>(s.cookie, '/api/v1/tokens', {
      method: 'POST',
      body,
      headers: { ...headers, 'x-csrf-token': s.csrf },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.subject).toBe('scraper');
    expect(server.tokens.list()).toHaveLength(before + 1);
    // A bearer token needs no CSRF token.
    const bearer = await api(server, '/api/v1/tokens', { method: 'POST', body });
    expect(bearer.status).toBe(201);
  });

  it('keeps roles: an analyst session cannot do what only admins may', async () => {
    const s = await signIn('ana', PASSWORDS.ana);
    expect(s.body.user).toEqual({ username: 'ana', role: 'analyst', ministry: 'transportation' });
    const res = await asUser<{ error: { code: string } }>(s.cookie, '/api/v1/users');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('ends a session idle for 8 hours, and any session 12 hours after sign-in', async () => {
    const t0 = time.now().getTime();
    const used = await signIn('tina', PASSWORDS.tina);
    const idleA = await signIn('tina', PASSWORDS.tina);
    const idleB = await signIn('tina', PASSWORDS.tina);
    time.setTime(t0 + SESSION_IDLE_MS - 1);
    expect((await asUser(idleA.cookie, '/api/v1/session')).status).toBe(200);
    expect((await asUser(used.cookie, '/api/v1/session')).status).toBe(200);
    time.setTime(t0 + SESSION_IDLE_MS);
    const ended = await asUser<{ error: { code: string; message: string } }>(idleB.cookie, '/api/v1/kiosks');
    expect(ended.status).toBe(401);
    expect(ended.body.error.message).toBe('the session has ended: sign in again');
    // Used within the idle limit, a session still ends 12 hours after sign-in.
    time.setTime(t0 + SESSION_IDLE_MS + 3_600_000);
    expect((await asUser(used.cookie, '/api/v1/kiosks')).status).toBe(200);
    time.setTime(t0 + SESSION_ABSOLUTE_MS - 1);
    expect((await asUser(used.cookie, '/api/v1/kiosks')).status).toBe(200);
    time.setTime(t0 + SESSION_ABSOLUTE_MS);
    expect((await asUser(used.cookie, '/api/v1/kiosks')).status).toBe(401);
    expect((await asUser(used.cookie, '/api/v1/session')).status).toBe(401);
  });

  it('signs out: the session is deleted and its cookie cleared (the CSRF token is needed)', async () => {
    const s = await signIn('tina', PASSWORDS.tina);
    const refused = await asUser<{ error: { code: string } }>(s.cookie, '/api/v1/session', { method: 'DELETE' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CSRF_REQUIRED');
    expect((await asUser(s.cookie, '/api/v1/session')).status).toBe(200);
    const res = await fetch(`${server.url}/api/v1/session`, {
      method: 'DELETE',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()[0]).toMatch(/^guichet_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await asUser(s.cookie, '/api/v1/session')).status).toBe(401);
    expect(server.sessions.principalFromCookieHeader(s.cookie)).toBeUndefined();
    // Signing out without a session is not an error.
    expect((await fetch(`${server.url}/api/v1/session`, { method: 'DELETE' })).status).toBe(204);
  });

  it('keeps sessions across a restart of the server', async () => {
    const s = await signIn('tina', PASSWORDS.tina);
    await server.stop();
    server = await start();
    expect((await asUser(s.cookie, '/api/v1/session')).status).toBe(200);
  });
});

describe('people, managed by an admin', () => {
  it('creates users (refusing weak passwords and taken names), lists them without secrets', async () => {
    const create = (body: Record<string, unknown>) =>
      api<{ user?: Record<string, unknown>; error?: { code: string; message: string } }>(server, '/api/v1/users', {
        method: 'POST',
        body: JSON.stringify(body),
      });
    const weak = await create({ username: 'tom', role: 'technician', password: 'tom-is-tom-is-tom' });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toMatchObject({
      code: 'WEAK_PASSWORD',
      message: 'the password must not contain the user name',
    });
    const unbound = await create({ username: 'al', role: 'analyst', password: 'a fine password' });
    expect(unbound.status).toBe(400);
    expect(unbound.body.error?.code).toBe('BAD_USER');
    const made = await create({ username: 'tom', role: 'technician', password: 'a fine password' });
    expect(made.status).toBe(201);
    expect(made.body.user).toMatchObject({ username: 'tom', role: 'technician' });
    expect((await create({ username: 'tom', role: 'admin', password: 'another password' })).status).toBe(409);
    const list = await api<{ users: Array<Record<string, unknown>> }>(server, '/api/v1/users');
    expect(list.body.users.map((u) => u.username)).toEqual(['ana', 'root', 'tina', 'tom']);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password_hash|fine password/);
    expect((await signIn('tom', 'a fine password')).status).toBe(200);
  });

  it('disabling a user or resetting a password ends their sessions; the last admin stays enabled', async () => {
    const s = await signIn('tom', 'a fine password');
    const disabled = await api<{ user: { disabledAt?: string } }>(server, '/api/v1/users/tom/disable', {
      method: 'POST',
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user.disabledAt).toBe(time.now().toISOString());
    expect((await asUser(s.cookie, '/api/v1/kiosks')).status).toBe(401);
    expect((await signIn('tom', 'a fine password')).status).toBe(401);
    expect((await api(server, '/api/v1/users/tom/enable', { method: 'POST' })).status).toBe(200);
    const again = await signIn('tom', 'a fine password');
    expect(again.status).toBe(200);
    const reset = await api(server, '/api/v1/users/tom/password', {
      method: 'PUT',
      body: JSON.stringify({ password: 'a new fine password' }),
    });
    expect(reset.status).toBe(200);
    expect((await asUser(again.cookie, '/api/v1/kiosks')).status).toBe(401);
    expect((await signIn('tom', 'a fine password')).status).toBe(401);
    expect((await signIn('tom', 'a new fine password')).status).toBe(200);
    const last = await api<{ error: { code: string } }>(server, '/api/v1/users/root/disable', { method: 'POST' });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('LAST_ADMIN');
    expect((await api(server, '/api/v1/users/ghost/disable', { method: 'POST' })).status).toBe(404);
  });
});

describe('a deployment without a bootstrap admin token', () => {
  it('is closed (503 API_DISABLED) until a user exists, then opens to sign-in only', async () => {
    const other = tempDir('signin-notoken');
    const closed = await startFleet(
      testFleetConfig(other, writeSitesFile(other, 1), { adminToken: undefined }),
      pino({ level: 'silent' }),
    );
    try {
      const before = await api<{ error: { code: string } }>(closed, '/api/v1/kiosks', { token: null });
      expect(before.status).toBe(503);
      expect(before.body.error.code).toBe('API_DISABLED');
      // The bootstrap token of another deployment means nothing here.
      expect((await api(closed, '/api/v1/kiosks', { token: ADMIN_TOKEN })).status).toBe(503);
      await closed.users.create({ username: 'first-admin', role: 'admin' }, 'a first password here');
      expect((await api(closed, '/api/v1/kiosks', { token: null })).status).toBe(401);
      expect((await api(closed, '/api/v1/kiosks', { token: ADMIN_TOKEN })).status).toBe(401);
      const res = await fetch(`${closed.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'First-Admin', password: 'a first password here' }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
      expect((await api(closed, '/api/v1/users', { token: null, headers: { cookie } })).status).toBe(200);
    } finally {
      await closed.stop();
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('marks the cookie Secure when configured (GUICHET_COOKIE_SECURE)', async () => {
    const other = tempDir('signin-secure');
    const secure = await startFleet(
      testFleetConfig(other, writeSitesFile(other, 1), { cookieSecure: true }),
      pino({ level: 'silent' }),
    );
    try {
      await secure.users.create({ username: 'root', role: 'admin' }, PASSWORDS.root);
      const res = await fetch(`${secure.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'root', password: PASSWORDS.root }),
      });
      expect(
        res.headers
          .getSetCookie()[0]!
          .split(';')
          .map((a) => a.trim()),
      ).toContain('Secure');
    } finally {
      await secure.stop();
    }
  });
});
