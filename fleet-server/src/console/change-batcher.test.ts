// ChangeBatcher on manual time: a quiet fleet's first change goes out at once, later ones wait out the interval,
// a key changed many times within a batch is handed over once, and stopping drops what waits.
import { describe, expect, it } from 'vitest';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { ChangeBatcher, CONSOLE_BATCH_INTERVAL_MS } from './change-batcher';

function setUp() {
  const time = new ManualTime('2026-11-18T15:00:00.000Z');
  const batches: Array<{ at: number; keys: string[] }> = [];
  const batcher = new ChangeBatcher<string>(time, time, (keys) =>
    batches.push({ at: time.now().getTime() - Date.parse('2026-11-18T15:00:00.000Z'), keys }),
  );
  return { time, batches, batcher };
}

describe('ChangeBatcher', () => {
  it('hands over the first change of a quiet period at once, with the changes of the same turn', async () => {
    const { time, batches, batcher } = setUp();
    batcher.mark('K-1');
    batcher.mark('K-2');
    batcher.mark('K-1');
    expect(batches).toEqual([]); // not synchronously: the same turn's changes join the batch
    expect(batcher.pending).toBe(2);
    await time.advance(0);
    expect(batches).toEqual([{ at: 0, keys: ['K-1', 'K-2'] }]);
    expect(batcher.pending).toBe(0);
  });

  it('batches the changes of one interval into one hand-over per interval, each key once', async () => {
    const { time, batches, batcher } = setUp();
    batcher.mark('K-1');
    await time.advance(0);
    await time.advance(10);
    for (let i = 0; i < 5; i++) batcher.mark('K-2'); // five changes of one kiosk
    batcher.mark('K-3');
    await time.advance(CONSOLE_BATCH_INTERVAL_MS - 11);
    expect(batches).toHaveLength(1); // not before one interval after the last batch
    await time.advance(1);
    expect(batches).toEqual([
      { at: 0, keys: ['K-1'] },
      { at: CONSOLE_BATCH_INTERVAL_MS, keys: ['K-2', 'K-3'] },
    ]);
    // A change long after the last batch goes out at once again.
    await time.advance(5_000);
    batcher.mark('K-4');
    await time.advance(0);
    expect(batches.at(-1)).toEqual({ at: CONSOLE_BATCH_INTERVAL_MS + 5_000, keys: ['K-4'] });
  });

  it('under a steady stream hands over at most one batch per interval', async () => {
    const { time, batches, batcher } = setUp();
    for (let i = 0; i < 100; i++) {
      batcher.mark(`K-${i % 70}`); // one change every 10 ms, 70 kiosks
      await time.advance(10);
    }
    await time.advance(CONSOLE_BATCH_INTERVAL_MS);
    const gaps = batches.slice(1).map((b, i) => b.at - batches[i]!.at);
    expect(gaps.every((gap) => gap >= CONSOLE_BATCH_INTERVAL_MS)).toBe(true);
    expect(batches.length).toBeLessThanOrEqual(1 + Math.ceil(1_000 / CONSOLE_BATCH_INTERVAL_MS));
    expect(new Set(batches.flatMap((b) => b.keys)).size).toBe(70); // nothing lost
  });

  it('drops what waits when stopped', async () => {
    const { time, batches, batcher } = setUp();
    batcher.mark('K-1');
    batcher.stop();
    await time.advance(CONSOLE_BATCH_INTERVAL_MS);
    expect(batches).toEqual([]);
    expect(time.pending).toBe(0);
  });
});
