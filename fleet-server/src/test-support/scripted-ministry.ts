// An honest in-process ministry system for tests and benchmarks of the transaction hub: it keeps records
// (what the ministry has), commits idempotently per txId, answers lookups from those records, and fails on
// demand the way real systems do — down, timed out or unreadable (MinistryUnavailableError, nothing recorded),
// refusing, crashing after it recorded (the answer is lost), applying a timed-out commit late, or holding an
// answer until the test releases it.
import type { Cents, MinistryId } from '@guichet/shared';
import {
  MinistryUnavailableError,
  type CommitOutcome,
  type LookupOutcome,
  type MinistryAdapter,
  type MinistryDetails,
  type MinistryRequest,
  type Validation,
} from '../hub/ministry-adapter';

export type MinistryOperation = 'validate' | 'commit' | 'lookup';

export type Failure =
  | { mode: 'down' | 'timeout' | 'malformed' }
  | { mode: 'refuse'; code?: string; message?: string }
  /** Records the commit, then loses the answer (throws timeout): the hub must find it with lookup. */
  | { mode: 'crash-after-commit' }
  /** Records the commit (if `afterCommit`), then keeps the caller waiting until `release()`. */
  | { mode: 'hold'; afterCommit: boolean }
  /**
   * The commit times out while still queued at the ministry: lookups answer not-found until `landLate()`
   * applies it (a real system working through its backlog after the caller gave up).
   */
  | { mode: 'lands-late' };

export interface MinistryRecord {
  txId: string;
  reference: string;
  serviceId: string;
  amountCents: Cents;
  details: MinistryDetails;
}

export interface ScriptedMinistryOptions {
  /** Decides validation (default: valid, no lines). */
  validate?: (request: MinistryRequest) => Validation;
  /** Non-personal lines a commit answers with. */
  commitLines?: (request: MinistryRequest) => { label: string; value: string }[];
}

export class ScriptedMinistry implements MinistryAdapter {
  readonly records = new Map<string, MinistryRecord>();
  readonly calls: Record<MinistryOperation, number> = { validate: 0, commit: 0, lookup: 0 };
  private readonly failures: { op: MinistryOperation | 'any'; failure: Failure; times: number }[] = [];
  private readonly held: (() => void)[] = [];
  private readonly late: (() => unknown)[] = [];
  private closed = false;

  constructor(
    readonly ministryId: MinistryId,
    private readonly options: ScriptedMinistryOptions = {},
  ) {}

  /** The next `times` calls of `op` (default: every call) fail this way, until `heal()`. */
  inject(op: MinistryOperation | 'any', failure: Failure, times = Number.POSITIVE_INFINITY): this {
    this.failures.push({ op, failure, times });
    return this;
  }

  heal(): this {
    this.failures.length = 0;
    return this;
  }

  /** Lets every held call go on (they then fail with a timeout: the caller gave up waiting long ago). */
  release(): void {
    for (const resolve of this.held.splice(0)) resolve();
  }

  /** Applies every commit that timed out while queued (`lands-late`); returns how many. */
  landLate(): number {
    const queued = this.late.splice(0);
    for (const apply of queued) apply();
    return queued.length;
  }

  get heldCalls(): number {
    return this.held.length;
  }

  validate(request: MinistryRequest): Promise<Validation> {
    return this.call('validate', () => this.options.validate?.(request) ?? { outcome: 'valid', lines: [] });
  }

  commit(request: MinistryRequest & { amountCents: Cents }): Promise<CommitOutcome> {
    const record = (): CommitOutcome => {
      const existing = this.records.get(request.txId);
      if (existing) return { outcome: 'committed', reference: existing.reference, lines: this.lines(request) };
      const reference = `${this.ministryId.slice(0, 3).toUpperCase()}-${String(this.records.size + 1).padStart(6, '0')}`;
      this.records.set(request.txId, {
        txId: request.txId,
        reference,
        serviceId: request.serviceId,
        amountCents: request.amountCents,
        details: request.details,
      });
      return { outcome: 'committed', reference, lines: this.lines(request) };
    };
    return this.call('commit', record, record);
  }

  lookup(txId: string): Promise<LookupOutcome> {
    return this.call('lookup', () => {
      const existing = this.records.get(txId);
      return existing ? { outcome: 'committed', reference: existing.reference } : { outcome: 'not-found' };
    });
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private lines(request: MinistryRequest) {
    return this.options.commitLines?.(request) ?? [];
  }

  private async call<T>(op: MinistryOperation, answer: () => T, effect?: () => unknown): Promise<T> {
    this.calls[op]++;
    const index = this.failures.findIndex((f) => (f.op === op || f.op === 'any') && f.times > 0);
    const failure = index < 0 ? undefined : this.failures[index]!;
    if (!failure) return answer();
    failure.times--;
    const f = failure.failure;
    switch (f.mode) {
      case 'down':
      case 'timeout':
        throw new MinistryUnavailableError(this.ministryId, f.mode);
      case 'malformed':
        throw new MinistryUnavailableError(this.ministryId, 'malformed-answer');
      case 'refuse':
        // A lookup has no refusal in the contract: a system that answers one is answering nonsense.
        if (op === 'lookup') throw new MinistryUnavailableError(this.ministryId, 'malformed-answer');
        return {
          outcome: 'refused',
          code: f.code ?? 'REFUSED',
          message: f.message ?? `the ${this.ministryId} system refused the request`,
        } as T;
      case 'crash-after-commit':
        effect?.();
        throw new MinistryUnavailableError(this.ministryId, 'timeout');
      case 'lands-late':
        if (effect) this.late.push(effect);
        throw new MinistryUnavailableError(this.ministryId, 'timeout');
      case 'hold':
        if (f.afterCommit) effect?.();
        await new Promise<void>((resolve) => this.held.push(resolve));
        throw new MinistryUnavailableError(this.ministryId, 'timeout');
    }
  }
}

/** One scripted ministry per ministry id, as the Map the hub takes. */
export function scriptedMinistries(
  options: Partial<Record<MinistryId, ScriptedMinistryOptions>> = {},
): Map<MinistryId, ScriptedMinistry> {
  const ids: MinistryId[] = [
    'transportation',
    'health',
    'natural-resources',
    'attorney-general',
    'city-ottawa',
    'city-toronto',
  ];
  return new Map(ids.map((id) => [id, new ScriptedMinistry(id, options[id])]));
}
