// The citizen's receipt, built from the journal record alone (so a reprint after a restart is the same
// receipt): in the citizen's language first and the other official language second, the service, the
// service amount and the convenience fee on separate lines, the card's brand and last 4, the authorisation
// code, the transaction id, each ministry's reference and, for a fan-out, which deliveries are done or queued.
// The hub's and ministries' lines are printed under their catalog labels (TX_LINE_LABELS), in both languages.
// A document the citizen paid for (the driver record abstract) is printed in the citizen's language; it is given
// by the runner from memory, never from the journal.
import {
  cents,
  DISPLAY_LOCALES,
  formatCents,
  GuichetError,
  LICENCE_STATUS_LABELS,
  ministryById,
  MinistryId,
  serviceById,
  TX_AMOUNT_LINE_LABELS,
  TX_LINE_LABELS,
  txLineLabel,
  type Bilingual,
  type Language,
  type TxDocument,
} from '@guichet/shared';
import type { Receipt, ReceiptLine } from '@guichet/drivers/printer/receipt';
import type { TxRecord } from './transaction-machine';

const LABELS = {
  title: { en: 'ServiceOntario kiosk receipt', fr: 'Reçu du kiosque ServiceOntario' },
  service: { en: 'Service', fr: 'Service' },
  amount: { en: 'Amount', fr: 'Montant' },
  fee: { en: 'Convenience fee', fr: 'Frais de service' },
  total: { en: 'Total', fr: 'Total' },
  card: { en: 'Card', fr: 'Carte' },
  auth: { en: 'Authorization', fr: 'Autorisation' },
  terminalRef: { en: 'Terminal ref.', fr: 'Réf. terminal' },
  txId: { en: 'Transaction', fr: 'Transaction' },
  date: { en: 'Date', fr: 'Date' },
  done: { en: 'done', fr: 'fait' },
  queued: { en: 'queued, will be sent', fr: 'en attente, sera transmis' },
  free: { en: 'No charge', fr: 'Sans frais' },
  keep: { en: 'Keep this receipt.', fr: 'Conservez ce reçu.' },
} as const satisfies Record<string, Bilingual>;

const BRANDS = { visa: 'VISA', mastercard: 'Mastercard', amex: 'AMEX', interac: 'Interac', other: 'Card' } as const;

/** A line's value as printed: a refused delivery names its ministry in the citizen's language. */
function lineValue(line: { label: string; value: string }, lang: Language): string {
  if (line.label !== 'tx.delivery-refused') return line.value;
  const ministry = MinistryId.safeParse(line.value);
  return ministry.success ? ministryById(ministry.data).name[lang] : line.value;
}

/** The document's lines, in the citizen's language only (it is the citizen's record, not a bilingual notice). */
function documentLines(document: TxDocument, lang: Language): ReceiptLine[] {
  return [
    { kind: 'rule' },
    {
      kind: 'pair',
      label: TX_LINE_LABELS['abstract.licenceStatus'][lang],
      value: LICENCE_STATUS_LABELS[document.licenceStatus][lang],
    },
    { kind: 'pair', label: TX_LINE_LABELS['abstract.demeritPoints'][lang], value: String(document.demeritPoints) },
    { kind: 'pair', label: TX_LINE_LABELS['abstract.convictions'][lang], value: String(document.convictions) },
  ];
}

export function buildTransactionReceipt(
  record: TxRecord,
  options: { kioskId?: string; document?: TxDocument } = {},
): Receipt {
  const { quote, committed } = record;
  if (!quote || !committed)
    throw new GuichetError('TX_NO_RECEIPT', `transaction ${record.txId} was not committed: there is no receipt`, {
      details: { txId: record.txId, state: record.state },
    });
  const lang: Language = record.lang;
  const other: Language = lang === 'en' ? 'fr' : 'en';
  const both = (text: Bilingual): string =>
    text[lang] === text[other] ? text[lang] : `${text[lang]} / ${text[other]}`;
  const label = (key: keyof typeof LABELS): string => both(LABELS[key]);
  const money = (amount: number): string => formatCents(cents(amount), DISPLAY_LOCALES[lang]);
  const service = serviceById(record.serviceId);
  const lines: ReceiptLine[] = [
    { kind: 'text', text: LABELS.title[lang], align: 'center', bold: true },
    { kind: 'text', text: LABELS.title[other], align: 'center' },
    { kind: 'rule' },
    { kind: 'text', text: service.name[lang], bold: true },
    { kind: 'text', text: service.name[other] },
    ...committed.lines
      .filter((line) => !(TX_AMOUNT_LINE_LABELS as readonly string[]).includes(line.label))
      .map((line) => ({
        kind: 'pair' as const,
        label: both({ en: txLineLabel(line.label, 'en'), fr: txLineLabel(line.label, 'fr') }),
        value: lineValue(line, lang),
      })),
    ...(options.document ? documentLines(options.document, lang) : []),
    { kind: 'rule' },
    { kind: 'pair', label: label('amount'), value: money(quote.serviceCents) },
    { kind: 'pair', label: label('fee'), value: money(quote.feeCents) },
    { kind: 'pair', label: label('total'), value: money(quote.totalCents), bold: true },
  ];
  if (record.payment) {
    lines.push({
      kind: 'pair',
      label: label('card'),
      value: `${BRANDS[record.payment.brand]} ****${record.payment.last4}`,
    });
    if (record.payment.authCode) lines.push({ kind: 'pair', label: label('auth'), value: record.payment.authCode });
    if (record.payment.terminalReference)
      lines.push({ kind: 'pair', label: label('terminalRef'), value: record.payment.terminalReference });
  } else lines.push({ kind: 'text', text: label('free') });
  lines.push({ kind: 'rule' });
  for (const delivery of committed.deliveries) {
    const ministry = ministryById(delivery.ministryId).name[lang];
    const status = delivery.status === 'done' ? LABELS.done[lang] : LABELS.queued[lang];
    lines.push({ kind: 'text', text: `${ministry}: ${status}` });
    if (delivery.reference) lines.push({ kind: 'pair', label: '  Ref.', value: delivery.reference });
  }
  lines.push(
    { kind: 'rule' },
    { kind: 'pair', label: label('txId'), value: record.txId },
    { kind: 'pair', label: label('date'), value: committed.committedAt.slice(0, 19).replace('T', ' ') + ' UTC' },
  );
  if (options.kioskId) lines.push({ kind: 'pair', label: 'Kiosk', value: options.kioskId });
  lines.push({ kind: 'feed', lines: 1 }, { kind: 'text', text: label('keep'), align: 'center' });
  return { lines };
}
