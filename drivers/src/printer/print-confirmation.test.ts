// How each kind of printer confirms a print: the driver probes once (process ID, GS r, DLE EOT only) and a
// printer without GS ( H prints, unconfirmed, well within the 20 s the process-ID wait used to take. Real
// simulator on an in-memory line, the driver on manual timers: virtual time, never slept on.
import { isGuichetError } from '@guichet/shared';
import { describe, expect, it } from 'vitest';
import { PrinterSimulator } from '../sim/printer/printer-simulator';
import type { SimulatedPrinterFaults } from '../sim/printer/simulated-state';
import { manualTimers, type ManualTimers } from '../test-support/manual-timers';
import { MemoryTransport } from '../transport/memory-transport';
import type { PrinterModelId } from './printer-models';
import { ReceiptPrinter } from './receipt-printer';
import { testPageReceipt } from './test-page';

const page = testPageReceipt({ kioskId: 'ON-OTT-007', lang: 'en', printedAt: new Date('2026-11-29T12:00:00Z') });

async function rig(faults: SimulatedPrinterFaults, model?: PrinterModelId) {
  const [driverSide, printerSide] = MemoryTransport.pair();
  await printerSide.open();
  const sim = new PrinterSimulator(faults);
  sim.attach(printerSide);
  const clock = manualTimers();
  const printer = new ReceiptPrinter(driverSide, { statusTimeoutMs: 1000, timers: clock.timers, model });
  return { sim, printer, clock };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Advances virtual time in 50 ms steps until `task` settles; returns its outcome and the virtual time it took. */
async function run<T>(clock: ManualTimers, task: Promise<T>) {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  task.then(
    (value) => (outcome = { ok: true, value }),
    (error: unknown) => (outcome = { ok: false, error }),
  );
  let elapsed = 0;
  for (let i = 0; i < 10_000 && !outcome; i++) {
    await settle();
    if (outcome) break;
    clock.advance(50);
    elapsed += 50;
  }
  if (!outcome) throw new Error('the task never settled');
  return { ...outcome, elapsed };
}

describe('print confirmation by printer capability', () => {
  it('an Epson answers the process ID: confirmed by process-id', async () => {
    const { printer, clock, sim } = await rig({ profile: 'epson-tm-t88' });
    const result = await run(clock, printer.printReceipt(page));
    expect(result).toMatchObject({ ok: true, value: { printed: true, confirmation: 'process-id', confirmed: true } });
    expect(sim.receipts()).toHaveLength(1);
  });

  it('a DLE EOT-only printer prints: status polled for the drain time, printed-unconfirmed, long before 20 s', async () => {
    const { printer, clock, sim } = await rig({ profile: 'generic-escpos' }, 'generic-escpos');
    const before = sim.statusRequests;
    const result = await run(clock, printer.printReceipt(page));
    expect(result).toMatchObject({ ok: true, value: { printed: true, confirmation: 'status-poll', confirmed: false } });
    // probe (1 s process ID + 1 s GS r) + drain estimate (bytes / 1000 B/s + 1 s margin)
    const bytes = result.ok ? result.value.bytes : 0;
    expect(result.elapsed).toBeLessThan(2000 + Math.ceil(bytes) + 1000 + 1000);
    expect(result.elapsed).toBeGreaterThanOrEqual(2000 + bytes + 1000 - 50);
    expect(sim.statusRequests - before).toBeGreaterThan(8); // before + several polls, four functions each
    expect(sim.receipts()).toHaveLength(1);
    // The probe ran once: a second receipt does not wait for it again.
    const second = await run(clock, printer.printReceipt(page));
    expect(second.elapsed).toBeLessThan(bytes + 1000 + 1000);
  });

  it('a DLE EOT-only printer that runs out of paper mid-receipt fails the print, never printed', async () => {
    const { printer, clock } = await rig({ profile: 'generic-escpos', paperEndAfterBytes: 200 }, 'generic-escpos');
    const result = await run(clock, printer.printReceipt(page));
    expect(result.ok).toBe(false);
    const error = result.ok ? undefined : result.error;
    expect(isGuichetError(error) && error.code).toBe('PRINTER_PRINT_FAILED');
    expect(String((error as Error).message)).toMatch(/paper/);
  });

  it('a Custom-style printer answers GS r: confirmed by gs-r; its vendor bit 7 is reported, not a fault', async () => {
    const { printer, clock } = await rig({ profile: 'custom-kiosk' }, 'custom-kiosk');
    const status = await run(clock, printer.checkStatus());
    expect(status).toMatchObject({
      ok: true,
      value: { health: { state: 'ok' }, status: { vendor: { customDleEot1Bit7: true } } },
    });
    const result = await run(clock, printer.printReceipt(page));
    expect(result).toMatchObject({ ok: true, value: { confirmation: 'gs-r', confirmed: true } });
  });

  it('the same Custom answer read with the Epson profile (bit 7 fixed) is garbled', async () => {
    const { printer, clock } = await rig({ profile: 'custom-kiosk' }, 'epson-tm-t88');
    const status = await run(clock, printer.checkStatus());
    expect(status).toMatchObject({ ok: true, value: { health: { state: 'fault', code: 'PRINTER_STATUS_GARBLED' } } });
  });

  it('a Custom-style printer with paper end stops before the GS r: the print fails with the cause', async () => {
    const { printer, clock } = await rig({ profile: 'custom-kiosk', paperEndAfterBytes: 100 }, 'custom-kiosk');
    const result = await run(clock, printer.printReceipt(page));
    const error = result.ok ? undefined : result.error;
    expect(isGuichetError(error) && error.code).toBe('PRINTER_PRINT_FAILED');
    expect(isGuichetError(error) && error.details).toMatchObject({ health: { code: 'PRINTER_PAPER_END' } });
  });

  it('capabilities() reports the probe result once per open', async () => {
    const { printer, clock } = await rig({ profile: 'generic-escpos' }, 'generic-escpos');
    const caps = await run(clock, printer.capabilities());
    expect(caps).toMatchObject({ ok: true, value: { confirmation: 'status-poll', model: 'generic-escpos' } });
    expect((await run(clock, printer.capabilities())).elapsed).toBe(0);
  });
});
