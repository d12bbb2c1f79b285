// TEST DOUBLE: the UI bridge's timers (idle countdown, thanks screen) moving only when a test calls advance(); the
// scheduling is the drivers' one manual timer wheel (drivers/src/test-support/manual-timers.ts).
import { manualTimers } from '@guichet/drivers/test-support/manual-timers';
import type { BridgeTimers } from '../ui-bridge/screen-controller';

export class ManualTimers implements BridgeTimers {
  private readonly wheel = manualTimers();

  setTimeout(callback: () => void, ms: number): unknown {
    return this.wheel.timers.setTimeout(callback, ms);
  }

  clearTimeout(handle: unknown): void {
    this.wheel.timers.clearTimeout(handle);
  }

  /** Moves time forward, running every timer that falls due (and those they schedule) in order. */
  advance(ms: number): void {
    this.wheel.advance(ms);
  }

  get scheduled(): number {
    return this.wheel.pending();
  }
}
