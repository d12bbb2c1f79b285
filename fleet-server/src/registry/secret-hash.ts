// Secrets (kiosk credentials, API tokens) are stored only as hashes and compared in constant time.
import crypto from 'node:crypto';

export function newSecret(bytes = 24): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** scrypt for credentials: slow on purpose, salted. */
export function hashCredential(secret: string, salt = crypto.randomBytes(16).toString('hex')): { salt: string; hash: string } {
  return { salt, hash: crypto.scryptSync(secret, salt, 32).toString('hex') };
}

export function verifyCredential(secret: string, salt: string, expectedHex: string): boolean {
  const actual = crypto.scryptSync(secret, salt, 32);
  const expected = Buffer.from(expectedHex, 'hex');
  return expected.length === actual.length && crypto.timingSafeEqual(actual, expected);
}

/** API tokens are long random strings: a plain SHA-256 is enough to look them up without storing them. */
export function tokenDigest(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const da = crypto.createHash('sha256').update(a).digest();
  const db = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(da, db);
}
