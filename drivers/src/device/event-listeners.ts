// The one listener bookkeeping of the drivers: typed subscribers per event name, each subscription returning
// its unsubscribe function. Transports, the card reader and the terminal link all emit through it.

/** Event names to the arguments their listeners receive, e.g. `{ data: [Buffer]; close: [Error?] }`. */
export type EventMap = Record<string, unknown[]>;

export type EventListener<Args extends unknown[]> = (...args: Args) => void;

export class EventListeners<Events extends EventMap> {
  private readonly sets: { [K in keyof Events]?: Set<EventListener<Events[K]>> } = {};

  /** Subscribes `listener` to `event`; returns the unsubscribe function (harmless to call twice). */
  on<K extends keyof Events>(event: K, listener: EventListener<Events[K]>): () => void {
    const set: Set<EventListener<Events[K]>> = (this.sets[event] ??= new Set());
    // A listener added twice is two subscriptions, each removed by its own unsubscribe.
    const entry: EventListener<Events[K]> = (...args) => listener(...args);
    set.add(entry);
    return () => void set.delete(entry);
  }

  /** Calls every listener of `event` in subscription order; one added during the call waits for the next. */
  emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    for (const listener of [...(this.sets[event] ?? [])]) listener(...args);
  }

  /** How many listeners `event` has (for diagnostics and tests). */
  count(event: keyof Events): number {
    return this.sets[event]?.size ?? 0;
  }
}
