// A tiny typed in-process notifier: the console's gateway subscribes to incident and task changes and re-reads
// what changed. A listener that throws is logged by the caller's hook, never breaks the action that notified.

export type IncidentChange =
  /** A person acted on an incident (acknowledge, assign, note, resolve). */
  | { kind: 'incident'; incidentId: string; kioskId: string; action: 'acknowledge' | 'assign' | 'note' | 'resolve' }
  /** A fault opened or cleared on a kiosk: its engine incidents (and their clocks) may have changed. */
  | { kind: 'faults'; kioskId: string }
  /** A restock task opened or closed. */
  | { kind: 'task'; taskId: string; kioskId: string; action: 'opened' | 'closed' };

export type ChangeListener<T> = (change: T) => void;

export class ChangeNotifier<T> {
  private readonly listeners = new Set<ChangeListener<T>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  /** Adds a listener; returns the function that removes it. */
  onChange(listener: ChangeListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: T): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
