// People's passwords are guessable, so they are stored as scrypt hashes (memory-hard: 32 MiB per guess) with a
// random salt and the cost parameters beside the hash, so a later, costlier setting can rehash at sign-in.
// Machine secrets (kiosk credentials, API tokens) are random and use the cheaper digest of registry/secret-hash.ts.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify<crypto.BinaryLike, crypto.BinaryLike, number, crypto.ScryptOptions, Buffer>(crypto.scrypt);

export interface ScryptParams {
  /** CPU/memory cost, a power of two: memory is 128 × N × r bytes. */
  N: number;
  r: number;
  p: number;
}

/**
 * N = 2^15, r = 8, p = 3: 32 MiB per guess and ~0.15 s of one core per hash, one of the OWASP Password Storage
 * Cheat Sheet's equivalent scrypt minimums. Sign-ins are few and throttled, so the cost is the attacker's.
 */
export const PASSWORD_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** `scrypt$N$r$p$salt$hash` (salt and hash in base64url): self-describing, so old hashes still verify. */
export async function hashPassword(password: string, params: ScryptParams = PASSWORD_SCRYPT): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length === 0 || key.length === 0) return undefined;
  return { params: { N, r, p }, salt, key };
}

function derive(password: string, salt: Buffer, params: ScryptParams, keyBytes: number): Promise<Buffer> {
  // maxmem above the 128·N·r bytes the parameters need (Node's default, 32 MiB, is exactly N = 2^15's need).
  return scrypt(password.normalize('NFC'), salt, keyBytes, {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r,
  });
}

/** Whether `password` matches `stored`, compared in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return crypto.timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made with other parameters than `current` (rehash it at the next sign-in). */
export function needsRehash(stored: string, current: ScryptParams = PASSWORD_SCRYPT): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.params.N !== current.N || parsed.params.r !== current.r || parsed.params.p !== current.p;
}

let dummy: Promise<string> | undefined;
/**
 * Spends the same work as a real verification, for a sign-in with an unknown user name: the answer's timing
 * does not tell which names exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('dummy password, never matches');
  await verifyPassword(password, await dummy);
  return false;
}
