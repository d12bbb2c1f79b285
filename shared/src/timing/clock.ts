// Time as a dependency: components read the time from a Clock and schedule work on Timers, so tests can
// drive both by hand (see test-support/manual-time) instead of sleeping, and a wall clock stepped back is a
// test case rather than an accident.

export interface Clock {
  now(): Date;
}

/** An opaque handle from one Timers' setTimeout/setInterval, to pass back to the same Timers to cancel. */
export type TimerHandle = object | number;

export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(callback: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
  /** Runs `callback` once the event loop has read pending I/O (Node's setImmediate). */
  setImmediate(callback: () => void): void;
}

export const systemClock: Clock = { now: () => new Date() };

// The globals are looked up at each call, not captured at load time, so a test that fakes them globally
// (vi.useFakeTimers) still drives components left on the system timers.
type NodeTimer = ReturnType<typeof globalThis.setTimeout>;

/** The runtime's timers: a pending timer keeps the process alive, as Node's own do. */
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as NodeTimer | undefined),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as NodeTimer | undefined),
  setImmediate: (callback) => void globalThis.setImmediate(callback),
};

/** The runtime's timers for housekeeping (offline checks, write-behind): they never keep a process alive alone. */
export const backgroundTimers: Timers = {
  setTimeout: (callback, ms) => unref(globalThis.setTimeout(callback, ms)),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as NodeTimer | undefined),
  setInterval: (callback, ms) => unref(globalThis.setInterval(callback, ms)),
  clearInterval: (handle) => globalThis.clearInterval(handle as NodeTimer | undefined),
  setImmediate: (callback) => void globalThis.setImmediate(callback),
};

function unref(timer: NodeTimer): NodeTimer {
  // Fake timers and other runtimes may hand back a plain number.
  if (typeof timer === 'object' && typeof timer.unref === 'function') timer.unref();
  return timer;
}
