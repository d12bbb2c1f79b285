// Simulated citizens at the demo kiosks: each kiosk gets a visit now and then (a configurable rate with jitter),
// and each visit goes through the kiosk's own transaction API exactly as the touch screen would — begin, details,
// quote, pay — with the seeded ministry data (mostly valid, some cases each ministry refuses) and a card holder
// at the PIN pad who mostly pays, sometimes is declined, and sometimes gets no answer at all (an unknown sale the
// kiosk must settle). Pure choice of visits (pickVisit) apart from the loop; time and randomness are injected.
import type { Logger } from 'pino';
import pino from 'pino';
import {
  isGuichetError,
  type KioskMode,
  type Language,
  type ServiceId,
  type Timers,
  type TimerHandle,
} from '@guichet/shared';
import {
  SEED_AG_TICKETS,
  SEED_OTTAWA_TICKETS,
  SEED_TORONTO_TICKETS,
  TEST_CASES,
  type SeedTicket,
} from '@guichet/ministries/test-data';
import type { CardholderScript, TerminalFault } from '@guichet/drivers/sim/payment-terminal/cardholder-scripts';

/** What the card holder does at the PIN pad; `no-answer`: the sale is authorised but its answer never arrives. */
export type PinPadBehaviour = 'approve' | 'decline' | 'insufficient-funds' | 'pin-timeout' | 'no-answer';

export interface CitizenVisit {
  serviceId: ServiceId;
  /** The seeded case, e.g. `sticker.ok` (a name, never the data: it is what the summaries show). */
  caseName: string;
  /** What the citizen types or swipes (personal data: kept in memory only, as the kiosk does). */
  details: Record<string, unknown>;
  lang: Language;
  /** Pays once quoted, or walks away from the price. */
  action: 'pay' | 'cancel';
  pinPad: PinPadBehaviour;
}

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

/** Picks from a weighted table with one draw in [0, 1). */
export function pickWeighted<T>(table: Weighted<T>, draw: number): T {
  const totalWeight = table.reduce((sum, [, weight]) => sum + weight, 0);
  let left = draw * totalWeight;
  for (const [value, weight] of table) {
    if (left < weight) return value;
    left -= weight;
  }
  return table[table.length - 1]![0];
}

const outstanding = (tickets: readonly SeedTicket[]) =>
  tickets.filter((t) => t.status === 'OUTSTANDING').map((t) => t.number);

/** Plate texts citizens ask for (a word and three digits drawn, 8000 texts): mostly free, some already issued. */
const PLATE_WORDS = ['LOON', 'MAPLE', 'CANOE', 'LAKE', 'TRIL', 'PINE', 'NORTH', 'BAY'] as const;

/** A seeded case of one service: its name and the details a citizen would enter for it. */
type CaseMaker = (random: () => number) => { caseName: string; details: Record<string, unknown> };

const fixed =
  (caseName: string, details: Record<string, unknown>): CaseMaker =>
  () => ({ caseName, details });

/**
 * Per service, the seeded cases and how often each comes up: about one citizen in six brings a case the ministry
 * refuses (more once the seeded tickets are paid: a paid ticket is refused).
 */
export const SERVICE_CASES: Record<ServiceId, Weighted<CaseMaker>> = {
  'vehicle-sticker-renewal': [
    [fixed('sticker.ok', TEST_CASES.sticker.ok), 60],
    [fixed('sticker.northern-ontario', TEST_CASES.sticker.northernOntario), 25],
    [fixed('sticker.suspended-owner', TEST_CASES.sticker.suspendedOwner), 5],
    [fixed('sticker.not-owner', TEST_CASES.sticker.notOwner), 5],
    [fixed('sticker.unknown-plate', TEST_CASES.sticker.unknownPlate), 5],
  ],
  'driver-record-abstract': [
    [fixed('abstract.ok', TEST_CASES.abstract.ok), 90],
    [fixed('abstract.unknown-licence', TEST_CASES.abstract.unknownLicence), 10],
  ],
  'personalized-plates': [
    [
      (random) => ({
        caseName: 'plates.available',
        details: {
          licenceNumber: TEST_CASES.personalizedPlate.available.licenceNumber,
          plateText: `${pickWeighted(
            PLATE_WORDS.map((w) => [w, 1] as const),
            random(),
          )}${String(Math.floor(random() * 1000)).padStart(3, '0')}`,
        },
      }),
      80,
    ],
    [fixed('plates.not-available', TEST_CASES.personalizedPlate.notAvailable), 10],
    [fixed('plates.suspended-driver', TEST_CASES.personalizedPlate.suspendedDriver), 10],
  ],
  'change-of-address': [
    [fixed('address.ok', TEST_CASES.changeOfAddress.ok), 40],
    [fixed('address.without-outdoors-card', TEST_CASES.changeOfAddress.withoutOutdoorsCard), 40],
    [fixed('address.expired-health-card', TEST_CASES.changeOfAddress.expiredHealthCard), 10],
    [fixed('address.replaced-health-card', TEST_CASES.changeOfAddress.replacedHealthCard), 10],
  ],
  // Each outstanding ticket can be paid once: later citizens with it are told it is paid (a refusal).
  'fines-and-parking-tickets': [
    ...(
      [
        ['attorney-general', SEED_AG_TICKETS],
        ['city-toronto', SEED_TORONTO_TICKETS],
        ['city-ottawa', SEED_OTTAWA_TICKETS],
      ] as const
    ).map(
      ([issuer, tickets]) =>
        [
          (random: () => number) => {
            const numbers = outstanding(tickets);
            return {
              caseName: `fines.${issuer}`,
              details: { issuer, ticketNumber: numbers[Math.floor(random() * numbers.length)]! },
            };
          },
          28,
        ] as const,
    ),
    [fixed('fines.unknown-ticket', { issuer: 'city-toronto', ticketNumber: TEST_CASES.fines.cityToronto.unknown }), 8],
    [
      fixed('fines.in-collections', {
        issuer: 'attorney-general',
        ticketNumber: TEST_CASES.fines.attorneyGeneral.inCollections,
      }),
      8,
    ],
  ],
  'outdoors-card-renewal': [
    [fixed('outdoors.ok', TEST_CASES.outdoors.ok), 50],
    [fixed('outdoors.expiring-soon', TEST_CASES.outdoors.expiringSoon), 30],
    [fixed('outdoors.expired', TEST_CASES.outdoors.expired), 10],
    [fixed('outdoors.cancelled', TEST_CASES.outdoors.cancelled), 5],
    [fixed('outdoors.unknown-card', TEST_CASES.outdoors.unknown), 5],
  ],
};

