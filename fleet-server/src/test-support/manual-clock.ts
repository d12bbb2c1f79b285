// A clock and timers that move only when a test says so: `advance(ms)` moves time and runs the timers that
// fall due, in order, so retry schedules are tested without waiting.
import type { Timers } from '../hub/delivery-worker';

export class ManualClock {
  private current: number;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  readonly now = (): Date => new Date(this.current);

  readonly timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = this.nextId++;
      this.pending.set(id, { at: this.current + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout: (handle) => {
      this.pending.delete(handle as number);
    },
  };

  get pendingTimers(): number {
    return this.pending.size;
  }

  advance(ms: number): void {
    const until = this.current + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.current = Math.max(this.current, due[1].at);
      due[1].fn();
    }
    this.current = until;
  }
}
