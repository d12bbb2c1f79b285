// Throttles guessing: a key (an address, an account) that failed `limit` times within the last `windowMs` is
// refused until the oldest of those failures leaves the window (a sliding window log). Memory is bounded: at most
// `maxKeys` keys, least recently failed evicted first, each holding at most `limit` instants. Pure: the clock is
// passed in.
export interface FailureLimit {
  limit: number;
  windowMs: number;
}

export interface FailureLimiterOptions extends FailureLimit {
  /** Keys tracked at most; an attacker rotating addresses evicts the oldest keys, never grows the map. */
  maxKeys: number;
  now: () => Date;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export class FailureLimiter {
  /** Per key, its failure instants in the window, oldest first; Map order is least recently failed first. */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: FailureLimiterOptions) {
    if (options.limit < 1 || options.windowMs <= 0 || options.maxKeys < 1)
      throw new RangeError('limit, windowMs and maxKeys must be positive');
  }

  /** Whether `key` may try again now; when not, how long until it may. */
  check(key: string): LimitDecision {
    const recent = this.recent(key);
    if (recent.length < this.options.limit) return { allowed: true };
    return { allowed: false, retryAfterMs: recent[0]! + this.options.windowMs - this.now() };
  }

  /** Records one failure of `key`. */
  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    if (recent.length > this.options.limit) recent.shift();
    this.failures.delete(key);
    this.failures.set(key, recent);
    if (this.failures.size > this.options.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }

  /**
   * Takes back the most recent failure of `key`: an attempt counted as failed before its (slow) check, so that
   * parallel attempts cannot all pass the limit while none has failed yet, that then succeeded.
   */
  forgive(key: string): void {
    const recent = this.recent(key);
    recent.pop();
    if (recent.length === 0) this.failures.delete(key);
  }

  /** Forgets `key`'s failures (an account after a successful sign-in). */
  clear(key: string): void {
    this.failures.delete(key);
  }

  get trackedKeys(): number {
    return this.failures.size;
  }

  private now(): number {
    return this.options.now().getTime();
  }

  /** The key's failures still inside the window (older ones dropped). */
  private recent(key: string): number[] {
    const all = this.failures.get(key);
    if (!all) return [];
    const since = this.now() - this.options.windowMs;
    while (all.length > 0 && all[0]! <= since) all.shift();
    if (all.length === 0) this.failures.delete(key);
    return all;
  }
}
