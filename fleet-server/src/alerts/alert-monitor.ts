// The alerts' I/O shell: on each tick of the injected timers it computes the SLA engine's live view, asks the pure
// evaluator what is owed, writes the raised alerts and their deliveries in one transaction and pokes the outbox
// worker. Security events come in through raiseSecurity. Storage failures are reported to StorageHealth (logged
// once) and the tick is simply tried again: nothing raised is lost, nothing is raised twice.
import {
  backgroundTimers,
  systemClock,
  type BackoffPolicy,
  type Clock,
  type FleetEvent,
  type SitesFile,
  type TimerHandle,
  type Timers,
} from '@guichet/shared';
import type { Logger } from '../logging/logger';
import type { Db } from '../storage/database';
import { StorageHealth } from '../storage/storage-health';
import { computeLiveView } from '../sla/live-view';
import type { AlertsConfig } from './alerts-config';
import { AlertStore, type NewDelivery } from './alert-store';
import { AlertDispatcher, DEFAULT_ALERT_RETRY } from './alert-dispatcher';
import { EmailChannel } from './email-channel';
import {
  evaluateAlerts,
  incidentIdOf,
  type Alert,
  type AlertState,
  type Audience,
  type RaisedAlert,
} from './evaluate-alerts';
import { renderAlert, type AlertDirectory } from './render-alert';
import { securityAlert, type SecurityEvent } from './security-alert';

export interface AlertMonitorOptions {
  config: AlertsConfig;
  db: Db;
  /** The sites file the SLA engine reads (the registry's). */
  sites: SitesFile;
  /** The fleet event log, as the SLA engine reads it. */
  events: () => readonly FleetEvent[];
  log: Logger;
  clock?: Clock;
  /** Evaluation ticks and delivery retries; by default they never keep the process alive alone. */
  timers?: Timers;
  storageHealth?: StorageHealth;
  /** Whether a person acknowledged an incident (the incidents store); absent: never, so every incident escalates. */
  isAcknowledged?: (incidentId: string) => boolean;
  /** How often the live view is evaluated (default 15 s). */
  evaluateEveryMs?: number;
  /** Retry delays of a delivery whose receiver is down (default 5 s doubling to 10 min). */
  retry?: BackoffPolicy;
  /** Per-attempt network timeout (default 15 s). */
  deliveryTimeoutMs?: number;
}

/** Entry point for other parts of the fleet server to raise a security alert. */
export type RaiseSecurity = (event: SecurityEvent) => void;

const WRITER = 'alerts';
const SECURITY_WRITER = 'security-alerts';

export class AlertMonitor {
  readonly store: AlertStore;
  private readonly dispatcher: AlertDispatcher;
  private readonly email: EmailChannel | undefined;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly health: StorageHealth;
  private readonly directory: AlertDirectory;
  private state: AlertState | undefined;
  private interval: TimerHandle | undefined;
  private readonly ackFailures = new Set<string>();
  /** Security alerts raised while storage was failing, written by the next tick. */
  private unrecordedSecurity: Alert[] = [];

  constructor(private readonly options: AlertMonitorOptions) {
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? backgroundTimers;
    this.health = options.storageHealth ?? new StorageHealth(options.log, () => this.clock.now());
    this.store = new AlertStore(options.db);
    this.email = options.config.smtp ? new EmailChannel(options.config.smtp, options.deliveryTimeoutMs) : undefined;
    const kiosks = new Map(options.sites.kiosks.map((k) => [k.id, k] as const));
    const sites = new Map(options.sites.sites.map((s) => [s.id, s] as const));
    this.directory = { kiosk: (id) => kiosks.get(id), site: (id) => sites.get(id) };
    this.dispatcher = new AlertDispatcher({
      store: this.store,
      webhooks: new Map(options.config.webhooks.map((w) => [w.name, w] as const)),
      email: this.email,
      clock: this.clock,
      timers: this.timers,
      log: options.log,
      health: this.health,
      retry: options.retry ?? DEFAULT_ALERT_RETRY,
      timeoutMs: options.deliveryTimeoutMs ?? 15_000,
    });
  }

  /** Resumes pending deliveries and evaluates at once, then every `evaluateEveryMs`. */
  start(): void {
    this.dispatcher.start();
    this.interval = this.timers.setInterval(() => this.tick(), this.options.evaluateEveryMs ?? 15_000);
    this.timers.setImmediate(() => this.tick());
  }

