// Secrets (kiosk credentials, API tokens) are stored only as digests and compared in constant time.
// Both are machine-generated with ≥ 128 bits of entropy, so a salted SHA-256 is enough: a slow
// password KDF (scrypt) protects guessable human passwords, and here would only make a whole fleet
// reconnecting after an outage cost seconds of CPU.
import crypto from 'node:crypto';

/** The shortest secret accepted: 22 base64url characters carry 128 bits. */
export const MIN_SECRET_LENGTH = 22;

export function newSecret(bytes = 24): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function hashSecret(
  secret: string,
  salt = crypto.randomBytes(16).toString('hex'),
): { salt: string; hash: string } {
  return { salt, hash: crypto.createHash('sha256').update(salt).update('\u0000').update(secret).digest('hex') };
}

export function verifySecret(secret: string, salt: string, expectedHex: string): boolean {
  const actual = Buffer.from(hashSecret(secret, salt).hash, 'hex');
  const expected = Buffer.from(expectedHex, 'hex');
  return expected.length === actual.length && crypto.timingSafeEqual(actual, expected);
}

/** API tokens are looked up by digest, so theirs is unsalted. */
export function tokenDigest(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const da = crypto.createHash('sha256').update(a).digest();
  const db = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(da, db);
}
