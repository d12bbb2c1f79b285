// TEST DOUBLE of the kiosk's transaction machine (the real one is kiosk/src/transaction), for the UI bridge's
// tests and the UI demo: it follows TX-DESIGN's states (quoting, paying with the terminal's prompts, authorized,
// committing, printing, completed, declined, voided, needs-resolution) with no hub, ministry or terminal behind
// it. Quotes come from the shared catalog, the demo price list and the Ontario fee schedule; the rest is
// scripted by the test through `terminal`, `setDevice` and the `next*` switches.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceById, type ServiceId } from '@guichet/shared/catalog/services';
import { parsePriceList, priceFor, type PriceList } from '@guichet/shared/catalog/price-list';
import { recipientMinistries } from '@guichet/shared/catalog/services';
import type { MinistryId } from '@guichet/shared/catalog/ministries';
import { feeFor } from '@guichet/shared/money/fee-schedule';
import { ONTARIO_FEE_SCHEDULE } from '@guichet/shared/money/fee-schedules';
import { priceTransaction } from '@guichet/shared/money/price-transaction';
import { cents } from '@guichet/shared/money/cents';
import type { TxDetails } from '@guichet/shared/protocol/transactions';
import type { BridgeTimers } from '../ui-bridge/screen-controller';
import type {
  DeskAvailability,
  DeskDevice,
  DeskLanguage,
  DeskSession,
  DeskState,
  DisplayLine,
  ServiceAvailability,
  TransactionDesk,
} from '../ui-bridge/transaction-desk';

const DEMO_PRICES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../fleet-server/demo/prices.json',
);

/** Tickets the fake "knows", with their amounts due (a ministry would answer these). */
export const FAKE_TICKETS: Readonly<Record<string, number>> = {
  'PN-4471-2290': 4500,
  'TO-884512': 3000,
  'OT-77120': 5000,
};
/** A plate the fake's ministry has never heard of: quoting it is refused (NOT_FOUND). */
export const FAKE_UNKNOWN_PLATE = 'ZZZZ999';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface FakeDeskOptions {
  now?: () => Date;
  prices?: PriceList;
  /** For the demo: walk the terminal's prompts by itself (insert card, PIN, remove card) every `stepMs`. */
  autoTerminal?: { timers: BridgeTimers; stepMs: number };
}

type DeviceState = 'up' | 'down';

export class FakeTransactionDesk implements TransactionDesk {
  readonly devices: Record<DeskDevice, DeviceState> = { paymentTerminal: 'up', printer: 'up', cardReader: 'up' };
  inService = true;
  /** What the next card sale answers. */
  nextSale: 'approved' | 'declined' | 'unknown' = 'approved';
  /** The ministry refuses the next commit after payment (the sale is then voided). */
  nextCommitRefused = false;
  /** The hub is unreachable for quotes (retryable failure). */
  hubDown = false;
  /** Hold quotes in `quoting` until releaseQuotes() (to see the waiting screen). */
  holdQuotes = false;
  private readonly heldQuotes: (() => void)[] = [];
  /** Ministries whose delivery the hub queues (down at commit). */
  readonly queuedMinistries = new Set<MinistryId>();
  /** Every sale the fake terminal approved (amounts), for tests to check money moved once. */
  readonly sales: number[] = [];
  readonly prices: PriceList;
  readonly now: () => Date;
  readonly autoTerminal: FakeDeskOptions['autoTerminal'];
  private readonly availabilityListeners = new Set<(a: DeskAvailability) => void>();
  private readonly sessions = new Set<FakeSession>();
  private txCounter = 0;

  /** The payment terminal, as the citizen would work it. */
  readonly terminal = {
    insertCard: () => this.paying()?.cardPresented('insert'),
    tapCard: () => this.paying()?.cardPresented('tap'),
    enterPin: () => this.paying()?.pinEntered(),
    removeCard: () => this.paying()?.cardRemoved(),
  };

  constructor(options: FakeDeskOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.prices = options.prices ?? parsePriceList(JSON.parse(fs.readFileSync(DEMO_PRICES, 'utf8')));
    this.autoTerminal = options.autoTerminal;
  }

