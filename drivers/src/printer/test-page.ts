// The bilingual (en/fr) technician test page: kiosk id, date, a PC858 code page sample, text styles,
// alignment and a QR code, so a technician can check a printer at a glance.
import type { Receipt, ReceiptLine } from './receipt';

export type Language = 'en' | 'fr';

const LABELS = {
  title: { en: 'Printer test page', fr: "Page d'essai de l'imprimante" },
  kiosk: { en: 'Kiosk', fr: 'Borne' },
  date: { en: 'Date', fr: 'Date' },
  codePage: { en: 'Code page PC858', fr: 'Page de codes PC858' },
  styles: { en: 'Bold', fr: 'Gras' },
  double: { en: 'Double size', fr: 'Taille double' },
  left: { en: 'Left', fr: 'Gauche' },
  center: { en: 'Centre', fr: 'Centre' },
  right: { en: 'Right', fr: 'Droite' },
  qr: { en: 'Scan to check the QR code', fr: 'Balayez pour vérifier le code QR' },
} as const;

/** Every accented letter French needs, plus the currency signs, in one line. */
export const CODE_PAGE_SAMPLE = 'é è ê ë à â ç î ï ô ù û ü É È À Ç € $';

export interface TestPageInput {
  kioskId: string;
  /** First language on the page; the other follows on each line. */
  lang: Language;
  printedAt: Date;
}

export function testPageReceipt({ kioskId, lang, printedAt }: TestPageInput): Receipt {
  const other: Language = lang === 'en' ? 'fr' : 'en';
  const both = (key: keyof typeof LABELS): string => `${LABELS[key][lang]} / ${LABELS[key][other]}`;
  const date = printedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const lines: ReceiptLine[] = [
    { kind: 'text', text: 'GUICHET', align: 'center', bold: true, size: 2 },
    { kind: 'text', text: LABELS.title[lang], align: 'center', bold: true },
    { kind: 'text', text: LABELS.title[other], align: 'center' },
    { kind: 'rule' },
    { kind: 'pair', label: both('kiosk'), value: kioskId },
    { kind: 'pair', label: both('date'), value: date },
    { kind: 'rule' },
    { kind: 'text', text: both('codePage') },
    { kind: 'text', text: CODE_PAGE_SAMPLE },
    { kind: 'text', text: both('styles'), bold: true },
    { kind: 'text', text: LABELS.double[lang], size: 2 },
    { kind: 'text', text: both('left'), align: 'left' },
    { kind: 'text', text: both('center'), align: 'center' },
    { kind: 'text', text: both('right'), align: 'right' },
    { kind: 'rule' },
    { kind: 'text', text: LABELS.qr[lang], align: 'center' },
    { kind: 'text', text: LABELS.qr[other], align: 'center' },
    { kind: 'qr', data: `guichet:test-page:${kioskId}:${date}` },
  ];
  return { lines, cut: 'partial' };
}
