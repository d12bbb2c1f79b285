// Renders decoded ESC/POS blocks as plain text for tests and technicians: alignment within the paper's
// columns, **bold**, [QR: payload] and a cut marker.
import type { PrintedBlock } from './escpos-decoder';

export function lineText(block: PrintedBlock): string {
  if (block.kind !== 'line') return '';
  return block.segments.map((s) => s.text).join('');
}

export function renderText(blocks: readonly PrintedBlock[], columns = 42): string {
  const place = (text: string, visible: number, align: 'left' | 'center' | 'right'): string => {
    const room = Math.max(0, columns - visible);
    const left = align === 'left' ? 0 : align === 'center' ? Math.floor(room / 2) : room;
    return (' '.repeat(left) + text).trimEnd();
  };
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'line': {
          const visible = block.segments.reduce((sum, s) => sum + s.text.length * s.width, 0);
          const text = block.segments.map((s) => (s.bold ? `**${s.text}**` : s.text)).join('');
          return place(text, visible, block.align);
        }
        case 'qr': {
          const text = `[QR: ${block.data}]`;
          return place(text, text.length, block.align);
        }
        case 'cut':
          return `--- ${block.cut} cut ---`;
      }
    })
    .join('\n');
}
