// The one way tests wait for something that happens on its own (a socket connects, a child process prints,
// a fault reaches the event log): poll a condition until it holds, or fail naming what was awaited. Tests
// never sleep a fixed time to synchronise; where the code under test takes an injected clock or timers,
// tests advance those instead and need no waiting at all.

export interface EventuallyOptions {
  /** Give up after this long (generous: a loaded 2-core machine is slow, and a pass returns at once). */
  timeoutMs?: number;
  /** Poll interval. */
  everyMs?: number;
}

/**
 * Polls `check` until it returns a value other than `undefined`/`false` (and does not throw), then returns
 * that value. On timeout, fails with `what` and the last error `check` threw, if any.
 */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  options: EventuallyOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const everyMs = options.everyMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
