// Integration: the real driver (ReceiptPrinter over TcpTransport) against the simulator over real TCP, with faults.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isGuichetError } from '@guichet/shared';
import { DeviceHealth } from '../../device-health';
import { ReceiptPrinter } from '../../printer/receipt-printer';
import { testPageReceipt } from '../../printer/test-page';
import { TcpTransport } from '../../transport/tcp-transport';
import { PrinterSimulator } from './printer-simulator';
import { GARBAGE_REPLY, SimulatedPrinterState, statusReply, type SimulatedPrinterFaults } from './simulated-state';
import { isStatusByte } from '../../printer/status-decoder';
import { processIdRequest, processIdResponse, realTimeStatusRequest } from '../../printer/escpos-commands';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function rig(
  faults: SimulatedPrinterFaults = {},
  statusTimeoutMs = 300,
): Promise<{ sim: PrinterSimulator; printer: ReceiptPrinter }> {
  const sim = new PrinterSimulator(faults);
  open.push(sim);
  const { port } = await sim.listenTcp('127.0.0.1', 0);
  const printer = new ReceiptPrinter(new TcpTransport({ host: '127.0.0.1', port }), {
    statusTimeoutMs,
    completionTimeoutMs: 2000,
  });
  open.push(printer);
  return { sim, printer };
}

const statusReplyFor = (n: number, paper: 'ok' | 'end'): number =>
  statusReply(n, SimulatedPrinterState.parse({ paper })) ?? -1;

const page = testPageReceipt({ kioskId: 'QC-MTL-001', lang: 'fr', printedAt: new Date('2026-11-23T09:30:00Z') });

async function printError(printer: ReceiptPrinter): Promise<string> {
  try {
    await printer.printReceipt(page);
  } catch (error) {
    if (isGuichetError(error)) return error.code;
    throw error;
  }
  return 'PRINTED';
}