  availability(): DeskAvailability {
    const services = {} as Record<ServiceId, ServiceAvailability>;
    for (const id of Object.keys(SERVICE_NEEDS) as ServiceId[]) {
      const missing = SERVICE_NEEDS[id].find((device) => this.devices[device] === 'down');
      services[id] = missing ? { available: false, reason: REASONS[missing] } : { available: true };
    }
    return { inService: this.inService, services };
  }

  onAvailabilityChange(listener: (a: DeskAvailability) => void): () => void {
    this.availabilityListeners.add(listener);
    return () => this.availabilityListeners.delete(listener);
  }

  begin(serviceId: ServiceId, lang: DeskLanguage): DeskSession {
    const session = new FakeSession(this, serviceId, lang, this.mintTxId());
    this.sessions.add(session);
    return session;
  }

  setDevice(device: DeskDevice, state: DeviceState): void {
    this.devices[device] = state;
    if (device === 'paymentTerminal' && state === 'down') for (const s of this.sessions) s.terminalLost();
    this.notifyAvailability();
  }

  releaseQuotes(): void {
    this.holdQuotes = false;
    for (const release of this.heldQuotes.splice(0)) release();
  }

  holdQuote(release: () => void): void {
    this.heldQuotes.push(release);
  }

  setInService(inService: boolean): void {
    this.inService = inService;
    this.notifyAvailability();
  }

  /** How many sessions still hold a citizen's details (0 once every session is finished or cancelled). */
  heldDetails(): number {
    return [...this.sessions].filter((s) => s.holdsDetails).length;
  }

  forget(session: FakeSession): void {
    this.sessions.delete(session);
  }

  private paying(): FakeSession | undefined {
    return [...this.sessions].find((s) => s.state().state === 'paying');
  }

  private notifyAvailability(): void {
    const availability = this.availability();
    for (const listener of this.availabilityListeners) listener(availability);
  }

  private mintTxId(): string {
    this.txCounter += 1;
    let time = this.now().getTime();
    let id = '';
    for (let i = 0; i < 10; i++) {
      id = CROCKFORD[time % 32] + id;
      time = Math.floor(time / 32);
    }
    let n = this.txCounter;
    let tail = '';
    for (let i = 0; i < 10; i++) {
      tail = CROCKFORD[n % 32] + tail;
      n = Math.floor(n / 32);
    }
    return id + tail;
  }
}

/** Which devices each service needs (the fake's rule; the real desk has its own). */
const SERVICE_NEEDS: Record<ServiceId, DeskDevice[]> = {
  'vehicle-sticker-renewal': ['paymentTerminal'],
  'driver-record-abstract': ['paymentTerminal', 'printer'],
  'personalized-plates': ['paymentTerminal'],
  'change-of-address': [],
  'fines-and-parking-tickets': ['paymentTerminal'],
  'outdoors-card-renewal': ['paymentTerminal'],
};
const REASONS: Record<DeskDevice, NonNullable<ServiceAvailability['reason']>> = {
  paymentTerminal: 'payment',
  printer: 'printer',
  cardReader: 'card-reader',
};

class FakeSession implements DeskSession {
  private current: DeskState = { state: 'identifying' };
  private details: TxDetails | undefined;
  private readonly listeners = new Set<(state: DeskState) => void>();
  private presented: 'insert' | 'tap' | undefined;
  private totalCents = 0;
  private lines: DisplayLine[] = [];

  constructor(
    private readonly desk: FakeTransactionDesk,
    readonly serviceId: ServiceId,
    readonly lang: DeskLanguage,
    readonly txId: string,
  ) {}

  get holdsDetails(): boolean {
    return this.details !== undefined;
  }

  state(): DeskState {
    return this.current;
  }

