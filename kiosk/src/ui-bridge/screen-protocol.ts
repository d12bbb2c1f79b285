// The JSON protocol between the citizen touch UI (kiosk/ui) and the kiosk runtime's UI bridge, over one
// WebSocket: the UI sends intents (what the citizen asked for), the bridge answers every change with a full
// screen snapshot. The UI holds no business rule: what to show, which services work and what things cost all
// arrive here; the UI only renders them, in the citizen's language, and masks input.
import { z } from 'zod';
import { ServiceId } from '@guichet/shared/catalog/services';
import { Bilingual, LANGUAGES } from '@guichet/shared/i18n/bilingual';

export const UiLanguage = z.enum(LANGUAGES);
export type UiLanguage = z.infer<typeof UiLanguage>;

/** Form field names (flat: the bridge assembles them into the service's TxDetails). */
export const FIELD_NAMES = [
  'plate',
  'licenceNumber',
  'plateText',
  'healthCardNumber',
  'outdoorsCardNumber',
  'issuer',
  'ticketNumber',
  'street',
  'unit',
  'city',
  'province',
  'postalCode',
] as const;
export const FieldName = z.enum(FIELD_NAMES);
export type FieldName = z.infer<typeof FieldName>;

/** What the field holds, which selects the UI's input mask and on-screen keyboard. */
export const FieldKind = z.enum([
  'plate',
  'licence',
  'health-card',
  'outdoors-card',
  'ticket',
  'text',
  'postal-code',
  'choice',
]);
export type FieldKind = z.infer<typeof FieldKind>;

export const FieldSpec = z.object({
  name: FieldName,
  kind: FieldKind,
  required: z.boolean(),
  maxLength: z.number().int().positive(),
  /** For `choice`: the values offered; their labels are UI catalog keys `choice.<name>.<value>`. */
  options: z.array(z.string()).optional(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

const FieldValues = z.partialRecord(FieldName, z.string().max(80));
export type FieldValues = z.infer<typeof FieldValues>;

export const DisplayMode = z.object({ largeText: z.boolean(), highContrast: z.boolean() });
export type DisplayMode = z.infer<typeof DisplayMode>;

export const SURVEY_QUESTIONS = [
  'savedTime',
  'wouldUseAgain',
  'easyToUse',
  'locationConvenient',
  'pleasant',
  'overallSatisfaction',
] as const;
export const SurveyQuestion = z.enum(SURVEY_QUESTIONS);
export const SurveyAnswer = z.enum(['good', 'neutral', 'poor']);
export const SurveyAnswers = z.partialRecord(SurveyQuestion, SurveyAnswer);
export type SurveyAnswers = z.infer<typeof SurveyAnswers>;

/** Everything the UI may ask for. Anything else, or a malformed intent, is refused and changes nothing. */
export const UiIntent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start') }),
  z.object({ type: z.literal('select-service'), serviceId: ServiceId }),
  z.object({ type: z.literal('enter-details'), values: FieldValues }),
  /** Fields already decoded from a licence or health card swipe; they prefill the form, nothing more. */
  z.object({ type: z.literal('swipe-prefill'), values: FieldValues }),
  z.object({ type: z.literal('confirm-quote') }),
  /** Back one step; on a result screen, finish. */
  z.object({ type: z.literal('back') }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('retry') }),
  z.object({ type: z.literal('reprint') }),
  z.object({ type: z.literal('done') }),
  z.object({ type: z.literal('set-language'), lang: UiLanguage }),
  z.object({ type: z.literal('set-display-mode'), mode: DisplayMode.partial() }),
  z.object({ type: z.literal('answer-survey'), answers: SurveyAnswers }),
  z.object({ type: z.literal('skip-survey') }),
  z.object({ type: z.literal('still-here') }),
  z.object({ type: z.literal('input-activity') }),
]);
export type UiIntent = z.infer<typeof UiIntent>;

export const ServiceRef = z.object({ id: ServiceId, name: Bilingual });
export type ServiceRef = z.infer<typeof ServiceRef>;

/** A line to show: `label` is a UI catalog key; an ISO date value is formatted per locale by the UI. */
export const ScreenLine = z.object({ label: z.string(), value: z.string() });

