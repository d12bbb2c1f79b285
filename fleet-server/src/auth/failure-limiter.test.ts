// The failure limiter on manual time: the exact instants a key is refused and allowed again, and its memory cap.
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter';

function limiterAt(start: number, options: { limit: number; windowMs: number; maxKeys?: number }) {
  let now = start;
  const limiter = new FailureLimiter({ maxKeys: 100, ...options, now: () => new Date(now) });
  return { limiter, at: (t: number) => (now = t) };
}

describe('FailureLimiter', () => {
  it('allows limit − 1 failures, refuses at the limit, and allows again when the oldest leaves the window', () => {
    const { limiter, at } = limiterAt(0, { limit: 3, windowMs: 60_000 });
    at(1_000);
    limiter.fail('1.2.3.4');
    at(2_000);
    limiter.fail('1.2.3.4');
    expect(limiter.check('1.2.3.4')).toEqual({ allowed: true });
    at(3_000);
    limiter.fail('1.2.3.4');
    expect(limiter.check('1.2.3.4')).toEqual({ allowed: false, retryAfterMs: 58_000 });
    at(60_999);
    expect(limiter.check('1.2.3.4')).toEqual({ allowed: false, retryAfterMs: 1 });
    at(61_000);
    expect(limiter.check('1.2.3.4')).toEqual({ allowed: true });
    // The window slides: one more failure now makes three within the last minute again (2 s, 3 s, 61 s).
    limiter.fail('1.2.3.4');
    expect(limiter.check('1.2.3.4')).toEqual({ allowed: false, retryAfterMs: 1_000 });
    at(62_000);
    expect(limiter.check('1.2.3.4')).toEqual({ allowed: true });
  });

  it('counts keys apart, and clear forgets one key only', () => {
    const { limiter } = limiterAt(0, { limit: 1, windowMs: 1_000 });
    limiter.fail('alice');
    expect(limiter.check('alice').allowed).toBe(false);
    expect(limiter.check('bob').allowed).toBe(true);
    limiter.fail('bob');
    limiter.clear('alice');
    expect(limiter.check('alice').allowed).toBe(true);
    expect(limiter.check('bob').allowed).toBe(false);
  });

  it('forgive takes back the most recent failure only', () => {
    const { limiter, at } = limiterAt(0, { limit: 2, windowMs: 1_000 });
    limiter.fail('k');
    at(500);
    limiter.fail('k');
    expect(limiter.check('k')).toEqual({ allowed: false, retryAfterMs: 500 });
    limiter.forgive('k');
    expect(limiter.check('k')).toEqual({ allowed: true });
    limiter.fail('k');
    expect(limiter.check('k')).toEqual({ allowed: false, retryAfterMs: 500 });
    limiter.forgive('k');
    limiter.forgive('k');
    expect(limiter.trackedKeys).toBe(0);
    limiter.forgive('never-failed');
    expect(limiter.trackedKeys).toBe(0);
  });

  it('tracks at most maxKeys keys, evicting the least recently failed, and drops keys whose failures expired', () => {
    const { limiter, at } = limiterAt(0, { limit: 2, windowMs: 1_000, maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) limiter.fail(key);
    limiter.fail('a'); // a is now the most recent; b the least recent
    limiter.fail('d');
    expect(limiter.trackedKeys).toBe(3);
    expect(limiter.check('a').allowed).toBe(false);
    limiter.fail('c');
    expect(limiter.check('c').allowed).toBe(false);
    limiter.fail('b'); // b was evicted: this is its first failure again
    expect(limiter.check('b').allowed).toBe(true);
    for (let i = 0; i < 10_000; i++) limiter.fail(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.trackedKeys).toBe(3);
    at(5_000);
    for (const key of ['10.0.39.15', '10.0.39.14', '10.0.39.13']) expect(limiter.check(key).allowed).toBe(true);
    expect(limiter.trackedKeys).toBe(0);
  });

  it('refuses nonsensical limits', () => {
    expect(() => new FailureLimiter({ limit: 0, windowMs: 1, maxKeys: 1, now: () => new Date() })).toThrow(RangeError);
  });
});
