// Timers and a monotonic clock as an injectable dependency of every device driver, so that tests advance time
// instead of waiting for it (vitest fake timers drive `realTimers` too: it calls the globals at call time).

export interface DeviceTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds of a monotonic clock (default performance.now). */
  now?(): number;
}

export const realTimers: DeviceTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => performance.now(),
};
