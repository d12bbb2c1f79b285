// TEST DOUBLE: timers that move only when a test calls advance(), for the UI bridge's idle countdown.
import type { BridgeTimers } from '../ui-bridge/screen-controller';

interface Pending {
  id: number;
  at: number;
  callback: () => void;
}

export class ManualTimers implements BridgeTimers {
  private now = 0;
  private nextId = 1;
  private pending: Pending[] = [];

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ id, at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  /** Moves time forward, running every timer that falls due (and those they schedule) in order. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = this.pending.filter((p) => p.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.now = due.at;
      due.callback();
    }
    this.now = until;
  }

  get scheduled(): number {
    return this.pending.length;
  }
}
