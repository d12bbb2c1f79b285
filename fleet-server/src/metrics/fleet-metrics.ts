// The fleet server's Prometheus metrics (GET /metrics): kiosks by status, open incidents and connected kiosks read
// at scrape time; heartbeat ingest latency, transactions by outcome and HTTP requests counted as they happen. No
// label carries a kiosk id or any personal data: label values come from fixed sets (statuses, outcomes, route
// templates), so 10,000 kiosks make no more series than one.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { KIOSK_STATUSES, type KioskView } from '../telemetry/kiosk-status';
import type { TxOutcome } from '../hub/transaction-hub';
import type { FinishedRequest } from '../http/request-context';
import { processMetrics } from './process-metrics';

export const TX_OUTCOMES: readonly TxOutcome[] = ['committed', 'refused', 'ministry-unavailable', 'cancelled'];

export interface FleetMetricsSources {
  /** Every kiosk of the registry with its live status and open faults (FleetMonitor.views). */
  kioskViews: () => readonly KioskView[];
  connectedKiosks: () => number;
}

/** Heartbeats are answered from memory (an event-log append when a device changes): sub-millisecond to tens of ms. */
const HEARTBEAT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class FleetMetrics {
  /** This server's metrics (the process's own are added at scrape, from processMetrics). */
  readonly registry = new Registry();
  private readonly kiosks: Gauge<'status'>;
  private readonly openIncidents: Gauge;
  private readonly connected: Gauge;
  private readonly heartbeats: Histogram<'outcome'>;
  private readonly transactions: Counter<'outcome'>;
  private readonly httpRequests: Counter<'method' | 'route' | 'status_class'>;
  private readonly httpDuration: Histogram<'method' | 'route'>;

  constructor(private readonly sources: FleetMetricsSources) {
    const registers = [this.registry];
    this.kiosks = new Gauge({
      name: 'guichet_kiosks',
      help: 'Kiosks of the registry by live status (online, offline, out-of-service, maintenance)',
      labelNames: ['status'],
      registers,
    });
    this.openIncidents = new Gauge({
      name: 'guichet_incidents_open',
      help: 'Open incidents: kiosks with at least one open fault (the SLA live view rule, GET /api/v1/sla/now)',
      registers,
    });
    this.connected = new Gauge({
      name: 'guichet_kiosks_connected',
      help: 'Kiosks with an open link (socket.io /kiosk) to this server',
      registers,
    });
    this.heartbeats = new Histogram({
      name: 'guichet_heartbeat_ingest_seconds',
      help: "Time from a heartbeat message's arrival to its acknowledgement (outcome ok or refused)",
      labelNames: ['outcome'],
      buckets: HEARTBEAT_BUCKETS,
      registers,
    });
    this.transactions = new Counter({
      name: 'guichet_transactions_total',
      help: 'Transactions reaching a final state: committed, refused by a ministry, ministry unavailable, cancelled',
      labelNames: ['outcome'],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'guichet_http_requests_total',
      help: 'HTTP requests by method, route template and status class (2xx, 4xx, …)',
      labelNames: ['method', 'route', 'status_class'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'guichet_http_request_duration_seconds',
      help: 'HTTP request duration by method and route template',
      labelNames: ['method', 'route'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    // Series that exist from the start read 0 rather than absent (rate() and alerts need them).
    for (const outcome of TX_OUTCOMES) this.transactions.inc({ outcome }, 0);
    for (const status of KIOSK_STATUSES) this.kiosks.set({ status }, 0);
  }

  heartbeatAnswered(seconds: number, ok: boolean): void {
    this.heartbeats.observe({ outcome: ok ? 'ok' : 'refused' }, seconds);
  }

  transactionSettled(outcome: TxOutcome): void {
    this.transactions.inc({ outcome });
  }

  requestFinished(request: FinishedRequest): void {
    const labels = { method: request.method, route: request.route };
    this.httpRequests.inc({ ...labels, status_class: `${Math.floor(request.status / 100)}xx` });
    this.httpDuration.observe(labels, request.seconds);
  }

  /** Reads the live figures (one pass over the kiosks' views), then writes every metric in the text format. */
  async scrape(): Promise<string> {
    const counts = new Map<string, number>(KIOSK_STATUSES.map((status) => [status, 0]));
    let open = 0;
    for (const view of this.sources.kioskViews()) {
      counts.set(view.status, (counts.get(view.status) ?? 0) + 1);
      if (view.openFaults.length > 0) open++;
    }
    for (const [status, count] of counts) this.kiosks.set({ status }, count);
    this.openIncidents.set(open);
    this.connected.set(this.sources.connectedKiosks());
    return (await processMetrics().metrics()) + (await this.registry.metrics());
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
