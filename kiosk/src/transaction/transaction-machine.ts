// The citizen transaction as a pure state machine: an explicit table of state × event → next state and the
// side effects to run, as data. No I/O and no clock of its own: the runner journals the next state and only
// then executes the effects (so every step is durable before the side effect it enables), and feeds each
// effect's outcome back as an event.
import {
  GuichetError,
  type Cents,
  type Language,
  type ServiceId,
  type TxCancelRequest,
  type TxCommitted,
  type TxId,
  type TxPayment,
  type TxQuote,
} from '@guichet/shared';

export const TX_STATES = [
  'selecting',
  'identifying',
  'quoting',
  'paying',
  'authorized',
  'committing',
  'printing',
  'completed',
  'declined',
  'cancelled',
  'voiding',
  'voided',
  'needs-resolution',
] as const;
export type TxState = (typeof TX_STATES)[number];

/** States a transaction ends in; every other state is in flight and is resolved at start-up (recovery.ts). */
export const FINAL_STATES: readonly TxState[] = ['completed', 'declined', 'cancelled', 'voided'];
export const isFinal = (state: TxState): boolean => FINAL_STATES.includes(state);

export type CancelReason = TxCancelRequest['reason'];
/** none: nothing to print yet; interrupted: the kiosk stopped while printing (reprint from the journal). */
export type ReceiptStatus = 'none' | 'pending' | 'printed' | 'failed' | 'interrupted';

export interface TxQuoteSummary {
  serviceCents: Cents;
  feeCents: Cents;
  totalCents: Cents;
  expiresAt: string;
  lines: TxQuote['lines'];
}

/** What the kiosk knows of one transaction: exactly what the journal holds. No citizen details, ever. */
export interface TxRecord {
  txId: TxId;
  serviceId: ServiceId;
  lang: Language;
  state: TxState;
  startedAt: string;
  updatedAt: string;
  /** The citizen has entered details (they live in the session's memory only). */
  detailsEntered: boolean;
  quote?: TxQuoteSummary;
  /** When the sale was handed to the terminal: the start of its authorisation window after a restart. */
  saleSentAt?: string;
  payment?: TxPayment;
  committed?: Pick<TxCommitted, 'committedAt' | 'deliveries' | 'lines'>;
  receipt: ReceiptStatus;
  /** Why it was cancelled, declined or voided (a reason and a code, never personal data). */
  reason?: CancelReason;
  code?: string;
  /** A tx.cancel owed to the hub (so it drops the quote and refuses a late commit): pending until it answers. */
  hubCancel?: 'pending' | 'done';
}

export type TxEvent =
  | { type: 'service-selected'; serviceId: ServiceId; lang: Language }
  | { type: 'details-entered' }
  | { type: 'quote-requested' }
  | { type: 'quote-received'; quote: TxQuote }
  | { type: 'quote-refused'; code: string }
  | { type: 'quote-failed'; code: string }
  | { type: 'pay-requested' }
  | { type: 'sale-approved'; payment: TxPayment }
  | { type: 'sale-declined'; code: string }
  | { type: 'sale-unknown'; code: string }
  | { type: 'sale-failed'; code: string }
  | { type: 'commit-sent' }
  | { type: 'commit-succeeded'; committed: TxCommitted }
  | { type: 'commit-refused'; code: string }
  | { type: 'commit-unknown'; code: string }
  | { type: 'resolved-committed'; committed: TxCommitted }
  | { type: 'resolved-not-committed'; code: string }
  | { type: 'resolved-not-charged'; code: string }
  | { type: 'receipt-printed' }
  | { type: 'receipt-failed'; code: string }
  | { type: 'void-succeeded' }
  | { type: 'void-failed'; code: string }
  | { type: 'cancel-requested' }
  | { type: 'timeout' }
  | { type: 'hub-cancelled' }
  | { type: 'recovery-started' };
export type TxEventType = TxEvent['type'];

export const EFFECT_KINDS = [
  'request-quote',
  'start-sale',
  'commit',
  'print-receipt',
  'void-sale',
  'resolve-unknown-sale',
  'cancel-at-hub',
  'query-hub-status',
] as const;
export type EffectKind = (typeof EFFECT_KINDS)[number];

export type TxEffect =
  | { kind: 'request-quote'; txId: TxId }
  | { kind: 'start-sale'; txId: TxId; amountCents: Cents }
  | { kind: 'commit'; txId: TxId; totalCents: Cents }
  | { kind: 'print-receipt'; txId: TxId }
  | { kind: 'void-sale'; txId: TxId }
  | { kind: 'resolve-unknown-sale'; txId: TxId; saleSentAt?: string }
  | { kind: 'cancel-at-hub'; txId: TxId; reason: CancelReason }
  | { kind: 'query-hub-status'; txId: TxId };

