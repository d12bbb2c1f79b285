import { describe, expect, it } from 'vitest';
import { GuichetError } from '@guichet/shared';
import { encodeReceipt } from './receipt';
import { CODE_PAGE_SAMPLE, testPageReceipt } from './test-page';
import { EscPosDecoder, type PrintedBlock } from '../sim/printer/escpos-decoder';
import { lineText } from '../sim/printer/receipt-text';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const contains = (bytes: Uint8Array, needle: number[]): boolean =>
  hex(bytes).includes(Buffer.from(needle).toString('hex'));

function decode(bytes: Uint8Array): PrintedBlock[] {
  return new EscPosDecoder().push(bytes).flatMap((e) => (e.kind === 'printed' ? [e.block] : []));
}

describe('receipt encoding', () => {
  it('starts with ESC @, selects PC858 (ESC t 19) and encodes French accents and $ as PC858 bytes', () => {
    const bytes = encodeReceipt({ lines: [{ kind: 'text', text: 'é à ç $ € É À Ç' }] });
    expect(hex(bytes.subarray(0, 2))).toBe('1b40');
    expect(contains(bytes, [0x1b, 0x74, 19])).toBe(true);
    // IBM PC858: é 82, à 85, ç 87, $ 24, € D5, É 90, À B7, Ç 80 (independent of the encoder's own tables).
    expect(
      contains(bytes, [0x82, 0x20, 0x85, 0x20, 0x87, 0x20, 0x24, 0x20, 0xd5, 0x20, 0x90, 0x20, 0xb7, 0x20, 0x80]),
    ).toBe(true);
  });

  it('prints œ/Œ, which PC858 lacks, as oe/OE rather than ?', () => {
    const blocks = decode(
      encodeReceipt({
        lines: [
          { kind: 'text', text: 'cœur sœur Œuvre' },
          { kind: 'pair', label: 'Vœux', value: 'Œ' },
        ],
      }),
    );
    const text = blocks.map(lineText).join('\n');
    expect(text).toContain('coeur soeur OEuvre');
    expect(text).toMatch(/Voeux +OE/);
    expect(text).not.toContain('?');
  });

  it('emits bold (ESC E), double size (GS ! 0x11), alignment (ESC a), QR (GS ( k) and the cut (GS V)', () => {
    const bytes = encodeReceipt({
      lines: [
        { kind: 'text', text: 'TOTAL', bold: true, size: 2, align: 'center' },
        { kind: 'qr', data: 'TX-2026-0042' },
      ],
      cut: 'full',
    });
    expect(contains(bytes, [0x1b, 0x45, 0x01])).toBe(true);
    expect(contains(bytes, [0x1d, 0x21, 0x11])).toBe(true);
    expect(contains(bytes, [0x1b, 0x61, 0x01])).toBe(true);
    const data = [...Buffer.from('TX-2026-0042')];
    expect(contains(bytes, [0x1d, 0x28, 0x6b, data.length + 3, 0x00, 0x31, 0x50, 0x30, ...data])).toBe(true);
    expect(contains(bytes, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30])).toBe(true);
    expect(contains(bytes, [0x1d, 0x56, 0x00])).toBe(true);
    expect(contains(encodeReceipt({ lines: [{ kind: 'rule' }] }), [0x1d, 0x56, 0x01])).toBe(true); // partial by default
  });

  it('reads back through the simulator decoder as the same text, styles and QR', () => {
    const blocks = decode(
      encodeReceipt({
        lines: [
          { kind: 'text', text: 'Reçu / Receipt', align: 'center', bold: true },
          { kind: 'pair', label: 'Frais / Fee', value: '12,50 $' },
          { kind: 'qr', data: 'REF-1' },
        ],
      }),
    );
    const lines = blocks.filter((b) => b.kind === 'line' && lineText(b) !== '');
    expect(lines[0]).toMatchObject({ align: 'center', segments: [{ text: 'Reçu / Receipt', bold: true }] });
    expect(lineText(lines[1]!)).toMatch(/^Frais \/ Fee +12,50 \$$/);
    expect(lineText(lines[1]!)).toHaveLength(42);
    expect(blocks).toContainEqual({ kind: 'qr', align: 'center', data: 'REF-1' });
    expect(blocks.filter((b) => b.kind === 'cut')).toEqual([{ kind: 'cut', cut: 'partial' }]);
  });

  it('refuses a receipt with control characters or no lines, with a typed error', () => {
    expect(() => encodeReceipt({ lines: [] })).toThrow(GuichetError);
    expect(() => encodeReceipt({ lines: [{ kind: 'text', text: 'a\x1b@b' }] })).toThrowError(
      expect.objectContaining({ code: 'PRINTER_BAD_RECEIPT' }),
    );
  });
});

describe('pair lines wider than the paper', () => {
  it('a value as wide as the paper or wider prints on its own line(s), right-aligned, without a RangeError', () => {
    for (const value of ['V'.repeat(42), 'W'.repeat(44), 'X'.repeat(100)]) {
      const blocks = decode(encodeReceipt({ lines: [{ kind: 'pair', label: 'Borne / Kiosk', value }] }));
      const text = blocks
        .filter((b) => b.kind === 'line')
        .map(lineText)
        .filter((t) => t !== '');
      expect(text[0]).toBe('Borne / Kiosk');
      expect(
        text
          .slice(1)
          .map((t) => t.trimStart())
          .join(''),
      ).toBe(value);
      for (const line of text.slice(1)) expect(line).toHaveLength(42); // flush right
    }
  });

  it('the test page with a 44-character kiosk id encodes', () => {
    const page = testPageReceipt({ kioskId: 'K'.repeat(44), lang: 'fr', printedAt: new Date('2026-11-23T09:15:00Z') });
    expect(() => encodeReceipt(page)).not.toThrow();
  });
});

describe('technician test page', () => {
  it('is bilingual, in the chosen order, with the kiosk id, date, code page sample and a QR', () => {
    const printedAt = new Date('2026-11-23T09:15:00Z');
    for (const lang of ['en', 'fr'] as const) {
      const blocks = decode(encodeReceipt(testPageReceipt({ kioskId: 'ON-TOR-007', lang, printedAt })));
      const text = blocks.map(lineText).join('\n');
      expect(text).toContain('ON-TOR-007');
      expect(text).toContain('2026-11-23T09:15:00Z');
      expect(text).toContain(CODE_PAGE_SAMPLE);
      expect(text.indexOf('Printer test page') < text.indexOf("Page d'essai")).toBe(lang === 'en');
      expect(blocks).toContainEqual({
        kind: 'qr',
        align: 'center',
        data: 'guichet:test-page:ON-TOR-007:2026-11-23T09:15:00Z',
      });
    }
  });
});
