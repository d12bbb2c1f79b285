// Guessing, throttled on a real fleet server over real HTTP: failed sign-ins per address and per account, wrong
// API tokens per address, refused with 429 RATE_LIMITED and Retry-After before the credential is checked, and
// refusal logs sampled. Addresses come from X-Forwarded-For (the server trusts the loopback proxy), time is manual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetServer } from '@guichet/fleet-server';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import {
  ADMIN_TOKEN,
  captureLog,
  startFleet,
  tempDir,
  testFleetConfig,
  writeSitesFile,
  type CapturedLog,
} from '../support/fleet-harness';

const MINUTE = 60_000;
const time = new ManualTime('2026-11-02T15:00:00.000Z');
const LIMITS = {
  signInPerAddress: { limit: 5, windowMs: 15 * MINUTE },
  signInPerAccount: { limit: 3, windowMs: 15 * MINUTE },
  tokenPerAddress: { limit: 3, windowMs: 5 * MINUTE },
  maxKeys: 1_000,
};
const PASSWORD = 'tram stop at dawn 7';
let server: FleetServer;
let log: CapturedLog;

beforeAll(async () => {
  const dir = tempDir('throttle');
  const { logger, captured } = captureLog();
  log = captured;
  server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 1), { trustProxy: 'loopback' }), logger, {
    clock: time,
    timers: time,
    throttleLimits: LIMITS,
  });
  for (const username of ['tina', 'tom', 'root'])
    await server.users.create({ username, role: username === 'root' ? 'admin' : 'technician' }, PASSWORD);
});

afterAll(async () => {
  await server?.stop();
});

async function signIn(from: string, username: string, password: string) {
  const res = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code, retryAfter: res.headers.get('retry-after') };
}

async function withToken(from: string, token: string, pathname = '/api/v1/kiosks') {
  const res = await fetch(`${server.url}${pathname}`, {
    headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': from },
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

describe('sign-in throttling', () => {
  it('refuses an account after 3 failures within 15 minutes, from any address, until the window passes', async () => {
    const t0 = time.now().getTime();
    for (const from of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
      expect(await signIn(from, 'tina', 'a wrong guess')).toMatchObject({ status: 401, code: 'SIGN_IN_FAILED' });
    // The right password from a fresh address is not even checked.
    expect(await signIn('203.0.113.4', 'tina', PASSWORD)).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
      retryAfter: '900',
    });
    expect(await signIn('203.0.113.4', 'TINA', PASSWORD)).toMatchObject({ status: 429 });
    // Other accounts are not affected.
    expect(await signIn('203.0.113.4', 'tom', PASSWORD)).toMatchObject({ status: 200 });
    time.setTime(t0 + 15 * MINUTE - 1);
    expect(await signIn('203.0.113.4', 'tina', PASSWORD)).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
      retryAfter: '1',
    });
    time.setTime(t0 + 15 * MINUTE);
    expect(await signIn('203.0.113.4', 'tina', PASSWORD)).toMatchObject({ status: 200 });
  });

  it('refuses an address after 5 failures within 15 minutes, whichever accounts it tries', async () => {
    for (let i = 1; i <= 4; i++)
      expect(await signIn('198.51.100.7', `guess-${i}`, 'a wrong guess')).toMatchObject({ status: 401 });
    expect(await signIn('198.51.100.7', 'root', PASSWORD)).toMatchObject({ status: 200 });
    expect(await signIn('198.51.100.7', 'guess-5', 'a wrong guess')).toMatchObject({ status: 401 });
    expect(await signIn('198.51.100.7', 'root', PASSWORD)).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
      retryAfter: '900',
    });
    expect(await signIn('198.51.100.8', 'root', PASSWORD)).toMatchObject({ status: 200 });
  });

  it('checks no more passwords than the limit when guesses arrive all at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => signIn('198.51.100.50', 'burst-target', 'a wrong guess')),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array<number>(3).fill(401), ...Array<number>(9).fill(429)]);
  });

  it('counts an IPv6 /64 as one address', async () => {
    for (let i = 1; i <= 5; i++)
      expect(await signIn(`2001:db8:1:2::${i.toString(16)}`, `guess-${i}`, 'a wrong guess')).toMatchObject({
        status: 401,
      });
    expect(await signIn('2001:db8:1:2:ffff:ffff:ffff:ffff', 'tom', PASSWORD)).toMatchObject({ status: 429 });
    expect(await signIn('2001:db8:1:3::1', 'tom', PASSWORD)).toMatchObject({ status: 200 });
  });
});

describe('API token throttling', () => {
  it('refuses an address after 3 wrong tokens within 5 minutes, before checking the token', async () => {
    const t0 = time.now().getTime();
    for (let i = 0; i < 3; i++)
      expect(await withToken('192.0.2.10', `gt_wrong-token-${i}`)).toMatchObject({ status: 401 });
    expect(await withToken('192.0.2.10', ADMIN_TOKEN)).toMatchObject({ status: 429, retryAfter: '300' });
    expect(await withToken('192.0.2.11', ADMIN_TOKEN)).toMatchObject({ status: 200 });
    // The health check says no more than "alive" to a throttled address, whatever token it sends.
    expect((await withToken('192.0.2.10', ADMIN_TOKEN, '/healthz')).body).toEqual({ status: 'ok' });
    // Requests without a credential are not guesses: they do not count.
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/api/v1/kiosks`, { headers: { 'x-forwarded-for': '192.0.2.12' } });
      expect(res.status).toBe(401);
    }
    expect(await withToken('192.0.2.12', ADMIN_TOKEN)).toMatchObject({ status: 200 });
    time.setTime(t0 + 5 * MINUTE);
    expect(await withToken('192.0.2.10', ADMIN_TOKEN)).toMatchObject({ status: 200 });
  });

  it('throttles tokens at the console socket.io handshake with the same per-address limit', () => {
    const at = (token: string) =>
      server.authenticator.principalOfHandshake({ token, cookie: undefined, address: '192.0.2.30' });
    for (let i = 0; i < 3; i++) expect(at(`gt_wrong-${i}`)).toEqual({ refused: 'invalid' });
    expect(at(ADMIN_TOKEN)).toEqual({ refused: 'throttled', retryAfterMs: 5 * MINUTE });
    expect(
      server.authenticator.principalOfHandshake({
        token: ADMIN_TOKEN,
        cookie: undefined,
        address: '::ffff:192.0.2.31',
      }),
    ).toMatchObject({ principal: { role: 'admin' } });
  });

  it('logs refusals sampled: one line per address a minute, with the count of the others', async () => {
    const lines = () =>
      log.lines.filter((l) => l.event === 'auth.token-refused' && l.address === '192.0.2.20') as Array<{
        suppressed: number;
        component: string;
      }>;
    for (let i = 0; i < 40; i++) await withToken('192.0.2.20', `gt_guess-${i}`);
    expect(lines()).toEqual([expect.objectContaining({ component: 'auth', suppressed: 0 })]);
    expect(log.text()).not.toContain('gt_guess');
    time.setTime(time.now().getTime() + MINUTE);
    await withToken('192.0.2.20', 'gt_guess-again');
    expect(lines().map((l) => l.suppressed)).toEqual([0, 39]);
  });
});
