// A token bucket on an injected clock: `capacity` tokens, refilled at `perSecond`; each message takes one.
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => Date,
  ) {
    this.tokens = capacity;
    this.refilledAt = now().getTime();
  }

  /** Takes a token if there is one. */
  take(): boolean {
    const at = this.now().getTime();
    this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, at - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = at;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
