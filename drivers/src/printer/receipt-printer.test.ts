// ReceiptPrinter timeouts on injected timers, over an in-memory line: no test here waits for real time to pass.
import { eventually } from '@guichet/shared/test-support/eventually';
import { describe, expect, it } from 'vitest';
import { SimulatedPrinterState, statusReply } from '../sim/printer/simulated-state';
import { manualTimers } from '../test-support/manual-timers';
import { MemoryTransport } from '../transport/memory-transport';
import { ReceiptPrinter, type StatusReport } from './receipt-printer';

const DLE = 0x10;
const EOT = 0x04;

/** A printer end of the line that answers DLE EOT n with its status while `answering` is true. */
async function rig() {
  const [driverSide, printerSide] = MemoryTransport.pair();
  await printerSide.open();
  const clock = manualTimers();
  const printer = new ReceiptPrinter(driverSide, { statusTimeoutMs: 1000, timers: clock.timers });
  const line = { answering: false, requests: 0 };
  const state = SimulatedPrinterState.parse({});
  printerSide.onData((chunk) => {
    for (let i = 0; i + 2 < chunk.length; i++) {
      if (chunk[i] !== DLE || chunk[i + 1] !== EOT) continue;
      line.requests++;
      const reply = statusReply(chunk[i + 2] ?? 0, state);
      if (line.answering && reply !== undefined) void printerSide.write(Uint8Array.of(reply));
    }
  });
  return { printer, printerSide, clock, line };
}

/** Lets in-memory writes (delivered on setImmediate) and the driver's promise chains run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ReceiptPrinter on injected timers', () => {
  it('a silent printer is offline exactly when the status timeout runs out', async () => {
    const { printer, clock, line } = await rig();
    let report: StatusReport | undefined;
    void printer.checkStatus().then((r) => (report = r));
    await eventually('the first status request', () => line.requests === 1 && clock.pending() === 1);
    clock.advance(999);
    await settle();
    expect(report).toBeUndefined();
    clock.advance(1);
    await eventually('the status report', () => report);
    expect(report?.health).toMatchObject({ state: 'offline', code: 'PRINTER_NO_ANSWER' });
    expect(line.requests).toBe(1); // it gave up at the first silent function
  });

  it('after a timeout, the next read drains a late answer for quietMs of silence before it asks', async () => {
    const { printer, printerSide, clock, line } = await rig();
    const first = printer.checkStatus();
    await eventually('the first status request', () => line.requests === 1 && clock.pending() === 1);
    clock.advance(1000);
    expect((await first).health.code).toBe('PRINTER_NO_ANSWER');

    line.answering = true;
    const second = printer.checkStatus();
    await eventually('the drain to start', () => clock.pending() === 2); // the quiet timer and its deadline
    clock.advance(1500);
    await printerSide.write(Uint8Array.of(statusReply(1, SimulatedPrinterState.parse({ paper: 'end' })) ?? 0));
    await settle();
    clock.advance(1999); // the late byte restarted the quiet period: still draining
    await settle();
    expect(line.requests).toBe(1);
    clock.advance(1);
    const report = await second;
    expect(line.requests).toBe(5);
    expect(report.health.state).toBe('ok');
  });
});

describe('a late process-ID answer on the line', () => {
  it('is taken whole, never as a status byte, even split across chunks around a status request', async () => {
    const { printer, printerSide, line } = await rig();
    line.answering = true;
    // The answer to an earlier GS ( H (id 0026: its digits '2' 32h and '6' 36h have a status byte's fixed bits)
    // starts arriving just before the status read and ends inside the DLE EOT 1 window.
    const late = [0x37, 0x22, 0x30, 0x30, 0x32, 0x36, 0x00];
    line.answering = false;
    const report = printer.checkStatus();
    await eventually('the DLE EOT 1 request', () => line.requests === 1);
    await printerSide.write(Uint8Array.from(late.slice(0, 3)));
    await settle();
    await printerSide.write(Uint8Array.from(late.slice(3)));
    await settle();
    line.answering = true;
    await printerSide.write(Uint8Array.of(statusReply(1, SimulatedPrinterState.parse({})) ?? 0));
    const { status, health } = await report;
    expect(health.state).toBe('ok');
    expect(status?.raw).toEqual([0x12, 0x12, 0x12, 0x12]);
  });
});