/** Named conditions on the record that choose between transitions of one state and event. */
export const GUARDS = {
  'details-entered': (r: TxRecord) => r.detailsEntered,
  'quote-paid': (r: TxRecord) => r.quote !== undefined && r.quote.totalCents > 0,
  'quote-free': (r: TxRecord) => r.quote !== undefined && r.quote.totalCents === 0,
  paid: (r: TxRecord) => r.payment !== undefined,
  free: (r: TxRecord) => r.payment === undefined,
} as const satisfies Record<string, (record: TxRecord) => boolean>;
export type GuardName = keyof typeof GUARDS;

export interface Transition {
  to: TxState;
  effects: readonly EffectKind[];
  guard?: GuardName;
}

const go = (to: TxState, effects: readonly EffectKind[] = [], guard?: GuardName): Transition =>
  guard ? { to, effects, guard } : { to, effects };

/**
 * The whole machine. Rules it encodes: a sale starts only from a quote with a total above zero, a free quote
 * goes straight to commit; once the terminal may have charged, the only ways out are a commit (printing →
 * completed) or a void (voiding → voided, or needs-resolution → voided for an unknown outcome); a commit
 * whose answer was lost is settled by asking the hub (query-hub-status), never guessed. `recovery-started`
 * is what a restart does with each in-flight state.
 */
export const TRANSITIONS: { readonly [S in TxState]: { readonly [E in TxEventType]?: readonly Transition[] } } = {
  selecting: {
    'service-selected': [go('identifying')],
    'cancel-requested': [go('cancelled')],
    timeout: [go('cancelled')],
    'recovery-started': [go('cancelled')],
  },
  identifying: {
    'details-entered': [go('identifying')],
    'quote-requested': [go('quoting', ['request-quote'], 'details-entered')],
    'cancel-requested': [go('cancelled')],
    timeout: [go('cancelled')],
    'recovery-started': [go('cancelled')],
  },
  quoting: {
    'quote-received': [go('quoting')],
    'quote-refused': [go('cancelled')],
    'quote-failed': [go('cancelled', ['cancel-at-hub'])],
    'pay-requested': [go('paying', ['start-sale'], 'quote-paid'), go('committing', ['commit'], 'quote-free')],
    'cancel-requested': [go('cancelled', ['cancel-at-hub'])],
    timeout: [go('cancelled', ['cancel-at-hub'])],
    'recovery-started': [go('cancelled', ['cancel-at-hub'])],
  },
  paying: {
    'sale-approved': [go('authorized', ['commit'])],
    'sale-declined': [go('declined', ['cancel-at-hub'])],
    'sale-unknown': [go('needs-resolution', ['resolve-unknown-sale'])],
    'sale-failed': [go('cancelled', ['cancel-at-hub'])],
    'recovery-started': [go('needs-resolution', ['resolve-unknown-sale'])],
  },
  authorized: {
    'commit-sent': [go('committing')],
    'recovery-started': [go('authorized', ['query-hub-status'])],
    'resolved-committed': [go('printing', ['print-receipt'])],
    'resolved-not-committed': [go('voiding', ['void-sale'], 'paid'), go('cancelled', [], 'free')],
  },
  committing: {
    'commit-succeeded': [go('printing', ['print-receipt'])],
    'commit-refused': [go('voiding', ['void-sale'], 'paid'), go('cancelled', [], 'free')],
    'commit-unknown': [go('committing', ['query-hub-status'])],
    'resolved-committed': [go('printing', ['print-receipt'])],
    'resolved-not-committed': [go('voiding', ['void-sale'], 'paid'), go('cancelled', [], 'free')],
    'recovery-started': [go('committing', ['query-hub-status'])],
  },
  printing: {
    'receipt-printed': [go('completed')],
    'receipt-failed': [go('completed')],
    'recovery-started': [go('completed')],
  },
  completed: {
    // A reprint of a completed transaction's receipt (from the journal) records how it went.
    'receipt-printed': [go('completed')],
    'receipt-failed': [go('completed')],
  },
  declined: { 'hub-cancelled': [go('declined')] },
  cancelled: { 'hub-cancelled': [go('cancelled')] },
  voiding: {
    'void-succeeded': [go('voided', ['cancel-at-hub'])],
    'void-failed': [go('needs-resolution', ['resolve-unknown-sale'])],
    'recovery-started': [go('voiding', ['void-sale'])],
  },
  voided: { 'hub-cancelled': [go('voided')] },
  'needs-resolution': {
    'resolved-not-charged': [go('voided', ['cancel-at-hub'])],
    'recovery-started': [go('needs-resolution', ['resolve-unknown-sale'])],
  },
};

export function initialRecord(txId: TxId, serviceId: ServiceId, lang: Language, now: Date): TxRecord {
  const at = now.toISOString();
  return {
    txId,
    serviceId,
    lang,
    state: 'selecting',
    startedAt: at,
    updatedAt: at,
    detailsEntered: false,
    receipt: 'none',
  };
}

export interface Step {
  record: TxRecord;
  effects: TxEffect[];
  /**
   * Whether this step must be on disk (fsync) before the runner goes on. Steps before the first side effect
   * (choosing a service, entering details, receiving the quote while the citizen reads it) need not: lost at a
   * power cut, they lose nothing the hub or the terminal knows about, and the next synced step carries them.
   * Every step that enables a side effect, or that ends a transaction, must.
   */
  sync: boolean;
}

