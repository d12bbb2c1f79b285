// Whether the fleet server can write its storage, as its background writers last found it: a writer that
// fails reports it (logged once, on the change), one that succeeds again clears it (logged once). /healthz
// and the status page read the snapshot; the writers retry on their own with backoff.
import type { Logger } from '../logging/logger';

export type StorageHealthSnapshot =
  { storage: 'ok' } | { storage: 'failing'; since: string; code: string; writers: string[] };

interface Failure {
  since: Date;
  code: string;
}

/** The error code of a storage failure (SQLITE_* from better-sqlite3, E* from node:fs), or UNKNOWN. */
export function storageErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length > 0 ? code.slice(0, 64) : 'UNKNOWN';
}

/** A failure of the database itself (better-sqlite3's SqliteError carries an SQLITE_* code). */
export function isStorageError(error: unknown): boolean {
  return storageErrorCode(error).startsWith('SQLITE_');
}

export class StorageHealth {
  /** Failing writers by name (kiosk-state-flush, offline-detection, hub-delivery). */
  private readonly failures = new Map<string, Failure>();

  constructor(
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A writer failed; logged only when it was not already failing. */
  failed(writer: string, error: unknown): void {
    if (this.failures.has(writer)) return;
    const code = storageErrorCode(error);
    this.failures.set(writer, { since: this.now(), code });
    this.log.error(
      { component: 'storage-health', event: 'storage.failing', writer, code, err: error },
      'storage write failed: retrying with backoff',
    );
  }

  /** A writer succeeded; logged only when it had been failing. */
  succeeded(writer: string): void {
    const failure = this.failures.get(writer);
    if (!failure) return;
    this.failures.delete(writer);
    this.log.info(
      { component: 'storage-health', event: 'storage.recovered', writer, failingSince: failure.since.toISOString() },
      'storage writable again',
    );
  }

  get ok(): boolean {
    return this.failures.size === 0;
  }

  /** ok, or failing since the earliest failure still open, with that failure's code. */
  snapshot(): StorageHealthSnapshot {
    const open = [...this.failures.entries()].sort(([, a], [, b]) => a.since.getTime() - b.since.getTime());
    const first = open[0];
    if (!first) return { storage: 'ok' };
    return {
      storage: 'failing',
      since: first[1].since.toISOString(),
      code: first[1].code,
      writers: open.map(([writer]) => writer),
    };
  }
}