/**
 * How often each service is asked for at a kiosk. Fines are rare: the seeded systems hold six outstanding
 * tickets, paid within the first minutes, after which a fine is mostly a refusal (already paid).
 */
export const SERVICE_MIX: Weighted<ServiceId> = [
  ['vehicle-sticker-renewal', 34],
  ['outdoors-card-renewal', 22],
  ['driver-record-abstract', 17],
  ['change-of-address', 15],
  ['fines-and-parking-tickets', 6],
  ['personalized-plates', 6],
];

/** The card holder: mostly approved, sometimes declined, now and then a sale whose answer is lost. */
export const PIN_PAD_MIX: Weighted<PinPadBehaviour> = [
  ['approve', 84],
  ['decline', 6],
  ['insufficient-funds', 4],
  ['pin-timeout', 3],
  ['no-answer', 3],
];

export const FRENCH_SHARE = 0.3;
/** Citizens who see the price and walk away. */
export const CANCEL_SHARE = 0.05;

/** One visit, from five draws of `random` (seven for a personalized plate: its word and number). */
export function pickVisit(random: () => number): CitizenVisit {
  const serviceId = pickWeighted(SERVICE_MIX, random());
  const made = pickWeighted(SERVICE_CASES[serviceId], random())(random);
  return {
    serviceId,
    caseName: made.caseName,
    details: { serviceId, ...made.details },
    lang: random() < FRENCH_SHARE ? 'fr' : 'en',
    action: random() < CANCEL_SHARE ? 'cancel' : 'pay',
    pinPad: pickWeighted(PIN_PAD_MIX, random()),
  };
}

/** The PIN pad simulator's settings for a behaviour. */
export function pinPadSettings(behaviour: PinPadBehaviour): { script: CardholderScript; fault: TerminalFault } {
  if (behaviour === 'no-answer') return { script: 'approve', fault: 'drop-after-auth' };
  return { script: behaviour, fault: 'none' };
}

/** The time until the next citizen at a kiosk: the mean gap ±50 %, uniformly. */
export function nextGapMs(perHour: number, draw: number): number {
  return Math.round((3_600_000 / perHour) * (0.5 + draw));
}

/** The parts of a kiosk transaction session a citizen uses (kiosk/src/transaction/transaction-runner.ts). */
export interface CitizenSession {
  readonly txId: string;
  readonly state: string;
  enterDetails(input: unknown): Promise<unknown>;
  quote(): Promise<{ state: string }>;
  pay(): Promise<unknown>;
  cancel(): Promise<unknown>;
  settled(): Promise<{ state: string; code?: string }>;
}

/** A demo kiosk as its citizens see it: its runtime's transactions and mode, and its simulated PIN pad. */
export interface CitizenKiosk {
  readonly kioskId: string;
  readonly mode: KioskMode;
  /** Whether the kiosk reaches the fleet: a kiosk that cannot quote shows "out of order" to citizens. */
  readonly online: boolean;
  readonly transactions:
    { readonly isReady: boolean; begin(serviceId: ServiceId, lang: Language): Promise<CitizenSession> } | undefined;
  readonly pinPad: { script: CardholderScript; fault: TerminalFault };
}

