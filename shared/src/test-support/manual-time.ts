// A clock and timers that move only when a test says so (@sinonjs/fake-timers' standalone clock, not
// installed globally): the component under test runs on manual time while sockets, child processes and
// eventually() keep real time. advance() fires every timer that falls due, in order, with the clock at
// each timer's due time; as in Node's event loop, immediates queued by a timer run right after it, at the
// same time.
import { createClock } from '@sinonjs/fake-timers';
import type { Clock, TimerHandle, Timers } from '../timing/clock';

export class ManualTime implements Clock, Timers {
  private readonly fake;
  private readonly immediates: Array<() => void> = [];

  constructor(start: Date | string | number) {
    this.fake = createClock(new Date(start).getTime());
  }

  now(): Date {
    return new Date(this.fake.now);
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    return this.fake.setTimeout(() => this.run(callback), ms);
  }

  clearTimeout(handle: TimerHandle): void {
    this.fake.clearTimeout(handle as ReturnType<typeof this.fake.setTimeout>);
  }

  setInterval(callback: () => void, ms: number): TimerHandle {
    return this.fake.setInterval(() => this.run(callback), ms);
  }

  clearInterval(handle: TimerHandle): void {
    this.fake.clearInterval(handle as ReturnType<typeof this.fake.setInterval>);
  }

  setImmediate(callback: () => void): void {
    this.immediates.push(callback);
  }

  /** Moves time forward by `ms`, firing the timers due on the way; promises started by them settle between timers. */
  async advance(ms: number): Promise<void> {
    this.runImmediates();
    await this.fake.tickAsync(ms);
    this.runImmediates();
  }

  /** Sets the clock without firing timers (a wall clock stepped by NTP or by hand), forward or back. */
  setTime(to: Date | string | number): void {
    this.fake.setSystemTime(new Date(to).getTime());
  }

  /** Timers and immediates waiting to run. */
  get pending(): number {
    return this.fake.countTimers() + this.immediates.length;
  }

  private run(callback: () => void): void {
    try {
      callback();
    } finally {
      this.runImmediates();
    }
  }

  private runImmediates(): void {
    for (let next = this.immediates.shift(); next; next = this.immediates.shift()) next();
  }
}
