// One operation at a time per transaction id within this process: a kiosk's retry that arrives while its first
// commit is still waiting on a ministry waits for that commit and then reads its result, rather than racing it.
export class TxLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(txId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(txId) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.tails.set(txId, tail);
    void tail.then(() => {
      if (this.tails.get(txId) === tail) this.tails.delete(txId);
    });
    return next;
  }

  /** Resolves when every operation started so far has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