  /** Stops ticking and waits for a delivery in flight (its outcome is written before the database closes). */
  async stop(): Promise<void> {
    if (this.interval !== undefined) this.timers.clearInterval(this.interval);
    this.interval = undefined;
    this.dispatcher.stop();
    await this.dispatcher.idle();
    this.email?.close();
  }

  /** Resolves once the delivery run in progress, if any, has finished (tests). */
  idle(): Promise<void> {
    return this.dispatcher.idle();
  }

  /**
   * Raises a security alert (e.g. LINK_CONTESTED), once per (kiosk, code, instant). Bad input throws
   * ALERT_SECURITY_INVALID and raises nothing. Never throws on storage: an alert that cannot be written yet is kept
   * in memory and written by the next tick.
   */
  readonly raiseSecurity: RaiseSecurity = (event) => {
    this.unrecordedSecurity.push(securityAlert(event, this.clock.now()));
    this.recordSecurity();
  };

  /** One evaluation of the live view (the timer's; public so tests can run one at an exact instant). */
  tick(): void {
    const now = this.clock.now();
    this.recordSecurity();
    try {
      this.state ??= { raised: new Map(this.store.raised().map((r) => [r.key, r] as const)) };
      const view = computeLiveView({ sites: this.options.sites, events: this.options.events(), now });
      const acknowledged = new Set(
        view.openIncidents.map((i) => incidentIdOf(i.kioskId, i.detectedAt)).filter((id) => this.acknowledged(id)),
      );
      const config = this.options.config;
      const evaluation = evaluateAlerts({
        view,
        state: this.state,
        now,
        acknowledged,
        rules: { clockWarningMinutes: config.clockWarningMinutes, escalateAfterMinutes: config.escalateAfterMinutes },
      });
      if (evaluation.raised.length > 0) this.record(evaluation.raised, evaluation.alerts);
      this.state = evaluation.state;
      this.health.succeeded(WRITER);
    } catch (error) {
      // Not recorded, so not raised: the next tick evaluates again and raises it then.
      this.health.failed(WRITER, error);
    }
  }

  private recordSecurity(): void {
    if (this.unrecordedSecurity.length === 0) return;
    try {
      this.record(this.unrecordedSecurity, this.unrecordedSecurity);
      this.unrecordedSecurity = [];
      this.health.succeeded(SECURITY_WRITER);
    } catch (error) {
      this.health.failed(SECURITY_WRITER, error);
    }
  }

  private acknowledged(incidentId: string): boolean {
    try {
      const answer = this.options.isAcknowledged?.(incidentId) ?? false;
      this.ackFailures.delete(incidentId);
      return answer;
    } catch (error) {
      // Escalating a fault someone took is noise; missing one nobody took is worse: unknown counts as not taken.
      if (!this.ackFailures.has(incidentId))
        this.options.log.warn(
          { component: 'alerts', event: 'alert.ack-unknown', incidentId, err: error },
          'could not tell whether the incident was acknowledged: treated as not acknowledged',
        );
      this.ackFailures.add(incidentId);
      return false;
    }
  }

  private record(raised: readonly RaisedAlert[], alerts: readonly Alert[]): void {
    const deliveries = new Map(alerts.map((alert) => [alert.key, this.deliveriesOf(alert)] as const));
    const fresh = new Set(this.store.record(raised, deliveries));
    for (const alert of alerts)
      if (fresh.has(alert.key))
        this.options.log.info(
          { component: 'alerts', event: 'alert.raised', alertKey: alert.key, trigger: alert.trigger },
          'alert raised',
        );
    if (fresh.size > 0) this.dispatcher.poke();
  }

  private deliveriesOf(alert: Alert): NewDelivery[] {
    const message = renderAlert(alert, this.directory, this.options.config.consoleBaseUrl);
    const contacts = this.options.config.contacts;
    const roles: Record<Audience, Array<keyof typeof contacts>> = {
      primary: ['primary'],
      secondary: ['secondary'],
      both: ['primary', 'secondary'],
    };
    const out = new Map<string, NewDelivery>();
    for (const role of roles[alert.audience]) {
      for (const address of contacts[role].email)
        out.set(`email:${address.toLowerCase()}`, { channel: 'email', recipient: address, message });
      for (const name of contacts[role].webhooks)
        out.set(`webhook:${name}`, { channel: 'webhook', recipient: name, message });
    }
    return [...out.values()];
  }
}
