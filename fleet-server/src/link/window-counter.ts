// Counts hits per key within a sliding window on an injected clock. Memory is bounded: a key keeps at most `limit`
// timestamps (enough to tell whether the limit is reached), and past `maxKeys` keys the oldest are forgotten.
export class WindowCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => Date,
    private readonly maxKeys = 10_000,
  ) {}

  /** Records a hit; returns the hits in the window, this one included. */
  hit(key: string): number {
    const at = this.now().getTime();
    const recent = this.recent(key, at);
    recent.push(at);
    if (recent.length > this.limit) recent.splice(0, recent.length - this.limit);
    this.hits.delete(key); // re-inserted last: Map order is then least recently hit first
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return recent.length;
  }

  /** Whether the key has reached the limit within the window. */
  reached(key: string): boolean {
    return this.recent(key, this.now().getTime()).length >= this.limit;
  }

  forget(key: string): void {
    this.hits.delete(key);
  }

  private recent(key: string, at: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => at - t < this.windowMs);
    if (list.length === 0) this.hits.delete(key);
    else this.hits.set(key, list);
    return list;
  }
}
