// Retry timers a test fires by hand: nothing waits on the wall clock, and a test says exactly when "later" is.
import type { RetryTimers } from '../transaction/transaction-runner';

export class ManualRetryTimers implements RetryTimers {
  private next = 0;
  private readonly pending = new Map<number, { callback: () => void; ms: number }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.next;
    this.pending.set(id, { callback, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get size(): number {
    return this.pending.size;
  }

  /** The delays of the timers now pending, in the order they were set. */
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.ms);
  }

  /** Fires every timer pending now (not those they set in turn). */
  fireAll(): void {
    const due = [...this.pending.entries()];
    for (const [id, timer] of due) {
      this.pending.delete(id);
      timer.callback();
    }
  }
}
