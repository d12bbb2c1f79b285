// An in-process stand-in for the fleet's transaction hub, for kiosk tests and the benchmark: a real socket.io
// server on a loopback port speaking the kiosk link (hello, heartbeat, telemetry) and the hub's side of the
// transaction contract (shared/src/protocol/transactions.ts): idempotent per txId, scoped per kiosk, a keyed
// digest of the details checked at commit, the amount checked against the quote, a cancel that makes any later
// commit refused, deliveries done or queued per ministry, a driver record abstract given with the commit's first
// answer only and again on tx.document (never kept in the replayed answer). Faults: refusals, a commit whose answer
// is lost (applied, never acknowledged) or that is never processed, a commit the ministry cannot confirm yet
// (committing, HUB_UNAVAILABLE until settled), and the whole hub going down and coming back.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import {
  KIOSK_NAMESPACE,
  KioskTxEvents,
  KioskToFleet,
  recipientMinistries,
  serviceById,
  TelemetryBatch,
  TxCancelRequest,
  TxCommitRequest,
  TxDocumentRequest,
  TxQuoteRequest,
  TxStatusRequest,
  type MinistryId,
  type ServiceId,
  type TelemetryRecord,
  type TxAck,
  type TxCommitted,
  type TxDetails,
  type TxDocument,
  type TxQuote,
  type TxStatus,
} from '@guichet/shared';

export const FAKE_PRICES: Record<ServiceId, number> = {
  'vehicle-sticker-renewal': 12_000,
  'driver-record-abstract': 1_200,
  'personalized-plates': 32_500,
  'change-of-address': 0,
  'fines-and-parking-tickets': 8_500,
  'outdoors-card-renewal': 1_000,
};
export const FAKE_FEE_CENTS = 100;

interface HubTx {
  kioskId: string;
  state: 'quoted' | 'committing' | 'committed' | 'cancelled' | 'refused';
  quote?: TxQuote;
  digest?: string;
  committed?: TxCommitted;
  /** While `committing`: what the commit becomes if the ministry turns out to have it. */
  inDoubt?: TxCommitted;
  refusal?: { code: string; message: string };
}

type Refusal = { code: string; message: string; retryable?: boolean };

