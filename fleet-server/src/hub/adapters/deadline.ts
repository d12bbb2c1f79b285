// Per-call time limits for the ministry adapters, with the timer injectable so tests can expire a call at will
// instead of waiting for it (production uses the real setTimeout).

/** Starts a timer that calls `onExpiry` after `ms`; returns the function that cancels it. */
export type StartTimer = (ms: number, onExpiry: () => void) => () => void;

export const realTimer: StartTimer = (ms, onExpiry) => {
  const timer = setTimeout(onExpiry, ms);
  return () => clearTimeout(timer);
};

/** A timer tests fire by hand: `expireAll()` runs every pending expiry, as if its time had come. */
export class ManualTimer {
  private readonly pending = new Set<() => void>();

  readonly start: StartTimer = (_ms, onExpiry) => {
    const entry = () => onExpiry();
    this.pending.add(entry);
    return () => this.pending.delete(entry);
  };

  get pendingCount(): number {
    return this.pending.size;
  }

  expireAll(): void {
    const entries = [...this.pending];
    this.pending.clear();
    for (const entry of entries) entry();
  }
}

export class TimeoutSignal extends Error {
  constructor() {
    super('timed out');
  }
}

/** Races `work` against the timer: rejects with TimeoutSignal on expiry and aborts `controller` if given. */
export async function withDeadline<T>(
  startTimer: StartTimer,
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let cancel: () => void = () => undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    cancel = startTimer(ms, () => {
      reject(new TimeoutSignal());
      controller.abort();
    });
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    cancel();
    expired.catch(() => undefined);
  }
}