  onChange(listener: (state: DeskState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  enterDetails(details: TxDetails): void {
    if (details.serviceId !== this.serviceId) throw new Error('details of another service');
    this.details = details;
    this.set({ state: 'identifying' });
  }

  quote(): Promise<void> {
    const details = this.details;
    if (!details) throw new Error('quote before details');
    this.set({ state: 'quoting' });
    if (this.desk.holdQuotes) {
      return new Promise((resolve) => this.desk.holdQuote(() => resolve(this.quoteNow(details))));
    }
    return Promise.resolve(this.quoteNow(details));
  }

  private quoteNow(details: TxDetails): void {
    if (this.current.state !== 'quoting') return;
    if (this.desk.hubDown) {
      this.set({ state: 'failed', code: 'HUB_UNAVAILABLE', retryable: true });
      return;
    }
    const service = serviceById(this.serviceId);
    let servicePriceCents: number;
    if (service.priceSource === 'free') servicePriceCents = 0;
    else if (service.priceSource === 'amount-due') {
      const due = details.serviceId === 'fines-and-parking-tickets' ? FAKE_TICKETS[details.ticketNumber] : undefined;
      if (due === undefined) {
        this.set({ state: 'refused', code: 'NOT_FOUND' });
        return;
      }
      servicePriceCents = due;
    } else {
      if (details.serviceId === 'vehicle-sticker-renewal' && details.plate.replace(/ /g, '') === FAKE_UNKNOWN_PLATE) {
        this.set({ state: 'refused', code: 'NOT_FOUND' });
        return;
      }
      const variant = this.serviceId === 'vehicle-sticker-renewal' ? 'southern-ontario' : undefined;
      servicePriceCents = priceFor(this.desk.prices, {
        serviceId: this.serviceId,
        ...(variant ? { variant } : {}),
        at: this.desk.now(),
      });
    }
    const fee = feeFor({ jurisdiction: 'ON', channel: 'kiosk', serviceId: this.serviceId, at: this.desk.now() }, [
      ONTARIO_FEE_SCHEDULE,
    ]);
    const price = priceTransaction({ servicePriceCents: cents(servicePriceCents), fee });
    this.totalCents = price.totalCents;
    this.lines = linesFor(details, this.desk.now());
    this.set({
      state: 'quoted',
      quote: {
        serviceCents: price.serviceCents,
        feeCents: price.feeCents,
        totalCents: price.totalCents,
        lines: this.lines,
      },
    });
  }

  pay(): Promise<void> {
    if (this.current.state !== 'quoted' && this.current.state !== 'declined') throw new Error('pay before quote');
    if (this.totalCents === 0) {
      this.commit();
      return Promise.resolve();
    }
    if (this.desk.devices.paymentTerminal === 'down') {
      this.set({ state: 'failed', code: 'PAYMENT_UNAVAILABLE', retryable: false });
      this.release();
      return Promise.resolve();
    }
    this.presented = undefined;
    this.set({ state: 'paying', prompt: 'insert-or-tap', totalCents: this.totalCents });
    const auto = this.desk.autoTerminal;
    if (auto) {
      const steps = [() => this.cardPresented('insert'), () => this.pinEntered(), () => this.cardRemoved()];
      const next = (i: number) =>
        auto.timers.setTimeout(() => {
          if (this.current.state !== 'paying') return;
          steps[i]?.();
          if (i + 1 < steps.length) next(i + 1);
        }, auto.stepMs);
      next(0);
    }
    return Promise.resolve();
  }

  cancel(): Promise<void> {
    if (!['completed', 'declined', 'voided', 'needs-resolution', 'failed', 'cancelled'].includes(this.current.state))
      this.set({ state: 'cancelled' });
    this.release();
    return Promise.resolve();
  }

  reprint(): Promise<void> {
    if (this.current.state !== 'completed') throw new Error('reprint before completion');
    this.set({ ...this.current, receipt: this.desk.devices.printer === 'up' ? 'printed' : 'failed' });
    return Promise.resolve();
  }

  cardPresented(how: 'insert' | 'tap'): void {
    if (this.current.state !== 'paying' || this.current.prompt !== 'insert-or-tap') return;
    this.presented = how;
    if (how === 'insert') this.set({ state: 'paying', prompt: 'enter-pin', totalCents: this.totalCents });
    else this.authorise();
  }

  pinEntered(): void {
    if (this.current.state !== 'paying' || this.current.prompt !== 'enter-pin') return;
    this.authorise();
  }

  cardRemoved(): void {
    if (this.current.state !== 'paying' || this.current.prompt !== 'remove-card') return;
    this.afterSale();
  }

  terminalLost(): void {
    if (this.current.state !== 'paying') return;
    if (this.current.prompt === 'insert-or-tap' || this.current.prompt === 'enter-pin') {
      this.set({ state: 'failed', code: 'PAYMENT_UNAVAILABLE', retryable: false });
      this.release();
    }
  }

  private outcome: 'approved' | 'declined' | 'unknown' = 'approved';

  private authorise(): void {
    this.set({ state: 'paying', prompt: 'processing', totalCents: this.totalCents });
    this.outcome = this.desk.nextSale;
    if (this.outcome === 'unknown') {
      this.set({ state: 'needs-resolution' });
      this.release();
      return;
    }
    if (this.outcome === 'approved') this.desk.sales.push(this.totalCents);
    if (this.presented === 'insert') this.set({ state: 'paying', prompt: 'remove-card', totalCents: this.totalCents });
    else this.afterSale();
  }

  private afterSale(): void {
    if (this.outcome === 'declined') {
      this.set({ state: 'declined', totalCents: this.totalCents });
      return;
    }
    this.set({ state: 'authorized' });
    this.commit();
  }

  private commit(): void {
    this.set({ state: 'committing' });
    if (this.desk.nextCommitRefused) {
      this.desk.nextCommitRefused = false;
      this.set({ state: 'voiding' });
      this.set({ state: 'voided', code: 'MINISTRY_REFUSED' });
      this.release();
      return;
    }
    this.set({ state: 'printing' });
    const service = serviceById(this.serviceId);
    const ministries = recipientMinistries(service).filter((m) => {
      const d = this.details;
      if (service.delivery.kind === 'by-issuer') return d?.serviceId === 'fines-and-parking-tickets' && d.issuer === m;
      if (m === 'natural-resources' && d?.serviceId === 'change-of-address') return d.outdoorsCardNumber !== undefined;
      return true;
    });
    const paid = this.totalCents > 0;
    this.set({
      state: 'completed',
      totalCents: this.totalCents,
      deliveries: ministries.map((ministryId) => ({
        ministryId,
        status: this.desk.queuedMinistries.has(ministryId) ? 'queued' : 'done',
      })),
      lines: this.lines,
      receipt: this.desk.devices.printer === 'up' ? 'printed' : 'failed',
      ...(paid ? { payment: { brand: 'visa' as const, last4: '4242' } } : {}),
    });
    // Completed: the details have gone to the ministries; the kiosk keeps none of them.
    this.details = undefined;
  }

  private release(): void {
    this.details = undefined;
    if (this.current.state !== 'completed') this.desk.forget(this);
  }

  private set(state: DeskState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}

/** What the citizen recognises their purchase by: masked numbers, the new expiry as an ISO date. */
function linesFor(details: TxDetails, now: Date): DisplayLine[] {
  const nextYear = new Date(now.getTime());
  nextYear.setUTCFullYear(nextYear.getUTCFullYear() + 1);
  const expiry = nextYear.toISOString().slice(0, 10);
  const last4 = (s: string) => `•••• ${s.slice(-4)}`;
  switch (details.serviceId) {
    case 'vehicle-sticker-renewal':
      return [
        { label: 'plate', value: details.plate },
        { label: 'newExpiry', value: expiry },
      ];
    case 'driver-record-abstract':
      return [{ label: 'licence', value: last4(details.licenceNumber) }];
    case 'personalized-plates':
      return [{ label: 'plateText', value: details.plateText }];
    case 'change-of-address': {
      const a = details.newAddress;
      return [
        { label: 'newAddress', value: `${a.unit ? `${a.unit}-` : ''}${a.street}, ${a.city} ${a.province}` },
        { label: 'postalCode', value: `${a.postalCode.slice(0, 3)} ${a.postalCode.slice(3)}` },
      ];
    }
    case 'fines-and-parking-tickets':
      return [{ label: 'ticket', value: details.ticketNumber }];
    case 'outdoors-card-renewal':
      return [
        { label: 'card', value: last4(details.outdoorsCardNumber) },
        { label: 'newExpiry', value: expiry },
      ];
  }
}
