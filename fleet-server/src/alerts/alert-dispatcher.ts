// Works the alert outbox: each due delivery is sent once per attempt; delivered or refused for good (4xx, SMTP 5xx:
// logged as an error for an operator) it leaves the queue, otherwise it is retried on the shared backoff, capped,
// with no limit on attempts: a receiver down for a day still gets its alerts. The outbox is in SQLite, so a restart
// resumes where the last process stopped. A delivery whose outcome cannot be written (storage failing) is not sent
// again: its outcome is kept in memory and written when storage is back.
import { backoffCeiling, type BackoffPolicy, type Clock, type TimerHandle, type Timers } from '@guichet/shared';
import type { Logger } from '../logging/logger';
import type { StorageHealth } from '../storage/storage-health';
import type { WebhookConfig } from './alerts-config';
import type { AlertStore, OutboxItem } from './alert-store';
import type { DeliveryResult } from './delivery-result';
import type { EmailChannel } from './email-channel';
import { postWebhook } from './webhook-channel';

export const DEFAULT_ALERT_RETRY: BackoffPolicy = { baseMs: 5_000, maxMs: 10 * 60_000 };
const WRITER = 'alert-delivery';

export interface AlertDispatcherDeps {
  store: AlertStore;
  webhooks: ReadonlyMap<string, WebhookConfig>;
  email: EmailChannel | undefined;
  clock: Clock;
  timers: Timers;
  log: Logger;
  health: StorageHealth;
  retry: BackoffPolicy;
  timeoutMs: number;
}

type Outcome = { item: OutboxItem; result: DeliveryResult; at: Date };

export class AlertDispatcher {
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  /** Consecutive runs that failed on storage: the next run waits on the backoff rather than the outbox. */
  private failedRuns = 0;
  /** Outcomes sent but not yet written (storage failing), by outbox id: written first, never sent twice. */
  private readonly unwritten = new Map<number, Outcome>();

  constructor(private readonly deps: AlertDispatcherDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** New deliveries were queued: run once the current turn of the event loop is done. */
  poke(): void {
    if (!this.stopped) this.deps.timers.setImmediate(() => this.fire());
  }

  /** Resolves once the run in progress (if any) has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private fire(): void {
    if (this.stopped || this.running) return; // a run in progress schedules the next one when it ends
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.run()
      .then(
        () => this.runSucceeded(),
        (error: unknown) => this.runFailed(error),
      )
      .finally(() => {
        this.running = undefined;
        this.schedule();
      });
  }

  private async run(): Promise<void> {
    const { store, clock } = this.deps;
    for (const [id, outcome] of this.unwritten) {
      this.write(outcome);
      this.unwritten.delete(id);
    }
    for (;;) {
      const due = store.due(clock.now()).filter((item) => !this.unwritten.has(item.id));
      if (due.length === 0 || this.stopped) return;
      for (const item of due) {
        if (this.stopped) return;
        const result = await this.send(item);
        const outcome = { item, result, at: clock.now() };
        try {
          this.write(outcome);
        } catch (error) {
          this.unwritten.set(item.id, outcome);
          throw error;
        }
      }
    }
  }

  private async send(item: OutboxItem): Promise<DeliveryResult> {
    const deliveryId = `guichet-alert-${item.id}`;
    if (item.channel === 'webhook') {
      const hook = this.deps.webhooks.get(item.recipient);
      if (!hook) return { ok: false, permanent: true, reason: `no webhook named ${item.recipient} in the alerts file` };
      return postWebhook(hook, item.message.body, deliveryId, this.deps.timeoutMs);
    }
    if (!this.deps.email) return { ok: false, permanent: true, reason: 'no smtp in the alerts file' };
    return this.deps.email.send({
      to: item.recipient,
      subject: item.message.subject,
      text: item.message.text,
      deliveryId,
    });
  }

  /** Writes one outcome; throws on storage failure (the caller keeps it for later). */
  private write({ item, result, at }: Outcome): void {
    const { store, log } = this.deps;
    const base = { component: 'alerts', alertKey: item.alertKey, channel: item.channel, outboxId: item.id };
    const attempts = item.attempts + 1;
    if (result.ok) {
      store.delivered(item.id, at);
      log.info({ ...base, event: 'alert.delivered', attempts }, 'alert delivered');
    } else if (result.permanent) {
      store.failed(item.id, at, result.reason);
      log.error(
        { ...base, event: 'alert.delivery-refused', attempts, reason: result.reason },
        'alert receiver refused the delivery: not retried, check the alerts file',
      );
    } else {
      const next = new Date(at.getTime() + backoffCeiling(item.attempts, this.deps.retry));
      store.retryLater(item.id, next, result.reason);
      log.warn(
        { ...base, event: 'alert.delivery-retry', attempts, nextAttemptAt: next.toISOString(), reason: result.reason },
        'alert receiver unavailable: retrying with backoff',
      );
    }
  }

  private schedule(): void {
    if (this.stopped || this.running) return;
    if (this.timer !== undefined) this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
    let delay: number;
    if (this.failedRuns > 0) delay = backoffCeiling(this.failedRuns - 1, this.deps.retry);
    else {
      let next: Date | undefined;
      try {
        next = this.deps.store.nextAttemptAt();
      } catch (error) {
        this.runFailed(error);
        return this.schedule();
      }
      if (next === undefined) return;
      delay = Math.max(0, next.getTime() - this.deps.clock.now().getTime());
    }
    this.timer = this.deps.timers.setTimeout(() => this.fire(), delay);
  }

  private runSucceeded(): void {
    this.failedRuns = 0;
    this.deps.health.succeeded(WRITER);
  }

  private runFailed(error: unknown): void {
    this.failedRuns++;
    this.deps.health.failed(WRITER, error);
  }
}
