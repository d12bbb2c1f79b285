import { afterEach, describe, expect, it, vi } from 'vitest';
import { realTimers } from './device-timers';
import { ResponseWaiter } from './response-waiter';

afterEach(() => {
  vi.useRealTimers();
});

const evenNumber = (n: number): number | undefined => (n % 2 === 0 ? n : undefined);

describe('ResponseWaiter', () => {
  it('answers with the first message the wait accepts; others are not taken', async () => {
    const waiter = new ResponseWaiter<number>();
    const wait = waiter.expect(evenNumber);
    expect(waiter.offer(3)).toBe(false);
    expect(waiter.offer(4)).toBe(true);
    expect(waiter.offer(6)).toBe(false); // that wait has its answer
    expect(await wait.within(1000)).toEqual({ kind: 'answer', value: 4 });
    expect(waiter.pending).toBe(0);
  });

  it('an answer that comes before the clock starts is kept (the request may be answered mid-write)', async () => {
    const waiter = new ResponseWaiter<number>();
    const wait = waiter.expect(evenNumber);
    waiter.offer(8);
    expect(await wait.within(0)).toEqual({ kind: 'answer', value: 8 });
  });

  it('times out after exactly timeoutMs of the injected timers, and a late answer is not taken', async () => {
    vi.useFakeTimers();
    const waiter = new ResponseWaiter<number>(realTimers);
    const outcome = waiter.expect(evenNumber).within(500);
    let ended: unknown;
    void outcome.then((o) => (ended = o));
    await vi.advanceTimersByTimeAsync(499);
    expect(ended).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(ended).toEqual({ kind: 'timeout' });
    expect(waiter.offer(2)).toBe(false);
  });

  it('offers a message to the waits in registration order, each taking at most one', async () => {
    const waiter = new ResponseWaiter<number>();
    const first = waiter.expect(evenNumber);
    const second = waiter.expect(evenNumber);
    waiter.offer(2);
    waiter.offer(10);
    expect(await first.within(1000)).toEqual({ kind: 'answer', value: 2 });
    expect(await second.within(1000)).toEqual({ kind: 'answer', value: 10 });
  });

  it('loseAll ends every pending wait as lost; a cancelled wait takes nothing', async () => {
    const waiter = new ResponseWaiter<number>();
    const a = waiter.expect(evenNumber);
    const b = waiter.expect(evenNumber);
    b.cancel();
    expect(waiter.offer(2)).toBe(true); // a takes it
    expect(await a.within(1000)).toEqual({ kind: 'answer', value: 2 });
    const c = waiter.expect(evenNumber).within(1000);
    waiter.loseAll();
    expect(await c).toEqual({ kind: 'lost' });
    expect(waiter.pending).toBe(0);
  });
});
