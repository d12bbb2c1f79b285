// The UI bridge's state machine: turns the citizen's intents into calls on the transaction desk, and the
// desk's states into full screen snapshots. It also owns the privacy timer: after `idleMs` without input a
// "Need more time?" countdown, then a wipe back to the attract screen that forgets everything personal.
// Pure logic over injected timers: no sockets here (ui-bridge.ts carries the snapshots).
import type { Logger } from 'pino';
import { pino } from 'pino';
import { SERVICES, serviceById, type Service, type ServiceId } from '@guichet/shared/catalog/services';
import { ministryById } from '@guichet/shared/catalog/ministries';
import type { TxDetails } from '@guichet/shared/protocol/transactions';
import {
  SURVEY_QUESTIONS,
  UiIntent,
  type Alternative,
  type DisplayMode,
  type FieldName,
  type FieldValues,
  type Progress,
  type ScreenState,
  type ScreenView,
  type ServiceRef,
  type SurveyAnswers,
  type UiLanguage,
} from './screen-protocol';
import type { DeskSession, DeskState, TransactionDesk } from './transaction-desk';
import { FORM_DEFAULTS, SERVICE_FORMS, detailsFromForm, formFromDetails } from './service-forms';

export interface BridgeTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: BridgeTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SurveyRecord {
  serviceId: ServiceId;
  answers: SurveyAnswers;
}

export interface ScreenControllerOptions {
  desk: TransactionDesk;
  /** Inactivity before the "Need more time?" countdown (GUICHET_KIOSK_IDLE_MS, default 60 000). */
  idleMs?: number;
  /** Length of that countdown before the wipe (default 30 000). */
  countdownMs?: number;
  /** How long the thank-you screen stays (default 8 000). */
  thanksMs?: number;
  timers?: BridgeTimers;
  /** Nearest other places to get these services, for the out-of-service screen. */
  alternatives?: Alternative[];
  /** Called with an answered questionnaire: anonymous (no transaction id, no details), for telemetry. */
  onSurvey?: (record: SurveyRecord) => void;
  log?: Logger;
}

export type IntentResult =
  { ok: true } | { ok: false; code: 'UI_INTENT_INVALID' | 'UI_INTENT_NOT_NOW'; message: string };

type Phase =
  | { at: 'attract' }
  | { at: 'services' }
  | {
      at: 'session';
      service: Service;
      session: DeskSession;
      unsubscribe: () => void;
      values: FieldValues;
      valuesVersion: number;
      invalid: FieldName[];
      details: TxDetails | undefined;
      /** The citizen went back from the quote to change the details. */
      editing: boolean;
      lastAction: 'quote' | 'pay';
    }
  | { at: 'survey'; serviceId: ServiceId }
  | { at: 'thanks' };

/** Desk states during which money or a ministry is in motion: no idle wipe then (the terminal times out itself). */
const BUSY: ReadonlySet<DeskState['state']> = new Set([
  'quoting',
  'paying',
  'authorized',
  'committing',
  'printing',
  'voiding',
]);
/** Desk states after which the session holds nothing to cancel. */
const FINISHED: ReadonlySet<DeskState['state']> = new Set([
  'completed',
  'declined',
  'cancelled',
  'voided',
  'needs-resolution',
  'failed',
]);

/** Cancel is offered on the payment screen only before a card is presented, and only if the desk can call the sale back. */
function canCancelPayment(state: Extract<DeskState, { state: 'paying' }>): boolean {
  return state.prompt === 'insert-or-tap' && state.cancellable !== false;
}

const DEFAULT_DISPLAY: DisplayMode = { largeText: false, highContrast: false };
const COUNTDOWN_TICK_MS = 1000;

