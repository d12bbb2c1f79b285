// Waiting for a device's answer to a request: a wait is registered before the request is sent (an answer can
// come back before the write resolves), each message the device sends is offered to the waits in order, and a
// wait ends with the first message it accepts, its timeout, or the line closing — never twice.
import { realTimers, type DeviceTimers } from './device-timers';

/** How a wait ended: the value its matcher took from a message, no answer in time, or the line closed. */
export type WaitOutcome<T> = { kind: 'answer'; value: T } | { kind: 'timeout' } | { kind: 'lost' };

/** A registered wait: start its clock with within() (once the request is out), or cancel it. */
export interface PendingWait<T> {
  /** Starts the timeout and resolves with how the wait ended (at once if it already has). */
  within(timeoutMs: number): Promise<WaitOutcome<T>>;
  /** Withdraws the wait; later messages are no longer offered to it. */
  cancel(): void;
}

interface Wait<M> {
  take(message: M): boolean;
  lose(): void;
}

export class ResponseWaiter<M> {
  private readonly waits = new Set<Wait<M>>();

  constructor(private readonly timers: DeviceTimers = realTimers) {}

  /**
   * Registers a wait whose `match` returns the value to answer with, or undefined for a message that is not
   * its answer.
   */
  expect<T>(match: (message: M) => T | undefined): PendingWait<T> {
    let outcome: WaitOutcome<T> | undefined;
    let timer: unknown;
    let resolveOutcome: ((outcome: WaitOutcome<T>) => void) | undefined;
    const settle = (ended: WaitOutcome<T>): void => {
      if (outcome) return;
      outcome = ended;
      this.waits.delete(wait);
      if (timer !== undefined) this.timers.clearTimeout(timer);
      resolveOutcome?.(ended);
    };
    const wait: Wait<M> = {
      take: (message) => {
        const value = match(message);
        if (value === undefined) return false;
        settle({ kind: 'answer', value });
        return true;
      },
      lose: () => settle({ kind: 'lost' }),
    };
    this.waits.add(wait);
    return {
      within: (timeoutMs) => {
        if (outcome) return Promise.resolve(outcome);
        return new Promise<WaitOutcome<T>>((resolve) => {
          resolveOutcome = resolve;
          timer = this.timers.setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
        });
      },
      cancel: () => {
        this.waits.delete(wait);
        if (timer !== undefined) this.timers.clearTimeout(timer);
      },
    };
  }

  /** Offers a message to the waits in the order they were registered; true if one took it as its answer. */
  offer(message: M): boolean {
    for (const wait of [...this.waits]) if (wait.take(message)) return true;
    return false;
  }

  /** Ends every wait as `lost` (the line closed: no answer can come). */
  loseAll(): void {
    for (const wait of [...this.waits]) wait.lose();
  }

  /** How many waits are registered (for diagnostics and tests). */
  get pending(): number {
    return this.waits.size;
  }
}
