// The simulator's "slow" fault: hold an answer for a real delay, cancelled when the simulator closes so no
// timer outlives it.
export class Delays {
  private readonly pending = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.pending.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.pending.add(entry);
    });
  }

  /** Drops every held answer (the caller's connection is closing anyway). */
  cancelAll(): void {
    for (const entry of this.pending) clearTimeout(entry.timer);
    this.pending.clear();
  }
}