export const UnavailableReason = z.enum(['payment', 'printer', 'card-reader', 'service']);

export const TerminalPrompt = z.enum(['insert-or-tap', 'enter-pin', 'processing', 'remove-card']);
export type TerminalPrompt = z.infer<typeof TerminalPrompt>;

export const WorkingStep = z.enum(['quoting', 'authorized', 'committing', 'printing', 'voiding', 'cancelling']);

export const ResultOutcome = z.enum(['completed', 'declined', 'voided', 'needs-resolution', 'failed']);
export type ResultOutcome = z.infer<typeof ResultOutcome>;

export const Alternative = z.object({ name: Bilingual, address: z.string(), distanceKm: z.number().nonnegative() });
export type Alternative = z.infer<typeof Alternative>;

export const ScreenView = z.discriminatedUnion('screen', [
  z.object({ screen: z.literal('attract') }),
  z.object({
    screen: z.literal('services'),
    services: z.array(
      ServiceRef.extend({
        description: Bilingual,
        available: z.boolean(),
        unavailableReason: UnavailableReason.optional(),
      }),
    ),
  }),
  z.object({
    screen: z.literal('details'),
    service: ServiceRef,
    fields: z.array(FieldSpec),
    /** Values the form starts from: a swipe's, or the citizen's own when coming back from the quote. */
    values: FieldValues,
    /** Changes whenever `values` should replace what the form holds (a swipe, a return from the quote). */
    valuesVersion: z.number().int(),
    invalid: z.array(FieldName),
    /** The ministry's refusal of these details (e.g. not found), a UI catalog key suffix. */
    refusal: z.string().optional(),
  }),
  z.object({
    screen: z.literal('quote'),
    service: ServiceRef,
    serviceCents: z.number().int(),
    feeCents: z.number().int(),
    totalCents: z.number().int(),
    lines: z.array(ScreenLine),
  }),
  z.object({
    screen: z.literal('payment'),
    service: ServiceRef,
    totalCents: z.number().int(),
    prompt: TerminalPrompt,
    /** Whether the screen may offer Cancel (the desk says when a sale can still be called back). */
    canCancel: z.boolean(),
  }),
  z.object({ screen: z.literal('working'), service: ServiceRef, step: WorkingStep }),
  z.object({
    screen: z.literal('result'),
    service: ServiceRef,
    outcome: ResultOutcome,
    /** The transaction id, to quote to the help line; not personal. */
    reference: z.string(),
    totalCents: z.number().int(),
    deliveries: z.array(z.object({ ministry: Bilingual, status: z.enum(['done', 'queued']) })),
    lines: z.array(ScreenLine),
    receipt: z.enum(['printed', 'failed', 'none']),
    /** A reason code for failed outcomes (UI catalog key suffix). */
    reason: z.string().optional(),
    canRetry: z.boolean(),
  }),
  z.object({ screen: z.literal('survey'), questions: z.array(SurveyQuestion) }),
  z.object({ screen: z.literal('thanks') }),
  z.object({ screen: z.literal('out-of-service'), alternatives: z.array(Alternative) }),
]);
export type ScreenView = z.infer<typeof ScreenView>;
export type ScreenName = ScreenView['screen'];

export const Progress = z.object({
  steps: z.array(z.enum(['details', 'confirm', 'pay', 'done'])),
  current: z.number().int().nonnegative(),
});
export type Progress = z.infer<typeof Progress>;

export const ScreenState = z.object({
  /** Increases with every snapshot, so the UI can ignore a stale one. */
  seq: z.number().int(),
  lang: UiLanguage,
  display: DisplayMode,
  progress: Progress.nullable(),
  /** Set while the "Need more time?" countdown runs. */
  idle: z.object({ secondsLeft: z.number().int().nonnegative() }).nullable(),
  view: ScreenView,
});
export type ScreenState = z.infer<typeof ScreenState>;

/** Bridge → UI messages. */
export const BridgeMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('screen'), state: ScreenState }),
  z.object({ type: z.literal('refused'), code: z.string(), message: z.string() }),
]);
export type BridgeMessage = z.infer<typeof BridgeMessage>;
