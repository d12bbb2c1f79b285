// Integration: printing over serial (the shared SerialTransport, real serialport binding) to the simulator on
// the other end of a socat pty pair — the "serial cable in software" of docs/conventions.md.
import { afterEach, describe, expect, it } from 'vitest';
import { SerialTransport } from '../transport/serial-transport';
import { PrinterSimulator } from '../sim/printer/printer-simulator';
import { parsePrinterAddress } from './printer-address';
import { printerTransport } from './printer-transport';
import { ReceiptPrinter } from './receipt-printer';
import { testPageReceipt } from './test-page';
import { startPtyPair } from '../test-support/socat-pty';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function ptyPair(): Promise<{ a: string; b: string }> {
  const pair = await startPtyPair();
  cleanup.push(() => pair.stop());
  return pair;
}

describe('receipt printer over serial (socat pty pair)', () => {
  it('reads status, prints the test page and reports paper end as a failed print', async () => {
    const { a, b } = await ptyPair();
    const simEnd = new SerialTransport({ path: a, baudRate: 38400 });
    await simEnd.open();
    cleanup.push(() => simEnd.close());
    const sim = new PrinterSimulator();
    sim.attach(simEnd);
    cleanup.push(() => sim.close());

    const transport = printerTransport(parsePrinterAddress(`serial:${b}?baud=38400`));
    expect(transport.description).toBe(`serial:${b}`);
    const printer = new ReceiptPrinter(transport, { statusTimeoutMs: 500, completionTimeoutMs: 2000 });
    cleanup.push(() => printer.close());

    expect((await printer.checkStatus()).health.state).toBe('ok');
    const page = testPageReceipt({ kioskId: 'MB-WPG-010', lang: 'en', printedAt: new Date('2026-11-23T09:40:00Z') });
    expect((await printer.printReceipt(page)).printed).toBe(true);
    expect(sim.text()).toContain('Code page PC858 / Page de codes PC858');
    expect(sim.text()).toContain('€ $');
    expect(sim.receipts()).toHaveLength(1);

    sim.inject({ paperEndAfterBytes: 100 });
    await expect(printer.printReceipt(page)).rejects.toMatchObject({ code: 'PRINTER_PRINT_FAILED' });
    expect(sim.receipts()).toHaveLength(1);
    expect(printer.health()).toMatchObject({ state: 'fault', code: 'PRINTER_PAPER_END' });
  });
});
