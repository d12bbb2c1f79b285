// Exclusive access to a device: tasks run one at a time in the order they were queued, so two callers never
// interleave their bytes on one line; a task that fails does not stop the ones queued after it.

export class TaskQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` once every task queued before it has settled; resolves or rejects as the task does. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
