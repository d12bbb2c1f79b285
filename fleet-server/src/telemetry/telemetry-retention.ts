// Deletes telemetry older than the retention period, at start and every hour: with the per-kiosk daily byte quota
// this bounds the telemetry table (kiosks × bytes a day × days kept). A failed prune is reported to StorageHealth
// once and retried at the next run; it never escapes its timer.
import type { Clock, TimerHandle, Timers } from '@guichet/shared';
import type { Logger } from '../logging/logger';
import type { StorageHealth } from '../storage/storage-health';
import type { TelemetryInbox } from './telemetry-inbox';

export const RETENTION_RUN_EVERY_MS = 3_600_000;
const WRITER = 'telemetry-retention';

export interface TelemetryRetentionOptions {
  inbox: TelemetryInbox;
  retentionDays: number;
  clock: Clock;
  timers: Timers;
  log: Logger;
  storageHealth: StorageHealth;
}

export class TelemetryRetention {
  private timer: TimerHandle | undefined;

  constructor(private readonly options: TelemetryRetentionOptions) {}

  start(): void {
    this.runOnce();
    this.timer = this.options.timers.setInterval(() => this.runOnce(), RETENTION_RUN_EVERY_MS);
  }

  stop(): void {
    if (this.timer !== undefined) this.options.timers.clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Prunes once; returns the records deleted (0 when storage failed: reported, retried next run). */
  runOnce(): number {
    const cutoff = new Date(this.options.clock.now().getTime() - this.options.retentionDays * 86_400_000);
    try {
      const deleted = this.options.inbox.prune(cutoff);
      this.options.storageHealth.succeeded(WRITER);
      if (deleted > 0)
        this.options.log.info(
          { component: 'telemetry-retention', event: 'telemetry.pruned', deleted, before: cutoff.toISOString() },
          'old telemetry deleted',
        );
      return deleted;
    } catch (error) {
      this.options.storageHealth.failed(WRITER, error);
      return 0;
    }
  }
}
