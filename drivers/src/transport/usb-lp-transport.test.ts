// The USB printer-class transport is file I/O on a character device: tested on one end of a socat pty pair
// (the simulator on the other end) and on a plain file, the way /dev/usb/lp0 is written.
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsbLpTransport } from './usb-lp-transport';
import { ReceiptPrinter } from '../printer/receipt-printer';
import { PrinterSimulator } from '../sim/printer/printer-simulator';
import { startPtyPair } from '../test-support/socat-pty';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function ptyPair(_dir: string): Promise<{ a: string; b: string; socat: ChildProcess }> {
  const pair = await startPtyPair();
  cleanup.push(() => pair.stop());
  return pair;
}

describe('UsbLpTransport', () => {
  it('drives the simulator through a pty pair: status and a full receipt', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'guichet-lp-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const { a, b } = await ptyPair(dir);
    const simEnd = new UsbLpTransport({ path: a });
    await simEnd.open();
    cleanup.push(() => simEnd.close());
    const sim = new PrinterSimulator({ paper: 'near-end' });
    sim.attach(simEnd);
    cleanup.push(() => sim.close());

    const printer = new ReceiptPrinter(new UsbLpTransport({ path: b }), { statusTimeoutMs: 500 });
    cleanup.push(() => printer.close());
    expect((await printer.checkStatus()).health).toMatchObject({ state: 'warning', code: 'PRINTER_PAPER_NEAR_END' });
    const result = await printer.printReceipt({
      lines: [
        { kind: 'text', text: 'Reçu — pty', bold: true },
        { kind: 'qr', data: 'PTY-1' },
      ],
      cut: 'full',
    });
    expect(result.printed).toBe(true);
    expect(sim.text()).toContain('**Reçu ? pty**'); // the em dash is not in PC858: it prints as '?'
    expect(sim.text()).toContain('[QR: PTY-1]');
    expect(sim.text()).toContain('--- full cut ---');
  });

  it('writes ESC/POS bytes to a device file unchanged', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'guichet-lp-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'lp0');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, ''));
    const transport = new UsbLpTransport({ path: file });
    await transport.open();
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => i % 256);
    await transport.write(bytes);
    await transport.close();
    expect(transport.isOpen).toBe(false);
    expect(Buffer.compare(readFileSync(file), Buffer.from(bytes))).toBe(0);
  });

  it('a missing device is a typed error', async () => {
    const transport = new UsbLpTransport({ path: '/dev/usb/lp-not-here' });
    await expect(transport.open()).rejects.toMatchObject({ code: 'TRANSPORT_CONNECT_FAILED' });
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
  });
});
