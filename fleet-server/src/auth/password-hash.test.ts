// scrypt password hashes: self-describing, salted, verified in constant time, rehashed when parameters change.
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, PASSWORD_SCRYPT, verifyAgainstDummy, verifyPassword } from './password-hash';
import { passwordProblem } from './password-policy';

describe('password hashes', () => {
  it('store the scrypt parameters, a 16-byte salt and a 32-byte key; verify only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    const [name, N, r, p, salt, key] = stored.split('$');
    expect([name, Number(N), Number(r), Number(p)]).toEqual(['scrypt', 2 ** 15, 8, 3]);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salt each hash: the same password hashes differently', async () => {
    const [a, b] = await Promise.all([hashPassword('same password 1'), hashPassword('same password 1')]);
    expect(a).not.toBe(b);
  });

  it('verify hashes made with other parameters, and flag them for rehashing', async () => {
    const older = await hashPassword('an older password', { N: 2 ** 14, r: 8, p: 1 });
    expect(older.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('an older password', older)).toBe(true);
    expect(needsRehash(older)).toBe(true);
    expect(needsRehash(await hashPassword('a current password'))).toBe(false);
    expect(needsRehash(older, { N: 2 ** 14, r: 8, p: 1 })).toBe(false);
    expect(PASSWORD_SCRYPT).toEqual({ N: 32768, r: 8, p: 3 });
  });

  it('refuse malformed stored hashes instead of throwing', async () => {
    for (const bad of ['', 'plain', 'scrypt$x$8$1$c2FsdA$a2V5', 'bcrypt$1$1$1$c2FsdA$a2V5', 'scrypt$16384$8$1$$'])
      expect(await verifyPassword('whatever password', bad)).toBe(false);
    expect(needsRehash('plain')).toBe(true);
  });

  it('spend the same work on an unknown user, and never match', async () => {
    expect(await verifyAgainstDummy('dummy password, never matches')).toBe(false);
  });
});

describe('password policy', () => {
  it('refuses short passwords, the user name, and too few different characters', () => {
    expect(passwordProblem('alice', 'short-pass1')).toBe('the password must be at least 12 characters');
    expect(passwordProblem('alice', 'x'.repeat(257))).toBe('the password must be at most 256 characters');
    expect(passwordProblem('alice', 'ALICE-is-my-password')).toBe('the password must not contain the user name');
    expect(passwordProblem('alice', 'abababababab')).toBe('the password must have at least 4 different characters');
    expect(passwordProblem('alice', 'tram stop at dawn')).toBeUndefined();
    // Length is counted in characters, not UTF-16 units.
    expect(passwordProblem('alice', '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toBe('the password must be at least 12 characters');
  });
});
