import { describe, expect, it } from 'vitest';
import { TaskQueue } from './task-queue';

/** A task the test finishes by hand, recording when it started. */
function manualTask(log: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const task = (): Promise<string> => {
    log.push(`start ${name}`);
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { task, finish: (value: string) => finish(value), fail: (error: Error) => fail(error) };
}

describe('TaskQueue', () => {
  it('starts a task only once the one before it has settled, in queue order', async () => {
    const queue = new TaskQueue();
    const log: string[] = [];
    const a = manualTask(log, 'a');
    const b = manualTask(log, 'b');
    const ranA = queue.run(a.task);
    const ranB = queue.run(b.task);
    await Promise.resolve();
    expect(log).toEqual(['start a']);
    a.finish('A');
    expect(await ranA).toBe('A');
    await Promise.resolve();
    expect(log).toEqual(['start a', 'start b']);
    b.finish('B');
    expect(await ranB).toBe('B');
  });

  it('a failed task rejects its own caller and the next task still runs', async () => {
    const queue = new TaskQueue();
    const log: string[] = [];
    const a = manualTask(log, 'a');
    const ranA = queue.run(a.task);
    const ranB = queue.run(() => Promise.resolve('B'));
    await Promise.resolve();
    expect(log).toEqual(['start a']);
    a.fail(new Error('jammed'));
    await expect(ranA).rejects.toThrow('jammed');
    expect(await ranB).toBe('B');
  });

  it('a task that throws synchronously is a rejection, not a throw, and does not block the queue', async () => {
    const queue = new TaskQueue();
    const ranA = queue.run((): Promise<string> => {
      throw new Error('bad input');
    });
    await expect(ranA).rejects.toThrow('bad input');
    expect(await queue.run(() => Promise.resolve(2))).toBe(2);
  });
});
