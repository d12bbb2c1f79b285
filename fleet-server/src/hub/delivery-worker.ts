// Delivers what the hub's outbox still owes to ministries that were down at commit (a change of address's
// part): due items are committed at their ministry (idempotent per txId, so a delivery whose answer was lost is
// not recorded twice), done or refused items leave the outbox (a refusal recorded on its delivery row and logged
// as an error for an operator), the others are retried with backoff. Timers and clock are injected so tests
// drive it without waiting. A run that fails on storage (the journal cannot be written) is reported to
// StorageHealth and tried again after the backoff, never in a tight loop and never as an uncaught error.
import type { MinistryId } from '@guichet/shared';
import type { Logger } from '../logging/logger';
import type { HubJournal, OutboxItem } from './hub-journal';
import type { MinistryAdapter } from './ministry-adapter';
import { backoffDelayMs, type BackoffPolicy } from './delivery-backoff';
import type { TxLocks } from './tx-locks';
import type { StorageHealth } from '../storage/storage-health';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface DeliveryRunSummary {
  done: number;
  refused: number;
  retried: number;
}

export type DeliveryOutcome = 'done' | 'refused' | 'queued';

export interface DeliveryWorkerDeps {
  journal: HubJournal;
  ministries: ReadonlyMap<MinistryId, MinistryAdapter>;
  locks: TxLocks;
  now: () => Date;
  timers: Timers;
  backoff: BackoffPolicy;
  log: Logger;
  batchSize?: number;
  /** Where a failed run is reported; absent, it is only logged (once per failing spell). */
  storageHealth?: StorageHealth;
}

const WRITER = 'hub-delivery';

export class DeliveryWorker {
  private timer: unknown;
  private running: Promise<DeliveryRunSummary> | undefined;
  private stopped = true;
  /** Consecutive failed runs: the next run waits backoffDelayMs(failedRuns) instead of the outbox's due time. */
  private failedRuns = 0;

  constructor(private readonly deps: DeliveryWorkerDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Something was queued: make sure the worker wakes by its first attempt time. */
  poke(): void {
    if (!this.stopped) this.schedule();
  }

  /** Resolves when a run in progress has finished, however it ended (a failed run is the scheduler's to handle). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Tries every item due now, once. */
  runDue(): Promise<DeliveryRunSummary> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Tries one queued item now; used by the hub at commit time (the caller holds the transaction's lock). */
  async deliver(item: OutboxItem): Promise<DeliveryOutcome> {
    const { journal, log } = this.deps;
    const adapter = this.deps.ministries.get(item.ministryId);
    const base = { component: 'transaction-hub', txId: item.txId, ministryId: item.ministryId };
    try {
      if (!adapter) throw new Error(`no adapter for ${item.ministryId}`);
      const result = await adapter.commit({
        txId: item.txId,
        serviceId: item.serviceId,
        ministryId: item.ministryId,
        details: item.details,
        amountCents: item.amountCents,
      });
      if (result.outcome === 'committed') {
        await journal.setDelivery(
          item.txId,
          item.ministryId,
          { status: 'done', reference: result.reference },
          this.deps.now(),
        );
        log.info({ ...base, event: 'hub.delivery-done', attempts: item.attempts + 1 }, 'delivery done');
        return 'done';
      }
      // The citizen left with this part queued, believing it would be done: the refusal is kept on the delivery
      // row (HubJournal.refusedDeliveries lists them) and raised for an operator to follow up with the citizen.
      await journal.setDelivery(item.txId, item.ministryId, { status: 'refused', code: result.code }, this.deps.now());
      log.error(
        { ...base, event: 'tx.delivery-refused', code: result.code, attempts: item.attempts + 1 },
        'a ministry refused a queued delivery after the transaction was committed: operator follow-up needed',
      );
      return 'refused';
    } catch (error) {
      const attempts = item.attempts + 1;
      const now = this.deps.now();
      const nextAttemptAt = new Date(now.getTime() + backoffDelayMs(this.deps.backoff, attempts));
      const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown failure';
      await journal.setDelivery(item.txId, item.ministryId, { status: 'queued', nextAttemptAt, error: reason }, now);
      log.warn(
        { ...base, event: 'hub.delivery-queued', attempts, nextAttemptAt: nextAttemptAt.toISOString() },
        'ministry unavailable; delivery queued',
      );
      this.poke();
      return 'queued';
    }
  }

  private async deliverDue(): Promise<DeliveryRunSummary> {
    const summary: DeliveryRunSummary = { done: 0, refused: 0, retried: 0 };
    const due = this.deps.journal.dueOutbox(this.deps.now(), this.deps.batchSize ?? 100);
    for (const item of due) {
      const outcome = await this.deps.locks.run(item.txId, async () => {
        // Re-read under the lock: the hub or an earlier run may have delivered it meanwhile.
        const current = this.deps.journal.outboxItem(item.txId, item.ministryId);
        return current ? this.deliver(current) : undefined;
      });
      if (outcome === 'done') summary.done++;
      else if (outcome === 'refused') summary.refused++;
      else if (outcome === 'queued') summary.retried++;
    }
    return summary;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
    let delay: number;
    if (this.failedRuns > 0) delay = backoffDelayMs(this.deps.backoff, this.failedRuns);
    else {
      let next: Date | undefined;
      try {
        next = this.deps.journal.nextOutboxAttempt();
      } catch (error) {
        this.runFailed(error);
        return this.schedule();
      }
      if (!next) return;
      delay = Math.max(0, next.getTime() - this.deps.now().getTime());
    }
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = undefined;
      void this.runDue()
        .then(
          () => this.runSucceeded(),
          (error: unknown) => this.runFailed(error),
        )
        .finally(() => this.schedule());
    }, delay);
  }

  private runSucceeded(): void {
    this.failedRuns = 0;
    this.deps.storageHealth?.succeeded(WRITER);
  }

  private runFailed(error: unknown): void {
    if (this.failedRuns === 0) {
      this.deps.log.error(
        { component: 'transaction-hub', event: 'hub.delivery-run-failed', err: error },
        'delivery run failed: retrying with backoff',
      );
    }
    this.failedRuns++;
    this.deps.storageHealth?.failed(WRITER, error);
  }
}