export class FakeHub {
  readonly transactions = new Map<string, HubTx>();
  readonly telemetry: TelemetryRecord[] = [];
  readonly calls: Array<{ event: string; txId: string }> = [];
  /** Refuse the next quotes with this error (e.g. MINISTRY_REFUSED: no such plate). */
  refuseQuote: Refusal | undefined;
  /** Refuse commits with this error (e.g. MINISTRY_REFUSED after the sale was authorised). */
  refuseCommit: Refusal | undefined;
  /** `drop-answer`: commit, then never answer; `drop-request`: neither commit nor answer. */
  commitFault: 'none' | 'drop-answer' | 'drop-request' = 'none';
  /**
   * The ministry's answer to commits is lost and it cannot say yet whether it has them: the transaction stays
   * `committing` and every request about it is answered HUB_UNAVAILABLE (retryable) until `settleInDoubt`.
   */
  commitInDoubt = false;
  /** Ministries that are down: their deliveries of a fan-out are queued. */
  readonly downMinistries = new Set<MinistryId>();
  quoteTtlMs = 10 * 60_000;
  /** What the ministry's record says of the driver, for an abstract (the same for every driver here). */
  abstract: TxDocument = {
    kind: 'driver-record-abstract',
    licenceStatus: 'SUSPENDED',
    demeritPoints: 7,
    convictions: 2,
  };
  /** Refuse tx.document with this error (e.g. MINISTRY_UNAVAILABLE: the mainframe is down). */
  refuseDocument: Refusal | undefined;
  private readonly secret = crypto.randomBytes(32);
  private httpServer: http.Server | undefined;
  private io: Server | undefined;
  port = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on `port` (0: any free one; the same one again after stop() to come back). */
  async start(port = this.port): Promise<void> {
    const server = http.createServer();
    const io = new Server(server, { transports: ['websocket'] });
    io.of(KIOSK_NAMESPACE).on('connection', (socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.httpServer = server;
    this.io = io;
    this.port = (server.address() as AddressInfo).port;
  }

  /** The hub goes away: every kiosk's link drops, and new connections are refused until start() again. */
  async stop(): Promise<void> {
    const io = this.io;
    this.io = undefined;
    this.httpServer = undefined;
    if (io) await io.close();
  }

  /** The ministry finally answers a commit in doubt: it has it (committed) or not (refused). */
  settleInDoubt(txId: string, outcome: 'committed' | 'refused'): void {
    const tx = this.transactions.get(txId);
    if (tx?.state !== 'committing') throw new Error(`${txId} is not in doubt`);
    if (outcome === 'committed') {
      tx.state = 'committed';
      tx.committed = tx.inDoubt;
    } else {
      tx.state = 'refused';
      tx.refusal = { code: 'MINISTRY_UNAVAILABLE', message: 'the ministry system is unavailable' };
    }
    delete tx.inDoubt;
  }

  state(txId: string): HubTx['state'] | undefined {
    return this.transactions.get(txId)?.state;
  }

  private serve(socket: Socket): void {
    const claimed = (socket.handshake.auth as { kioskId?: unknown }).kioskId;
    const kioskId = typeof claimed === 'string' ? claimed : 'unknown';
    const on = (event: string, handler: (payload: unknown) => unknown) =>
      socket.on(event, (payload: unknown, ack?: (answer: unknown) => void) => {
        const answer = handler(payload);
        if (answer !== undefined && typeof ack === 'function') ack(answer);
      });
    on(KioskToFleet.hello, () => ({
      ok: true,
      welcome: {
        protocolVersion: 1,
        serverTime: this.now().toISOString(),
        heartbeatIntervalMs: 60_000,
        targetState: { version: 0, mode: 'in-service' },
      },
    }));
    on(KioskToFleet.heartbeat, () => ({ ok: true }));
    on(KioskToFleet.commandResult, () => ({ ok: true }));
    on(KioskToFleet.telemetry, (payload) => {
      const batch = TelemetryBatch.parse(payload);
      const last = batch.records.at(-1)!;
      for (const record of batch.records)
        if (!this.telemetry.some((r) => r.streamId === record.streamId && r.seq === record.seq))
          this.telemetry.push(record);
      return { ok: true, telemetry: { streamId: last.streamId, ackedSeq: last.seq } };
    });
    on(KioskTxEvents.quote, (payload) => this.quote(kioskId, payload));
    on(KioskTxEvents.commit, (payload) => this.commit(kioskId, payload));
    on(KioskTxEvents.cancel, (payload) => this.cancel(kioskId, payload));
    on(KioskTxEvents.status, (payload) => this.status(kioskId, payload));
    on(KioskTxEvents.document, (payload) => this.document(kioskId, payload));
  }

  private quote(kioskId: string, payload: unknown): TxAck {
    const parsed = TxQuoteRequest.safeParse(payload);
    if (!parsed.success) return refuse('TX_INVALID', 'malformed quote request');
    const { txId, details } = parsed.data;
    this.calls.push({ event: 'quote', txId });
    const known = this.transactions.get(txId);
    if (known) {
      if (known.kioskId !== kioskId) return refuse('TX_NOT_YOURS', 'another kiosk owns this transaction');
      if (known.state === 'quoted' && known.quote) return { ok: true, quote: known.quote };
      if (known.state === 'refused' && known.refusal) return refuse(known.refusal.code, known.refusal.message);
      return refuse(
        known.state === 'committed' ? 'TX_ALREADY_COMMITTED' : 'TX_CANCELLED',
        `transaction is ${known.state}`,
      );
    }
    if (this.refuseQuote) {
      const refusal = this.refuseQuote;
      this.transactions.set(txId, { kioskId, state: 'refused', refusal });
      return refuse(refusal.code, refusal.message, refusal.retryable);
    }
    const service = serviceById(details.serviceId);
    const serviceCents = FAKE_PRICES[service.id];
    const feeCents = service.feeApplies ? FAKE_FEE_CENTS : 0;
    const quote = {
      txId,
      serviceId: service.id,
      serviceCents,
      feeCents,
      totalCents: serviceCents + feeCents,
      expiresAt: new Date(this.now().getTime() + this.quoteTtlMs).toISOString(),
      lines:
        details.serviceId === 'vehicle-sticker-renewal'
          ? [{ label: 'vehicles.plate', value: `***${details.plate.slice(-3)}` }]
          : [],
    } as TxQuote;
    this.transactions.set(txId, { kioskId, state: 'quoted', quote, digest: this.digest(details) });
    return { ok: true, quote };
  }

  private commit(kioskId: string, payload: unknown): TxAck | undefined {
    const parsed = TxCommitRequest.safeParse(payload);
    if (!parsed.success) return refuse('TX_INVALID', 'malformed commit request');
    const { txId, totalCents, details } = parsed.data;
    this.calls.push({ event: 'commit', txId });
    if (this.commitFault === 'drop-request') return undefined;
    const tx = this.transactions.get(txId);
    if (!tx) return refuse('TX_UNKNOWN', 'no such transaction');
    if (tx.kioskId !== kioskId) return refuse('TX_NOT_YOURS', 'another kiosk owns this transaction');
    if (tx.state === 'committed' && tx.committed) return this.answered({ ok: true, committed: tx.committed });
    if (tx.state === 'committing') return inDoubt();
    if (tx.state === 'cancelled') return refuse('TX_CANCELLED', 'the transaction was cancelled');
    if (tx.state === 'refused' && tx.refusal) return refuse(tx.refusal.code, tx.refusal.message);
    const quote = tx.quote!;
    if (totalCents !== quote.totalCents) return refuse('TX_AMOUNT_MISMATCH', 'amount differs from the quote');
    if (this.digest(details) !== tx.digest) return refuse('TX_DETAILS_MISMATCH', 'details differ from the quote');
    if (this.now() > new Date(quote.expiresAt)) return refuse('TX_QUOTE_EXPIRED', 'the quote has expired');
    if (quote.totalCents > 0 && !parsed.data.payment) return refuse('TX_INVALID', 'a paid service needs a payment');
    if (this.refuseCommit) {
      tx.state = 'refused';
      tx.refusal = this.refuseCommit;
      return refuse(this.refuseCommit.code, this.refuseCommit.message, this.refuseCommit.retryable);
    }
    const ministries = recipients(details);
    const committed: TxCommitted = {
      txId,
      state: 'committed',
      committedAt: this.now().toISOString(),
      deliveries: ministries.map((ministryId) =>
        this.downMinistries.has(ministryId)
          ? { ministryId, status: 'queued' as const }
          : {
              ministryId,
              status: 'done' as const,
              reference: `${ministryId.slice(0, 3).toUpperCase()}-${txId.slice(-8)}`,
            },
      ),
      lines: quote.lines,
    };
    if (this.commitInDoubt) {
      tx.state = 'committing';
      tx.inDoubt = committed;
      return inDoubt();
    }
    tx.state = 'committed';
    tx.committed = committed;
    // The first answer only carries the abstract: a retry is answered without it, as the real hub does.
    const document = details.serviceId === 'driver-record-abstract' ? { document: this.abstract } : {};
    return this.answered({ ok: true, committed: { ...committed, ...document } });
  }

  private document(kioskId: string, payload: unknown): TxAck {
    const parsed = TxDocumentRequest.safeParse(payload);
    if (!parsed.success) return refuse('TX_INVALID', 'malformed document request');
    const { txId } = parsed.data;
    this.calls.push({ event: 'document', txId });
    const tx = this.transactions.get(txId);
    if (!tx) return refuse('TX_UNKNOWN', 'no such transaction');
    if (tx.kioskId !== kioskId) return refuse('TX_NOT_YOURS', 'another kiosk owns this transaction');
    if (this.refuseDocument)
      return refuse(this.refuseDocument.code, this.refuseDocument.message, this.refuseDocument.retryable);
    if (tx.state !== 'committed' || tx.quote?.serviceId !== 'driver-record-abstract')
      return refuse('TX_NO_DOCUMENT', 'this transaction has no document');
    return { ok: true, document: { txId, document: this.abstract } };
  }

  private answered(ack: TxAck): TxAck | undefined {
    return this.commitFault === 'drop-answer' ? undefined : ack;
  }

  private cancel(kioskId: string, payload: unknown): TxAck {
    const parsed = TxCancelRequest.safeParse(payload);
    if (!parsed.success) return refuse('TX_INVALID', 'malformed cancel request');
    const { txId } = parsed.data;
    this.calls.push({ event: 'cancel', txId });
    const tx = this.transactions.get(txId);
    if (tx && tx.kioskId !== kioskId) return refuse('TX_NOT_YOURS', 'another kiosk owns this transaction');
    if (tx?.state === 'committed') return refuse('TX_ALREADY_COMMITTED', 'the transaction is committed');
    if (tx?.state === 'committing') return inDoubt();
    // A cancel of a transaction the hub never saw leaves a tombstone: a late quote or commit is refused.
    if (!tx) this.transactions.set(txId, { kioskId, state: 'cancelled' });
    else if (tx.state === 'quoted') tx.state = 'cancelled';
    return { ok: true, cancelled: { txId } };
  }

  private status(kioskId: string, payload: unknown): TxAck {
    const parsed = TxStatusRequest.safeParse(payload);
    if (!parsed.success) return refuse('TX_INVALID', 'malformed status request');
    const { txId } = parsed.data;
    this.calls.push({ event: 'status', txId });
    const tx = this.transactions.get(txId);
    if (tx && tx.kioskId !== kioskId) return refuse('TX_NOT_YOURS', 'another kiosk owns this transaction');
    if (tx?.state === 'committing') return inDoubt();
    let status: TxStatus;
    if (!tx) status = { txId, state: 'unknown' };
    else if (tx.state === 'committed') status = tx.committed!;
    else if (tx.state === 'quoted') status = { txId, state: 'quoted', quote: tx.quote! };
    else if (tx.state === 'refused')
      status = { txId, state: 'refused', code: tx.refusal!.code, message: tx.refusal!.message };
    else status = { txId, state: 'cancelled' };
    return { ok: true, status };
  }

  private digest(details: TxDetails): string {
    return crypto.createHmac('sha256', this.secret).update(canonical(details)).digest('hex');
  }
}

function refuse(code: string, message: string, retryable = false): TxAck {
  return { ok: false, error: { code, message, retryable } };
}

function inDoubt(): TxAck {
  return refuse('HUB_UNAVAILABLE', 'the ministry cannot say yet whether it has this transaction; retry', true);
}

function recipients(details: TxDetails): MinistryId[] {
  if (details.serviceId === 'fines-and-parking-tickets') return [details.issuer];
  const all = recipientMinistries(serviceById(details.serviceId));
  if (details.serviceId === 'change-of-address' && !details.outdoorsCardNumber)
    return all.filter((m) => m !== 'natural-resources');
  return all;
}

/** JSON with sorted keys, so the digest does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
