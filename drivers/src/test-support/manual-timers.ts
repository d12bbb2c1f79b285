// Test support: DeviceTimers that only fire when the test advances them, so a timeout is reached by a call,
// never by waiting, and the test can see which timers are pending.
import type { DeviceTimers } from '../device/device-timers';

export interface ManualTimers {
  timers: DeviceTimers;
  /** Moves the clock on by `ms`, firing every timer that falls due, in order of their due time. */
  advance(ms: number): void;
  /** How many timers are set and not yet fired or cleared. */
  pending(): number;
}

export function manualTimers(): ManualTimers {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  const timers: DeviceTimers = {
    setTimeout: (callback, ms) => {
      const id = nextId++;
      due.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => void due.delete(handle as number),
    now: () => now,
  };
  const advance = (ms: number): void => {
    const until = now + ms;
    for (;;) {
      const next = [...due.entries()].filter(([, t]) => t.at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!next) break;
      const [id, timer] = next;
      due.delete(id);
      now = timer.at;
      timer.callback();
    }
    now = until;
  };
  return { timers, advance, pending: () => due.size };
}
