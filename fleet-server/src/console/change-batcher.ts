// Coalesces changes per key and hands them over in batches, at most one batch per interval: a kiosk that changes
// five times within a batch is pushed once, and a quiet fleet's first change goes out at once (pure, on injected timers).
import type { Clock, TimerHandle, Timers } from '@guichet/shared';

/** The console's push period: a change reaches an open console within it, and no faster than it. */
export const CONSOLE_BATCH_INTERVAL_MS = 250;

export class ChangeBatcher<K> {
  private readonly keys = new Set<K>();
  private timer: TimerHandle | undefined;
  private lastFlushAt = -Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly flush: (keys: K[]) => void,
    private readonly intervalMs = CONSOLE_BATCH_INTERVAL_MS,
  ) {}

  /** Records a change of `key`; the batch holding it is handed over no later than one interval from now. */
  mark(key: K): void {
    this.keys.add(key);
    if (this.timer !== undefined) return;
    const now = this.clock.now().getTime();
    // Zero when the last batch is older than an interval: still a timer, so changes made in the same turn join it.
    const delay = Math.max(0, this.lastFlushAt + this.intervalMs - now);
    this.timer = this.timers.setTimeout(() => this.run(), delay);
  }

  /** Keys waiting for the next batch. */
  get pending(): number {
    return this.keys.size;
  }

  /** Drops what is waiting and the timer (the gateway stopping). */
  stop(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.keys.clear();
  }

  private run(): void {
    this.timer = undefined;
    this.lastFlushAt = this.clock.now().getTime();
    const batch = [...this.keys];
    this.keys.clear();
    if (batch.length > 0) this.flush(batch);
  }
}