describe('receipt printer against the simulator over TCP', () => {
  it('reads a healthy status and prints a receipt the simulator decodes, accents and QR included', async () => {
    const { sim, printer } = await rig();
    expect((await printer.checkStatus()).health.state).toBe('ok');
    const result = await printer.printReceipt(page);
    expect(result).toMatchObject({ printed: true, health: { state: 'ok' } });
    expect(DeviceHealth.safeParse(printer.health()).success).toBe(true);
    const receipts = sim.receipts();
    expect(receipts).toHaveLength(1);
    expect(sim.text()).toContain("**Page d'essai de l'imprimante**");
    expect(sim.text()).toContain('é è ê ë à â ç');
    expect(sim.text()).toContain('[QR: guichet:test-page:QC-MTL-001:2026-11-23T09:30:00Z]');
    expect(sim.statusRequests).toBe(12); // DLE EOT 1..4 three times: check, before and after the print
  });

  it('paper near-end is a warning and still prints', async () => {
    const { sim, printer } = await rig({ paper: 'near-end' });
    const result = await printer.printReceipt(page);
    expect(result.health).toMatchObject({ state: 'warning', code: 'PRINTER_PAPER_NEAR_END' });
    expect(sim.receipts()).toHaveLength(1);
  });

  it('paper end and cover open are faults: nothing is sent, the print fails with the cause', async () => {
    const { sim, printer } = await rig({ paper: 'end' });
    expect(await printError(printer)).toBe('PRINTER_PAPER_END');
    expect(printer.health()).toMatchObject({ state: 'fault', code: 'PRINTER_PAPER_END' });
    sim.inject({ paper: 'ok', cover: 'open' });
    expect(await printError(printer)).toBe('PRINTER_COVER_OPEN');
    expect(sim.blocks()).toEqual([]);
    sim.inject({ cover: 'closed' });
    expect(await printError(printer)).toBe('PRINTED');
  });

  it('a printer that stops answering is offline; a late answer is not taken for the next one', async () => {
    const { sim, printer } = await rig({ answer: 'silent' }, 150);
    expect((await printer.checkStatus()).health).toMatchObject({ state: 'offline', code: 'PRINTER_NO_ANSWER' });
    sim.inject({ answer: 'late', lateMs: 300, paper: 'end' });
    expect((await printer.checkStatus()).health.state).toBe('offline');
    sim.inject({ answer: 'normal', paper: 'ok' });
    // No wait: the late paper-end byte (due 300 ms after its request) lands while this read is under way, and
    // the driver, unsynchronised by the timeout, drains it before asking.
    expect((await printer.checkStatus()).health).toMatchObject({ state: 'ok' });
    expect((await printer.checkStatus()).health).toMatchObject({ state: 'ok' });
  });

  it('a status byte arriving after its timeout does not shift the answers of a read that has started', async () => {
    const { sim, printer } = await rig({}, 150);
    // The first DLE EOT 1 is answered 250 ms on (a paper-end byte), past its 150 ms timeout; every later
    // request is answered after 60 ms, so the late byte lands in the middle of the next read.
    const paperEnd = statusReplyFor(1, 'end');
    let first = true;
    sim.replyWith((n) => {
      const [delay, byte] = first ? [250, paperEnd] : [60, statusReplyFor(n, 'ok')];
      first = false;
      setTimeout(() => sim.babble(Uint8Array.of(byte)), delay);
      return new Uint8Array();
    });
    expect((await printer.checkStatus()).health).toMatchObject({ state: 'offline', code: 'PRINTER_NO_ANSWER' });
    const report = await printer.checkStatus();
    expect(report.health).toMatchObject({ state: 'ok' });
    expect(report.status?.raw).toEqual([1, 2, 3, 4].map((n) => statusReplyFor(n, 'ok')));
  });

  it('garbage instead of status is a fault, and the driver recovers when the printer does', async () => {
    expect(isStatusByte(GARBAGE_REPLY)).toBe(false);
    const { sim, printer } = await rig({ answer: 'garbage' });
    expect((await printer.checkStatus()).health).toMatchObject({ state: 'fault', code: 'PRINTER_STATUS_GARBLED' });
    expect(await printError(printer)).toBe('PRINTER_STATUS_GARBLED');
    sim.inject({ answer: 'normal' });
    expect((await printer.checkStatus()).health.state).toBe('ok');
  });

  it('unplugged is offline; after replug the driver reconnects by itself', async () => {
    const { sim, printer } = await rig();
    expect((await printer.checkStatus()).health.state).toBe('ok');
    sim.unplug();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await printer.checkStatus()).health.state).toBe('offline');
    sim.replug();
    expect((await printer.checkStatus()).health.state).toBe('ok');
  });

  it('a cable pulled mid-receipt makes the print fail, never reported printed', async () => {
    const { sim, printer } = await rig({ dropAfterBytes: 200 });
    expect(await printError(printer)).toBe('PRINTER_PRINT_FAILED');
    expect(sim.receipts()).toEqual([]);
    expect(printer.health().state).toBe('offline');
  });

  it('paper running out mid-receipt makes the print fail on the status read after it', async () => {
    const { sim, printer } = await rig({ paperEndAfterBytes: 300 });
    const failure = await printer.printReceipt(page).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'PRINTER_PRINT_FAILED', details: { health: { code: 'PRINTER_PAPER_END' } } });
    expect(sim.receipts()).toEqual([]); // the cut never happened
    expect(printer.health()).toMatchObject({ state: 'fault', code: 'PRINTER_PAPER_END' });
  });

  it('paper running out mid-receipt while DLE EOT still answers clean makes the print fail, not printed', async () => {
    // A slow mechanism: the job sits in the receive buffer while DLE EOT (real-time) answers ahead of it.
    const { sim, printer } = await rig({ printBytesPerSecond: 3000, paperEndAfterBytes: 300 });
    const failure = await printer.printReceipt(page).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'PRINTER_PRINT_FAILED', details: { health: { code: 'PRINTER_PAPER_END' } } });
    expect(sim.receipts()).toEqual([]);
    expect(printer.health()).toMatchObject({ state: 'fault', code: 'PRINTER_PAPER_END' });
  });

  it('the simulator answers DLE EOT ahead of buffered data but the process ID only once it is printed', async () => {
    const sim = new PrinterSimulator({ printBytesPerSecond: 2000 });
    open.push(sim);
    const { port } = await sim.listenTcp('127.0.0.1', 0);
    const socket = net.connect(port, '127.0.0.1');
    open.push({ close: () => Promise.resolve(void socket.destroy()) });
    const replies: number[] = [];
    socket.on('data', (chunk: Buffer) => replies.push(...chunk));
    await new Promise((resolve) => socket.once('connect', resolve));
    const until = async (done: () => boolean): Promise<void> => {
      for (let i = 0; i < 400 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    // 600 bytes of text (0.3 s at this speed), then the process-ID request, then DLE EOT 1.
    socket.write(
      Buffer.concat([
        Buffer.from(`${'x'.repeat(59)}\n`.repeat(10)),
        processIdRequest('0042'),
        realTimeStatusRequest(1),
      ]),
    );
    await until(() => replies.length >= 1);
    expect(replies).toEqual([0x12]); // the status byte first: the text is still being printed
    await until(() => replies.length >= 8);
    expect(replies.slice(1)).toEqual([...processIdResponse('0042')]);
    expect(sim.blocks()).toHaveLength(10);
  });

  it('a receipt that cannot be encoded is a rejected promise with a typed error, and nothing is sent', async () => {
    const { sim, printer } = await rig();
    const pending = printer.printReceipt({ lines: [] });
    await expect(pending).rejects.toMatchObject({ code: 'PRINTER_BAD_RECEIPT' });
    expect(sim.statusRequests).toBe(0);
  });

  it('unsolicited noise on the line does not break the next status read', async () => {
    const { sim, printer } = await rig();
    await printer.connect();
    sim.babble(Uint8Array.from([0xff, 0x00, GARBAGE_REPLY])); // not status bytes, wherever they land
    expect((await printer.checkStatus()).health.state).toBe('ok');
    // Noise inside a window, ahead of the real answer, is not taken for the status.
    let noisy = true;
    sim.replyWith((n) => {
      const reply = statusReplyFor(n, 'ok');
      if (n === 2 && noisy) {
        noisy = false;
        return Uint8Array.of(0xff, 0x00, reply);
      }
      return Uint8Array.of(reply);
    });
    const report = await printer.checkStatus();
    expect(report.health.state).toBe('ok');
    expect(report.status?.raw).toEqual([1, 2, 3, 4].map((n) => statusReplyFor(n, 'ok')));
  });
});

describe('receipt printer driver fuzzed through the simulator', () => {
  it('random bytes as status answers: never a throw, always a valid health, state intact afterwards', async () => {
    const fc = (await import('fast-check')).default;
    const { sim, printer } = await rig({}, 40);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 3 }), { minLength: 4, maxLength: 4 }), async (replies) => {
        sim.replyWith((n) => replies[(n - 1) % 4] ?? new Uint8Array());
        const report = await printer.checkStatus();
        expect(DeviceHealth.safeParse(report.health).success).toBe(true);
        if (report.health.state === 'ok') expect(report.status?.raw.every(isStatusByte)).toBe(true);
      }),
      { numRuns: 40 },
    );
    sim.replyWith(undefined);
    expect((await printer.checkStatus()).health.state).toBe('ok');
    expect((await printer.printReceipt(page)).printed).toBe(true);
  });
});
