// The system clock and timers: they delegate to the runtime's (so vi.useFakeTimers drives them too), and
// background timers never keep the process alive.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backgroundTimers, systemClock, systemTimers } from './clock';

afterEach(() => {
  vi.useRealTimers();
});

describe('system clock and timers', () => {
  it('follow the runtime clock and timers, faked ones included', () => {
    vi.useFakeTimers({ now: new Date('2026-11-02T15:00:00.000Z') });
    const fired: string[] = [];
    systemTimers.setTimeout(() => fired.push('timeout'), 100);
    const interval = systemTimers.setInterval(() => fired.push('interval'), 60);
    systemTimers.setImmediate(() => fired.push('immediate'));
    vi.advanceTimersByTime(130);
    systemTimers.clearInterval(interval);
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual(['immediate', 'interval', 'timeout', 'interval']);
    expect(systemClock.now().toISOString()).toBe('2026-11-02T15:00:01.130Z');
  });

  it('background timers do not hold the process open; system timers do', () => {
    const background = backgroundTimers.setTimeout(() => undefined, 60_000) as NodeJS.Timeout;
    const foreground = systemTimers.setTimeout(() => undefined, 60_000) as NodeJS.Timeout;
    expect(background.hasRef()).toBe(false);
    expect(foreground.hasRef()).toBe(true);
    backgroundTimers.clearTimeout(background);
    systemTimers.clearTimeout(foreground);
  });
});
