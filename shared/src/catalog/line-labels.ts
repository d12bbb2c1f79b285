// The catalog keys of the lines a quote or commit carries (TxDisplayLine.label), in both official languages: one
// table for the kiosk's screen and its receipt (short: a receipt line is 42 columns, label in both languages). The hub's own keys (tx.*) and each ministry adapter's
// (vehicles.*, health.*, fines.*, outdoors.*, ministry.reference) must all be here; a key that is not is shown
// under a neutral label, never as the raw key.
import type { Bilingual, Language } from '../i18n/bilingual';

export const TX_LINE_LABELS = {
  'tx.new-expiry': { en: 'New expiry', fr: 'Nouv. échéance' },
  'tx.sticker-number': { en: 'Sticker no.', fr: 'No de vignette' },
  'tx.service-amount': { en: 'Amount', fr: 'Montant' },
  'tx.fee': { en: 'Fee', fr: 'Frais' },
  'tx.total': { en: 'Total', fr: 'Total' },
  'tx.delivery-refused': { en: 'Refused by', fr: 'Refusé par' },
  'vehicles.plate': { en: 'Plate', fr: 'Plaque' },
  'vehicles.permitExpiry': { en: 'Permit expiry', fr: 'Échéance' },
  'vehicles.plateText': { en: 'Plate text', fr: 'Texte plaque' },
  'health.effectiveDate': { en: 'Effective', fr: 'En vigueur' },
  'fines.ticket': { en: 'Ticket', fr: 'Contravention' },
  'fines.offence': { en: 'Offence', fr: 'Infraction' },
  'outdoors.newExpiry': { en: 'Card expiry', fr: 'Échéance carte' },
  'ministry.reference': { en: 'Reference', fr: 'Référence' },
  // The driver record abstract (TxDocument), printed on the receipt only, in the citizen's language.
  'abstract.licenceStatus': { en: 'Licence status', fr: 'Statut du permis' },
  'abstract.demeritPoints': { en: 'Demerit points', fr: "Points d'inaptitude" },
  'abstract.convictions': { en: 'Convictions', fr: 'Condamnations' },
} as const satisfies Record<string, Bilingual>;

/** A licence status as the ministry's record gives it (TxDocument.licenceStatus), in both languages. */
export const LICENCE_STATUS_LABELS = {
  VALID: { en: 'Valid', fr: 'Valide' },
  SUSPENDED: { en: 'Suspended', fr: 'Suspendu' },
  EXPIRED: { en: 'Expired', fr: 'Expiré' },
} as const satisfies Record<string, Bilingual>;

export type TxLineLabel = keyof typeof TX_LINE_LABELS;

/** Lines whose value is an amount the kiosk prints itself, from the quote's cents (not repeated from the lines). */
export const TX_AMOUNT_LINE_LABELS: readonly TxLineLabel[] = ['tx.service-amount', 'tx.fee', 'tx.total'];

const UNKNOWN_LABEL: Bilingual = { en: 'Detail', fr: 'Détail' };

export function isTxLineLabel(key: string): key is TxLineLabel {
  return Object.hasOwn(TX_LINE_LABELS, key);
}

/** The label of a line's key in `lang`; a key this kiosk does not know yet gets a neutral label. */
export function txLineLabel(key: string, lang: Language): string {
  return (isTxLineLabel(key) ? TX_LINE_LABELS[key] : UNKNOWN_LABEL)[lang];
}
