// ManualTime: timers fire only when advanced, in due order, with the clock at each due time; immediates
// queued by a timer run right after it; setting the clock fires nothing.
import { describe, expect, it } from 'vitest';
import { ManualTime } from './manual-time';

describe('ManualTime', () => {
  it('fires due timers in order at their due time, and nothing before', async () => {
    const time = new ManualTime('2026-11-02T15:00:00.000Z');
    const fired: string[] = [];
    const at = () => time.now().toISOString().slice(17);
    time.setTimeout(() => fired.push(`b ${at()}`), 200);
    time.setTimeout(() => fired.push(`a ${at()}`), 100);
    const tick = time.setInterval(() => fired.push(`i ${at()}`), 150);
    const cancelled = time.setTimeout(() => fired.push('never'), 120);
    time.clearTimeout(cancelled);
    await time.advance(99);
    expect(fired).toEqual([]);
    await time.advance(211);
    time.clearInterval(tick);
    await time.advance(1_000);
    expect(fired).toEqual(['a 00.100Z', 'i 00.150Z', 'b 00.200Z', 'i 00.300Z']);
    expect(time.now().toISOString()).toBe('2026-11-02T15:00:01.310Z');
    expect(time.pending).toBe(0);
  });

  it('runs immediates queued by a timer right after it, before later timers', async () => {
    const time = new ManualTime(0);
    const order: string[] = [];
    time.setTimeout(() => {
      order.push('timer 1');
      time.setImmediate(() => order.push(`immediate at ${time.now().getTime()}`));
    }, 10);
    time.setTimeout(() => order.push('timer 2'), 11);
    await time.advance(20);
    expect(order).toEqual(['timer 1', 'immediate at 10', 'timer 2']);
  });

  it('lets promises started by a timer settle before the next timer', async () => {
    const time = new ManualTime(0);
    const order: string[] = [];
    time.setTimeout(() => void Promise.resolve().then(() => order.push('settled')), 10);
    time.setTimeout(() => order.push('next timer'), 20);
    await time.advance(20);
    expect(order).toEqual(['settled', 'next timer']);
  });

  it('sets the clock, back or forward, without firing timers; they stay due the same delay after', async () => {
    const time = new ManualTime(1_000_000);
    let fired = false;
    time.setTimeout(() => (fired = true), 100);
    time.setTime(5_000_000);
    expect(time.now().getTime()).toBe(5_000_000);
    expect(fired).toBe(false);
    time.setTime(0);
    await time.advance(99);
    expect(fired).toBe(false);
    await time.advance(1);
    expect(fired).toBe(true);
  });
});
