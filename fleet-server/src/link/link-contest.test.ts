// Who keeps a kiosk's link, and the counters behind the link's limits, on an injected clock.
import { describe, expect, it } from 'vitest';
import { judgeNewcomer } from './link-contest';
import { TokenBucket } from './token-bucket';
import { WindowCounter } from './window-counter';

describe('judgeNewcomer', () => {
  const live = { bootId: 'boot-a', lastSeenAt: 1_000 };
  it('accepts when nobody holds the link', () => {
    expect(judgeNewcomer(undefined, 'boot-b', 1_000, 600)).toBe('accept');
  });
  it('refuses a newcomer of another boot, or of none, while the holder is alive', () => {
    expect(judgeNewcomer(live, 'boot-b', 1_599, 600)).toBe('refuse');
    expect(judgeNewcomer(live, undefined, 1_599, 600)).toBe('refuse');
  });
  it('replaces for the same boot, a silent holder, or a holder that declared no boot id', () => {
    expect(judgeNewcomer(live, 'boot-a', 1_100, 600)).toBe('replace');
    expect(judgeNewcomer(live, 'boot-b', 1_600, 600)).toBe('replace');
    expect(judgeNewcomer({ bootId: undefined, lastSeenAt: 1_000 }, 'boot-b', 1_100, 600)).toBe('replace');
  });
});

describe('TokenBucket', () => {
  it('lets a burst through, then refills at its rate', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 2, () => new Date(now));
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now = 499;
    expect(bucket.take()).toBe(false);
    now = 500;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now = 60_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});

describe('WindowCounter', () => {
  it('counts hits within the window, keeps at most the limit, and forgets the oldest keys past its cap', () => {
    let now = 0;
    const counter = new WindowCounter(3, 1_000, () => new Date(now), 2);
    expect([counter.hit('a'), counter.hit('a'), counter.hit('a'), counter.hit('a')]).toEqual([1, 2, 3, 3]);
    expect(counter.reached('a')).toBe(true);
    now = 999;
    expect(counter.reached('a')).toBe(true);
    now = 1_000;
    expect(counter.reached('a')).toBe(false);
    counter.hit('a');
    counter.hit('b');
    counter.hit('c'); // a third key: 'a', hit least recently, is forgotten
    expect(counter.hit('a')).toBe(1);
  });
});