export class ScreenController {
  private readonly desk: TransactionDesk;
  private readonly idleMs: number;
  private readonly countdownMs: number;
  private readonly thanksMs: number;
  private readonly timers: BridgeTimers;
  private readonly log: Logger;
  private readonly listeners = new Set<(state: ScreenState) => void>();
  private readonly unsubscribeDesk: () => void;
  private phase: Phase = { at: 'attract' };
  private lang: UiLanguage = 'en';
  private display: DisplayMode = { ...DEFAULT_DISPLAY };
  private seq = 0;
  private timer: unknown;
  private secondsLeft: number | null = null;
  private timerKind: 'idle' | 'countdown' | 'thanks' | null = null;

  constructor(private readonly options: ScreenControllerOptions) {
    this.desk = options.desk;
    this.idleMs = options.idleMs ?? 60_000;
    this.countdownMs = options.countdownMs ?? 30_000;
    this.thanksMs = options.thanksMs ?? 8_000;
    this.timers = options.timers ?? realTimers;
    this.log = (options.log ?? pino({ level: 'silent' })).child({ component: 'ui-bridge' });
    this.unsubscribeDesk = this.desk.onAvailabilityChange(() => this.publish());
  }

  onState(listener: (state: ScreenState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether any citizen's transaction (and so their details) is held right now. */
  get holdsSession(): boolean {
    return this.phase.at === 'session';
  }

  close(): void {
    this.stopTimer();
    this.forgetSession();
    this.unsubscribeDesk();
    this.listeners.clear();
  }

  /** Handles one intent from the UI (already JSON-decoded, not yet validated). */
  handle(raw: unknown): IntentResult {
    const parsed = UiIntent.safeParse(raw);
    if (!parsed.success)
      return { ok: false, code: 'UI_INTENT_INVALID', message: parsed.error.issues[0]?.message ?? '' };
    const intent = parsed.data;
    const result = this.apply(intent);
    if (result.ok || intent.type === 'input-activity') this.publish();
    return result;
  }

  snapshot(): ScreenState {
    return {
      seq: this.seq,
      lang: this.lang,
      display: { ...this.display },
      progress: this.progress(),
      idle: this.timerKind === 'countdown' && this.secondsLeft !== null ? { secondsLeft: this.secondsLeft } : null,
      view: this.view(),
    };
  }

  private apply(intent: UiIntent): IntentResult {
    const notNow = (): IntentResult => ({
      ok: false,
      code: 'UI_INTENT_NOT_NOW',
      message: `${intent.type} does not apply to the ${this.view().screen} screen`,
    });
    const phase = this.phase;
    switch (intent.type) {
      case 'input-activity':
      case 'still-here':
        return { ok: true };
      case 'set-language':
        this.lang = intent.lang;
        return { ok: true };
      case 'set-display-mode':
        this.display = { ...this.display, ...intent.mode };
        return { ok: true };
      case 'start':
        if (phase.at !== 'attract') return notNow();
        this.phase = { at: 'services' };
        return { ok: true };
      case 'select-service': {
        if (phase.at !== 'services') return notNow();
        if (!this.desk.availability().services[intent.serviceId].available) return notNow();
        this.beginSession(serviceById(intent.serviceId));
        return { ok: true };
      }
      case 'swipe-prefill':
        return this.prefill(intent.values) ? { ok: true } : notNow();
      case 'enter-details': {
        if (phase.at !== 'session') return notNow();
        const state = phase.session.state().state;
        if (!['identifying', 'refused', 'quoted'].includes(state)) return notNow();
        const result = detailsFromForm(phase.service.id, intent.values);
        phase.values = { ...intent.values };
        if (!result.ok) {
          phase.invalid = result.invalid;
          phase.editing = state === 'quoted';
          return { ok: true };
        }
        phase.invalid = [];
        phase.editing = false;
        phase.details = result.details;
        phase.session.enterDetails(result.details);
        this.run(phase, 'quote');
        return { ok: true };
      }
      case 'confirm-quote':
        if (phase.at !== 'session' || phase.editing || phase.session.state().state !== 'quoted') return notNow();
        this.run(phase, 'pay');
        return { ok: true };
      case 'retry': {
        if (phase.at !== 'session') return notNow();
        const state = phase.session.state();
        const retryable = state.state === 'declined' || (state.state === 'failed' && state.retryable);
        if (!retryable) return notNow();
        this.run(phase, phase.lastAction);
        return { ok: true };
      }
      case 'reprint': {
        if (phase.at !== 'session') return notNow();
        const state = phase.session.state();
        if (state.state !== 'completed' || state.receipt !== 'failed') return notNow();
        phase.session.reprint().catch((error: unknown) => this.log.error({ err: error }, 'reprint failed'));
        return { ok: true };
      }
      case 'back':
        return this.back();
      case 'cancel':
        if (phase.at === 'session') {
          const current = phase.session.state();
          const state = current.state;
          const cardNotYetPresented = current.state === 'paying' && canCancelPayment(current);
          if (BUSY.has(state) && !cardNotYetPresented) return notNow();
          if (FINISHED.has(state)) return this.finish();
          this.forgetSession();
          this.phase = { at: 'services' };
          return { ok: true };
        }
        if (phase.at === 'services' || phase.at === 'survey' || phase.at === 'thanks') {
          this.wipe();
          return { ok: true };
        }
        return notNow();
      case 'done':
        if (phase.at === 'thanks') {
          this.wipe();
          return { ok: true };
        }
        if (phase.at !== 'session' || !FINISHED.has(phase.session.state().state)) return notNow();
        return this.finish();
      case 'answer-survey':
        if (phase.at !== 'survey') return notNow();
        this.options.onSurvey?.({ serviceId: phase.serviceId, answers: intent.answers });
        this.phase = { at: 'thanks' };
        return { ok: true };
      case 'skip-survey':
        if (phase.at !== 'survey') return notNow();
        this.wipe();
        return { ok: true };
    }
  }

  /** Fields decoded from a swipe (the card reader's or the UI's intent) prefill the details form. */
  prefill(values: FieldValues): boolean {
    const phase = this.phase;
    if (phase.at !== 'session' || !['identifying', 'refused'].includes(phase.session.state().state)) return false;
    const form = SERVICE_FORMS[phase.service.id];
    const useful = Object.entries(values).filter(([name]) => form.some((f) => f.name === name));
    if (useful.length === 0) return false;
    phase.values = { ...phase.values, ...Object.fromEntries(useful) };
    phase.valuesVersion += 1;
    phase.invalid = phase.invalid.filter((name) => !useful.some(([n]) => n === name));
    this.publish();
    return true;
  }

  private back(): IntentResult {
    const phase = this.phase;
    if (phase.at === 'services') {
      this.wipe();
      return { ok: true };
    }
    if (phase.at === 'session') {
      const state = phase.session.state();
      if (state.state === 'quoted' && !phase.editing) {
        phase.editing = true;
        if (phase.details) phase.values = formFromDetails(phase.details);
        phase.valuesVersion += 1;
        return { ok: true };
      }
      if (['identifying', 'refused', 'quoted'].includes(state.state)) {
        this.forgetSession();
        this.phase = { at: 'services' };
        return { ok: true };
      }
      if (FINISHED.has(state.state)) return this.finish();
    }
    if (phase.at === 'survey' || phase.at === 'thanks') {
      this.wipe();
      return { ok: true };
    }
    return { ok: false, code: 'UI_INTENT_NOT_NOW', message: 'nothing to go back to' };
  }

  private finish(): IntentResult {
    const phase = this.phase;
    if (phase.at !== 'session') return { ok: false, code: 'UI_INTENT_NOT_NOW', message: 'no transaction' };
    const completed = phase.session.state().state === 'completed';
    const serviceId = phase.service.id;
    this.forgetSession();
    if (completed) this.phase = { at: 'survey', serviceId };
    else this.wipe();
    return { ok: true };
  }

  private beginSession(service: Service): void {
    const session = this.desk.begin(service.id, this.lang);
    const unsubscribe = session.onChange((state) => {
      if (state.state === 'cancelled' && this.phase.at === 'session' && this.phase.session === session) {
        this.forgetSession();
        this.phase = { at: 'services' };
      }
      this.publish();
    });
    this.phase = {
      at: 'session',
      service,
      session,
      unsubscribe,
      values: { ...(FORM_DEFAULTS[service.id] ?? {}) },
      valuesVersion: 0,
      invalid: [],
      details: undefined,
      editing: false,
      lastAction: 'quote',
    };
  }

  private run(phase: Extract<Phase, { at: 'session' }>, action: 'quote' | 'pay'): void {
    phase.lastAction = action;
    const call = action === 'quote' ? phase.session.quote() : phase.session.pay();
    call.catch((error: unknown) => this.log.error({ err: error, action }, 'transaction desk call failed'));
  }

  /** Drops the transaction and everything the citizen entered; an unfinished one is cancelled at the desk. */
  private forgetSession(why: 'cancel' | 'timeout' = 'cancel'): void {
    const phase = this.phase;
    if (phase.at !== 'session') return;
    phase.unsubscribe();
    const state = phase.session.state().state;
    if (!FINISHED.has(state)) {
      const session = phase.session;
      const end = why === 'timeout' && session.timeout ? session.timeout() : session.cancel();
      end.catch((error: unknown) => this.log.error({ err: error }, 'cancel failed'));
    }
    phase.values = {};
    phase.details = undefined;
    this.phase = { at: 'attract' };
  }

  /** Back to the attract screen with nothing personal left: session, form values, language and display mode. */
  wipe(why: 'cancel' | 'timeout' = 'cancel'): void {
    this.forgetSession(why);
    this.phase = { at: 'attract' };
    this.lang = 'en';
    this.display = { ...DEFAULT_DISPLAY };
    this.log.info({ event: 'wiped' }, 'screen wiped back to attract');
    this.publish();
  }

  private publish(): void {
    this.seq += 1;
    this.armTimer();
    const state = this.snapshot();
    for (const listener of this.listeners) listener(state);
  }

  /** Re-arms the privacy timer after every change: any input or new screen restarts the idle delay. */
  private armTimer(): void {
    const phase = this.phase;
    const screen = this.view().screen;
    if (phase.at === 'thanks') {
      if (this.timerKind !== 'thanks') this.startTimer('thanks', this.thanksMs, () => this.wipe());
      return;
    }
    const busy = phase.at === 'session' && BUSY.has(phase.session.state().state);
    if (screen === 'attract' || screen === 'out-of-service' || busy) {
      this.stopTimer();
      return;
    }
    this.startTimer('idle', this.idleMs, () => this.startCountdown());
  }

  private startCountdown(): void {
    this.secondsLeft = Math.ceil(this.countdownMs / COUNTDOWN_TICK_MS);
    this.timerKind = 'countdown';
    const tick = () => {
      this.secondsLeft = (this.secondsLeft ?? 1) - 1;
      if (this.secondsLeft <= 0) {
        this.stopTimer();
        this.wipe('timeout');
        return;
      }
      this.timer = this.timers.setTimeout(tick, COUNTDOWN_TICK_MS);
      this.broadcast();
    };
    this.timer = this.timers.setTimeout(tick, COUNTDOWN_TICK_MS);
    this.broadcast();
  }

  /** Sends the current snapshot without touching the timer (the countdown's own ticks). */
  private broadcast(): void {
    this.seq += 1;
    const state = this.snapshot();
    for (const listener of this.listeners) listener(state);
  }

  private startTimer(kind: 'idle' | 'thanks', ms: number, callback: () => void): void {
    this.stopTimer();
    this.timerKind = kind;
    this.timer = this.timers.setTimeout(callback, ms);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerKind = null;
    this.secondsLeft = null;
  }

  private serviceRef(service: Service): ServiceRef {
    return { id: service.id, name: service.name };
  }

  private view(): ScreenView {
    const phase = this.phase;
    const availability = this.desk.availability();
    const nothingWorks = Object.values(availability.services).every((s) => !s.available);
    const outOfService = !availability.inService || nothingWorks;
    switch (phase.at) {
      case 'attract':
      case 'services':
        if (outOfService) return { screen: 'out-of-service', alternatives: this.options.alternatives ?? [] };
        if (phase.at === 'attract') return { screen: 'attract' };
        return {
          screen: 'services',
          services: SERVICES.map((s) => {
            const a = availability.services[s.id];
            return {
              ...this.serviceRef(s),
              description: s.description,
              available: a.available,
              ...(a.reason && !a.available ? { unavailableReason: a.reason } : {}),
            };
          }),
        };
      case 'survey':
        return { screen: 'survey', questions: [...SURVEY_QUESTIONS] };
      case 'thanks':
        return { screen: 'thanks' };
      case 'session':
        return this.sessionView(phase);
    }
  }

  private sessionView(phase: Extract<Phase, { at: 'session' }>): ScreenView {
    const service = this.serviceRef(phase.service);
    const state = phase.session.state();
    const details = (refusal?: string): ScreenView => ({
      screen: 'details',
      service,
      fields: SERVICE_FORMS[phase.service.id],
      values: phase.values,
      valuesVersion: phase.valuesVersion,
      invalid: phase.invalid,
      ...(refusal ? { refusal } : {}),
    });
    const result = (
      outcome: Extract<ScreenView, { screen: 'result' }>['outcome'],
      extra: Partial<Extract<ScreenView, { screen: 'result' }>> = {},
    ): ScreenView => ({
      screen: 'result',
      service,
      outcome,
      reference: phase.session.txId,
      totalCents: 0,
      deliveries: [],
      lines: [],
      receipt: 'none',
      canRetry: false,
      ...extra,
    });
    switch (state.state) {
      case 'identifying':
      case 'cancelled':
        return details();
      case 'refused':
        return details(state.code);
      case 'quoting':
        return { screen: 'working', service, step: 'quoting' };
      case 'quoted':
        if (phase.editing) return details();
        return {
          screen: 'quote',
          service,
          serviceCents: state.quote.serviceCents,
          feeCents: state.quote.feeCents,
          totalCents: state.quote.totalCents,
          lines: state.quote.lines,
        };
      case 'paying':
        return {
          screen: 'payment',
          service,
          totalCents: state.totalCents,
          prompt: state.prompt,
          canCancel: canCancelPayment(state),
        };
      case 'authorized':
      case 'committing':
      case 'printing':
      case 'voiding':
        return { screen: 'working', service, step: state.state };
      case 'completed':
        return result('completed', {
          totalCents: state.totalCents,
          deliveries: state.deliveries.map((d) => ({ ministry: ministryById(d.ministryId).name, status: d.status })),
          lines: state.lines,
          receipt: state.receipt,
        });
      case 'declined':
        return result('declined', { totalCents: state.totalCents, canRetry: true });
      case 'voided':
        return result('voided', { reason: state.code });
      case 'needs-resolution':
        return result('needs-resolution');
      case 'failed':
        return result('failed', { reason: state.code, canRetry: state.retryable });
    }
  }

  private progress(): Progress | null {
    const phase = this.phase;
    if (phase.at !== 'session') return null;
    const free = phase.service.priceSource === 'free';
    const steps: Progress['steps'] = free ? ['details', 'confirm', 'done'] : ['details', 'confirm', 'pay', 'done'];
    const screen = this.sessionView(phase);
    const at = (step: Progress['steps'][number]) => steps.indexOf(step);
    switch (screen.screen) {
      case 'details':
        return { steps, current: at('details') };
      case 'quote':
        return { steps, current: at('confirm') };
      case 'payment':
        return { steps, current: at('pay') };
      case 'working':
        if (screen.step === 'quoting') return { steps, current: at('details') };
        return { steps, current: free ? at('confirm') : at('pay') };
      case 'result':
        // A failure is not step "done": showing Pay ticked off would suggest money moved.
        return screen.outcome === 'completed' ? { steps, current: at('done') } : null;
      default:
        return { steps, current: at('done') };
    }
  }
}
