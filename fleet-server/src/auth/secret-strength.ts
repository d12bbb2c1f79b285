// How guessable a configured secret (the bootstrap admin token) is, estimated without a dictionary: the
// character classes it uses give a per-character ceiling, its distinct characters a second one, repeats of a
// shorter pattern and runs (aaaa, abcd, 4321) count for nothing. Pure: the configuration schema uses it.
export const MIN_ADMIN_TOKEN_LENGTH = 32;
export const MIN_ADMIN_TOKEN_BITS = 128;

const CLASSES: ReadonlyArray<{ test: RegExp; size: number }> = [
  { test: /[a-z]/, size: 26 },
  { test: /[A-Z]/, size: 26 },
  { test: /[0-9]/, size: 10 },
  { test: /[^a-zA-Z0-9]/, size: 33 },
];

/** The shortest period of `s` when `s` is a shorter string repeated (abcabcabc → 3), else its length. */
export function repeatPeriod(s: string): number {
  for (let period = 1; period <= s.length / 2; period++) {
    let repeats = true;
    for (let i = period; i < s.length && repeats; i++) repeats = s[i] === s[i - period];
    if (repeats) return period;
  }
  return s.length;
}

/** Characters that continue a run of equal or consecutive code points (the 3rd and later of aaa, abc, 321). */
function runCharacters(s: string): number {
  let count = 0;
  for (let i = 2; i < s.length; i++) {
    const step = s.charCodeAt(i) - s.charCodeAt(i - 1);
    if (Math.abs(step) <= 1 && step === s.charCodeAt(i - 1) - s.charCodeAt(i - 2)) count++;
  }
  return count;
}

/** Estimated entropy in bits: characters that are not run continuations × log2(min(class pool, distinct)). */
export function estimatedBits(secret: string): number {
  const pattern = secret.slice(0, repeatPeriod(secret));
  const pool = CLASSES.filter((c) => c.test.test(pattern)).reduce((sum, c) => sum + c.size, 0);
  const distinct = new Set(pattern).size;
  const perCharacter = Math.log2(Math.max(1, Math.min(pool, distinct)));
  return Math.floor((pattern.length - runCharacters(pattern)) * perCharacter);
}

/** Why the admin token is refused (never quoting it), or undefined when it is strong enough. */
export function adminTokenProblem(token: string): string | undefined {
  if (token.length < MIN_ADMIN_TOKEN_LENGTH)
    return `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (make one with: openssl rand -base64 32)`;
  if (/\s/.test(token)) return 'must not contain spaces';
  const bits = estimatedBits(token);
  if (bits < MIN_ADMIN_TOKEN_BITS)
    return `is too guessable (about ${bits} bits estimated, at least ${MIN_ADMIN_TOKEN_BITS} needed: no repeated patterns or runs; make one with: openssl rand -base64 32)`;
  return undefined;
}
