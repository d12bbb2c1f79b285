// The runtime's transactions entry point as the demo and the touch UI use it: ready after recovery, one
// transaction through begin(), the outcome reported to the fleet through the runtime's telemetry outbox.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { PaymentTerminal } from '@guichet/drivers/payment-terminal/payment-terminal';
import { ReceiptPrinter } from '@guichet/drivers/printer/receipt-printer';
import { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';
import { PaymentTerminalSimulator } from '@guichet/drivers/sim/payment-terminal/terminal-simulator';
import { MemoryTransport } from '@guichet/drivers/transport/memory-transport';
import { TcpTransport } from '@guichet/drivers/transport/tcp-transport';
import { SimulatedDeviceBoard } from '../devices/device-board';
import { KioskRuntime } from '../runtime/kiosk-runtime';
import { FakeHub } from '../test-support/fake-hub';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('runtime.transactions: ready, begin → completed, transaction.completed telemetry through the outbox', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-runtime-tx-'));
  cleanups.push(() => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })));
  const hub = new FakeHub();
  await hub.start(0);
  cleanups.push(() => hub.stop());
  const printerSim = new PrinterSimulator();
  const { port } = await printerSim.listenTcp('127.0.0.1', 0);
  cleanups.push(() => printerSim.close());
  const [kioskEnd, terminalEnd] = MemoryTransport.pair();
  const terminalSim = new PaymentTerminalSimulator(terminalEnd, { processingMs: 5 });
  await terminalSim.start();
  cleanups.push(() => terminalSim.stop());
  const terminal = new PaymentTerminal({ transport: kioskEnd });
  await terminal.open();
  cleanups.push(() => terminal.close());
  const printer = new ReceiptPrinter(new TcpTransport({ host: '127.0.0.1', port }));
  cleanups.push(() => printer.close());

  const runtime = new KioskRuntime({
    kioskId: 'K-RT-001',
    credential: 'runtime-credential-0123456789',
    fleetUrl: hub.url,
    dataDir: dir,
    heartbeatIntervalMs: 60_000,
    devices: new SimulatedDeviceBoard(),
    log: pino({ level: 'silent' }),
    backoff: { baseMs: 20, maxMs: 100 },
    transactionDevices: { terminal, printer },
  });
  runtime.start();
  cleanups.push(() => runtime.stop());
  const transactions = runtime.transactions!;
  await transactions.ready;
  expect(transactions.isReady).toBe(true);
  await eventually('the link is up', () => runtime.link.connected);

  const session = await transactions.begin('outdoors-card-renewal', 'en');
  await session.enterDetails({ serviceId: 'outdoors-card-renewal', outdoorsCardNumber: '708158000123456' });
  await session.quote();
  expect(await session.pay()).toMatchObject({ state: 'completed', receipt: 'printed' });
  expect(fs.existsSync(path.join(dir, 'K-RT-001.transactions.db'))).toBe(true);
  const record = await eventually('the outcome reaches the fleet', () =>
    hub.telemetry.find((r) => r.kind === 'transaction.completed'),
  );
  expect(record.data).toMatchObject({ serviceId: 'outdoors-card-renewal', totalCents: 1_100, outcome: 'completed' });
  expect(JSON.stringify(hub.telemetry)).not.toContain('708158000123456');
});