/** States where nothing has left the kiosk unless the step itself has effects (see Step.sync). */
const BEFORE_ANY_EFFECT: readonly TxState[] = ['selecting', 'identifying', 'quoting'];

/** The transition `event` takes from `record`'s state, or undefined if none applies (guards included). */
export function findTransition(record: TxRecord, event: TxEventType): Transition | undefined {
  return TRANSITIONS[record.state][event]?.find((t) => t.guard === undefined || GUARDS[t.guard](record));
}

/**
 * Applies an event: the next record and the effects to run, in order. An event the table does not allow in
 * this state (or whose guard fails) is refused with TX_ILLEGAL_TRANSITION and changes nothing.
 */
export function transition(record: TxRecord, event: TxEvent, now: Date): Step {
  const found = findTransition(record, event.type);
  if (!found)
    throw new GuichetError('TX_ILLEGAL_TRANSITION', `${event.type} is not allowed in state ${record.state}`, {
      details: { txId: record.txId, state: record.state, event: event.type },
    });
  const next: TxRecord = { ...update(record, event), state: found.to, updatedAt: now.toISOString() };
  if (found.to === 'paying' && record.state !== 'paying') next.saleSentAt = now.toISOString();
  if (found.to === 'printing') next.receipt = 'pending';
  if (found.effects.includes('cancel-at-hub')) next.hubCancel = 'pending';
  return {
    record: next,
    effects: found.effects.map((kind) => effectOf(kind, next)),
    sync: found.effects.length > 0 || !BEFORE_ANY_EFFECT.includes(found.to),
  };
}

/** What the event itself says, written into the record (before the state changes). */
function update(record: TxRecord, event: TxEvent): TxRecord {
  switch (event.type) {
    case 'service-selected':
      return { ...record, serviceId: event.serviceId, lang: event.lang };
    case 'details-entered':
      return { ...record, detailsEntered: true };
    case 'quote-received': {
      const { serviceCents, feeCents, totalCents, expiresAt, lines } = event.quote;
      return { ...record, quote: { serviceCents, feeCents, totalCents, expiresAt, lines } };
    }
    case 'quote-refused':
      return { ...record, reason: 'ministry-refused', code: event.code };
    case 'quote-failed':
      return { ...record, reason: 'device-failure', code: event.code };
    case 'sale-approved':
      return { ...record, payment: event.payment };
    case 'sale-declined':
      return { ...record, reason: 'declined', code: event.code };
    case 'sale-unknown':
      return { ...record, reason: 'device-failure', code: event.code };
    case 'sale-failed':
      return { ...record, reason: 'device-failure', code: event.code };
    case 'commit-succeeded':
    case 'resolved-committed': {
      const { committedAt, deliveries, lines } = event.committed;
      return { ...record, committed: { committedAt, deliveries, lines } };
    }
    case 'commit-refused':
      return { ...record, reason: 'ministry-refused', code: event.code };
    case 'commit-unknown':
      return { ...record, code: event.code };
    case 'resolved-not-committed':
      // A commit the hub never received or never made: the link failed (recovery sets its own reason first).
      return { ...record, reason: record.reason ?? 'timeout', code: event.code };
    case 'resolved-not-charged':
      return { ...record, code: event.code };
    case 'receipt-printed':
      return { ...record, receipt: 'printed' };
    case 'receipt-failed':
      return { ...record, receipt: 'failed', code: event.code };
    case 'void-failed':
      return { ...record, code: event.code };
    case 'cancel-requested':
      return { ...record, reason: 'citizen-cancelled' };
    case 'timeout':
      return { ...record, reason: 'timeout' };
    case 'recovery-started':
      return {
        ...record,
        reason: record.reason ?? 'recovery',
        receipt: record.state === 'printing' ? 'interrupted' : record.receipt,
      };
    case 'quote-requested':
    case 'pay-requested':
    case 'commit-sent':
    case 'void-succeeded':
      return record;
    case 'hub-cancelled':
      return { ...record, hubCancel: 'done' };
  }
}

function effectOf(kind: EffectKind, record: TxRecord): TxEffect {
  const txId = record.txId;
  switch (kind) {
    case 'request-quote':
      return { kind, txId };
    case 'start-sale':
    case 'commit':
      // Guards guarantee a quote here; 0 only for a free commit.
      return kind === 'start-sale'
        ? { kind, txId, amountCents: record.quote!.totalCents }
        : { kind, txId, totalCents: record.quote?.totalCents ?? (0 as Cents) };
    case 'print-receipt':
    case 'void-sale':
    case 'query-hub-status':
      return { kind, txId };
    case 'resolve-unknown-sale':
      return record.saleSentAt ? { kind, txId, saleSentAt: record.saleSentAt } : { kind, txId };
    case 'cancel-at-hub':
      return { kind, txId, reason: record.reason ?? 'recovery' };
  }
}