/** How a visit ended: the transaction's final state, or why the citizen could not start one. */
export interface VisitOutcome {
  kioskId: string;
  serviceId: ServiceId;
  caseName: string;
  pinPad: PinPadBehaviour;
  /** The transaction, once the kiosk has begun one. */
  txId?: string;
  outcome: 'completed' | 'declined' | 'cancelled' | 'voided' | 'kiosk-unavailable' | 'kiosk-busy' | 'failed';
  code?: string;
}

const FINAL = new Set(['completed', 'declined', 'cancelled', 'voided']);

/** One citizen at one kiosk, through the kiosk's own transaction API; never throws. */
export async function runVisit(kiosk: CitizenKiosk, visit: CitizenVisit): Promise<VisitOutcome> {
  const base = { kioskId: kiosk.kioskId, serviceId: visit.serviceId, caseName: visit.caseName, pinPad: visit.pinPad };
  const transactions = kiosk.transactions;
  if (!transactions || !transactions.isReady || !kiosk.online || kiosk.mode !== 'in-service')
    return { ...base, outcome: 'kiosk-unavailable' };
  let session: CitizenSession;
  try {
    session = await transactions.begin(visit.serviceId, visit.lang);
  } catch (error) {
    if (isGuichetError(error, 'TX_BUSY')) return { ...base, outcome: 'kiosk-busy' };
    if (isGuichetError(error, 'TX_NOT_READY')) return { ...base, outcome: 'kiosk-unavailable' };
    return { ...base, outcome: 'failed', code: isGuichetError(error) ? error.code : 'failed' };
  }
  const started = { ...base, txId: session.txId };
  try {
    await session.enterDetails(visit.details);
    const quoted = await session.quote();
    if (!FINAL.has(quoted.state)) {
      if (visit.action === 'cancel') await session.cancel();
      else {
        Object.assign(kiosk.pinPad, pinPadSettings(visit.pinPad));
        try {
          await session.pay();
        } finally {
          Object.assign(kiosk.pinPad, pinPadSettings('approve'));
        }
      }
    }
    const end = await session.settled();
    return { ...started, outcome: end.state as VisitOutcome['outcome'], ...(end.code ? { code: end.code } : {}) };
  } catch (error) {
    return { ...started, outcome: 'failed', code: isGuichetError(error) ? error.code : 'failed' };
  }
}

export interface DemoCitizensOptions {
  /** Visits per kiosk per hour; 0 = none. */
  perHour: number;
  timers: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
  random: () => number;
  /** Chooses each citizen's visit (default pickVisit). */
  pick?: (random: () => number) => CitizenVisit;
  onVisit?: (outcome: VisitOutcome) => void;
  log?: Logger;
}

/**
 * The citizens of every demo kiosk: each kiosk's first visit comes at a random point of its first gap (so the
 * fleet does not move in step), each next one a jittered gap after the previous citizen has left.
 */
export class DemoCitizens {
  private readonly timers = new Map<string, TimerHandle>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private readonly log: Logger;

  constructor(
    private readonly kiosks: readonly CitizenKiosk[],
    private readonly options: DemoCitizensOptions,
  ) {
    this.log = (options.log ?? pino({ level: 'silent' })).child({ component: 'demo-citizens' });
  }

  start(): void {
    if (this.options.perHour <= 0) return;
    const meanMs = 3_600_000 / this.options.perHour;
    for (const kiosk of this.kiosks) this.schedule(kiosk, Math.round(meanMs * this.options.random()));
  }

  /** No more citizens; resolves when those at a kiosk have finished, or after `graceMs`. */
  async stop(graceMs = 0): Promise<void> {
    this.stopped = true;
    for (const handle of this.timers.values()) this.options.timers.clearTimeout(handle);
    this.timers.clear();
    if (this.inFlight.size === 0) return;
    let timer: TimerHandle | undefined;
    await Promise.race([
      Promise.all(this.inFlight),
      new Promise<void>((resolve) => (timer = this.options.timers.setTimeout(resolve, graceMs))),
    ]);
    if (timer !== undefined) this.options.timers.clearTimeout(timer);
  }

  /** Citizens at a kiosk right now. */
  get visiting(): number {
    return this.inFlight.size;
  }

  private schedule(kiosk: CitizenKiosk, ms: number): void {
    if (this.stopped) return;
    this.timers.set(
      kiosk.kioskId,
      this.options.timers.setTimeout(() => {
        this.timers.delete(kiosk.kioskId);
        this.arrive(kiosk);
      }, ms),
    );
  }

  private arrive(kiosk: CitizenKiosk): void {
    if (this.stopped) return;
    const visit = (this.options.pick ?? pickVisit)(this.options.random);
    const done = runVisit(kiosk, visit).then((outcome) => {
      this.inFlight.delete(done);
      this.log.debug({ event: 'demo.visit', ...outcome }, 'citizen left the kiosk');
      this.options.onVisit?.(outcome);
      this.schedule(kiosk, nextGapMs(this.options.perHour, this.options.random()));
    });
    this.inFlight.add(done);
  }
}
