// A receipt as the kiosk describes it (lines, with bilingual labels supplied by the caller) and its ESC/POS
// bytes, produced with @point-of-sale/receipt-printer-encoder: ESC @ init, ESC t 19 (PC858, so é à ç € print
// right), ESC E bold, GS ! size, ESC a alignment, GS ( k QR (model 2), GS V cut (Epson ESC/POS reference).
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { z } from 'zod';
import { GuichetError } from '@guichet/shared';
import { alignCommand, type Alignment } from './escpos-commands';

const Align = z.enum(['left', 'center', 'right']);
const isPrintable = (s: string): boolean => [...s].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f);
const Text = z.string().max(512).refine(isPrintable, 'control characters are not printable');

export const ReceiptLine = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: Text,
    align: Align.default('left'),
    bold: z.boolean().default(false),
    size: z.union([z.literal(1), z.literal(2)]).default(1),
  }),
  /** A label on the left and a value flush right on the same line, e.g. "Total / Total   12,50 $". */
  z.object({ kind: z.literal('pair'), label: Text, value: Text, bold: z.boolean().default(false) }),
  z.object({ kind: z.literal('rule') }),
  z.object({ kind: z.literal('qr'), data: z.string().min(1).max(300), align: Align.default('center') }),
  z.object({ kind: z.literal('feed'), lines: z.number().int().min(1).max(10) }),
]);
export type ReceiptLine = z.input<typeof ReceiptLine>;

export const Receipt = z.object({
  lines: z.array(ReceiptLine).min(1).max(400),
  cut: z.enum(['full', 'partial']).default('partial'),
});
export type Receipt = z.input<typeof Receipt>;

export interface ReceiptLayout {
  /** Characters per line in font A: 42 on 72 mm printable width, 48 on 80 mm (TM-T88 at 576 dots). */
  columns: number;
}

/** Letters French needs that PC858 lacks, spelled the way French typesetting falls back to (cœur → coeur). */
const PC858_FALLBACKS: Readonly<Record<string, string>> = { œ: 'oe', Œ: 'OE' };
export function forPc858(text: string): string {
  return text.replace(/[œŒ]/g, (c) => PC858_FALLBACKS[c] ?? c);
}

export const DEFAULT_LAYOUT: ReceiptLayout = { columns: 42 };

export function encodeReceipt(input: Receipt, layout: ReceiptLayout = DEFAULT_LAYOUT): Uint8Array {
  const parsed = Receipt.safeParse(input);
  if (!parsed.success) {
    throw new GuichetError(
      'PRINTER_BAD_RECEIPT',
      `the receipt cannot be printed: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      { cause: parsed.error },
    );
  }
  const receipt = parsed.data;
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    codepageMapping: 'epson',
    columns: layout.columns,
    feedBeforeCut: 4,
  });
  encoder.initialize().codepage('cp858');
  // Alignment goes to the printer as ESC a rather than padded spaces, so the printer lays it out and the
  // simulator can read the intent back.
  const aligned = (align: Alignment, body: () => void): void => {
    encoder.raw(alignCommand(align));
    body();
    encoder.raw(alignCommand('left'));
  };
  for (const line of receipt.lines) {
    switch (line.kind) {
      case 'text':
        aligned(line.align, () =>
          encoder.bold(line.bold).size(line.size, line.size).line(forPc858(line.text)).size(1, 1).bold(false),
        );
        break;
      case 'pair':
        encoder.bold(line.bold);
        for (const text of pairLines(forPc858(line.label), forPc858(line.value), layout.columns)) encoder.line(text);
        encoder.bold(false);
        break;
      case 'rule':
        encoder.line('-'.repeat(layout.columns));
        break;
      case 'qr':
        aligned(line.align, () => encoder.qrcode(line.data, { model: 2, size: 6, errorlevel: 'm' }).newline());
        break;
      case 'feed':
        encoder.newline(line.lines);
        break;
    }
  }
  encoder.cut(receipt.cut);
  return encoder.encode();
}

/**
 * A label and a value flush right on one line; when the value leaves no room for even one label character
 * (a long kiosk id, say), the label goes on its own line and the value follows, wrapped to the paper width
 * and flush right, so nothing is cut off and no negative padding is computed.
 */
export function pairLines(label: string, value: string, columns: number): string[] {
  const width = Math.max(1, columns);
  if (value.length + 2 <= width) {
    const shown = label.slice(0, width - value.length - 1);
    return [`${shown}${' '.repeat(width - shown.length - value.length)}${value}`];
  }
  const chunks = (text: string): string[] =>
    Array.from({ length: Math.ceil(text.length / width) }, (_, i) => text.slice(i * width, (i + 1) * width));
  return [...chunks(label), ...chunks(value).map((part) => part.padStart(width))];
}
