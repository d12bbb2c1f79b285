// At most one log line per key (kiosk + message) per window: a kiosk that sends the same bad message in a loop
// leaves one line a minute with the count of the others, not a flood.
export class LogSampler {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => Date,
  ) {}

  /** The number of lines suppressed since the last one, when this one should be logged; else undefined. */
  take(key: string): number | undefined {
    const at = this.now().getTime();
    const seen = this.last.get(key);
    if (seen && at - seen.at < this.windowMs) {
      seen.suppressed++;
      return undefined;
    }
    this.last.set(key, { at, suppressed: 0 });
    if (this.last.size > 10_000) this.last.clear();
    return seen?.suppressed ?? 0;
  }
}
