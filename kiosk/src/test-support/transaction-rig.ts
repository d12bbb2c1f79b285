// A kiosk's transaction set-up for tests and the benchmark, every part real except the hub: the fleet link
// (socket.io) to an in-process FakeHub, the PaymentTerminal driver against the terminal simulator over an
// in-memory cable, the ReceiptPrinter driver against the printer simulator over TCP, the journal in a temporary
// directory. restart() is a kiosk reboot: new driver and journal objects on the same files and devices.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { eventually } from '@guichet/shared/test-support/eventually';
import { PaymentTerminal } from '@guichet/drivers/payment-terminal/payment-terminal';
import { ReceiptPrinter } from '@guichet/drivers/printer/receipt-printer';
import { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';
import {
  PaymentTerminalSimulator,
  type TerminalSimulatorOptions,
} from '@guichet/drivers/sim/payment-terminal/terminal-simulator';
import { MemoryTransport } from '@guichet/drivers/transport/memory-transport';
import { TcpTransport } from '@guichet/drivers/transport/tcp-transport';
import { FleetLink } from '../link/fleet-link';
import { TelemetryOutbox } from '../link/telemetry-outbox';
import { KioskTransactions } from '../transaction/kiosk-transactions';
import { FakeHub } from './fake-hub';
import { ManualRetryTimers } from './manual-retry-timers';

export const RIG_KIOSK_ID = 'K-TX-001';

export interface RigOptions {
  terminal?: TerminalSimulatorOptions;
  /** The driver's sale timeout (default 800 ms: a terminal timeout mid-sale is quick to reach). */
  saleTimeoutMs?: number;
  hubTimeoutMs?: number;
  /** Printer driver's wait for a job to finish (paper out mid-receipt waits this long). */
  printCompletionMs?: number;
}

export class TransactionRig {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-tx-'));
  readonly hub: FakeHub;
  readonly printerSim = new PrinterSimulator();
  readonly timers = new ManualRetryTimers();
  terminalSim!: PaymentTerminalSimulator;
  terminal!: PaymentTerminal;
  printer!: ReceiptPrinter;
  transactions!: KioskTransactions;
  link!: FleetLink;
  outbox!: TelemetryOutbox;
  /** Milliseconds spent inside the payment terminal and printer drivers (device time, for the benchmark). */
  deviceMs = 0;
  /** The kiosk's clock; tests move it forward (e.g. past the terminal's authorisation window). */
  nowMs = Date.parse('2026-11-29T15:00:00.000Z');
  readonly clock = (): Date => new Date(this.nowMs);
  private terminalEnd!: MemoryTransport;
  private printerPort = 0;
  private seed = 1;

  constructor(private readonly options: RigOptions = {}) {
    this.hub = new FakeHub(() => this.clock());
  }

  /** A deterministic random source: the same rig mints the same transaction ids run after run. */
  readonly random = (): number => {
    this.seed = (this.seed * 16807) % 2147483647;
    return (this.seed - 1) / 2147483646;
  };

  async start(): Promise<this> {
    await this.hub.start(0);
    this.printerPort = (await this.printerSim.listenTcp('127.0.0.1', 0)).port;
    const [kioskEnd, terminalEnd] = MemoryTransport.pair();
    this.terminalEnd = terminalEnd;
    this.terminalSim = new PaymentTerminalSimulator(terminalEnd, {
      processingMs: 5,
      ackTimeoutMs: 150,
      ...this.options.terminal,
    });
    await this.terminalSim.start();
    await this.boot(kioskEnd);
    return this;
  }

  /** Starts the kiosk side: drivers, link, transactions (recovery runs; await `transactions.ready`). */
  private async boot(kioskEnd: MemoryTransport): Promise<void> {
    this.terminal = new PaymentTerminal({
      transport: kioskEnd,
      ackTimeoutMs: 150,
      saleTimeoutMs: this.options.saleTimeoutMs ?? 800,
      responseTimeoutMs: 800,
      resolveRetryMs: 1_000,
      now: this.clock,
    });
    await this.terminal.open();
    this.printer = new ReceiptPrinter(new TcpTransport({ host: '127.0.0.1', port: this.printerPort }), {
      statusTimeoutMs: 500,
      completionTimeoutMs: this.options.printCompletionMs ?? 1_000,
    });
    this.outbox = new TelemetryOutbox(path.join(this.dir, `${RIG_KIOSK_ID}.outbox.db`));
    this.link = new FleetLink({
      fleetUrl: this.hub.url,
      kioskId: RIG_KIOSK_ID,
      credential: 'test-credential-0123456789',
      softwareVersion: 'test',
      bootId: `boot-${Date.now()}`,
      heartbeatIntervalMs: 60_000,
      ackTimeoutMs: 2_000,
      backoff: { baseMs: 20, maxMs: 100 },
      outbox: this.outbox,
      devices: () => ({}),
      mode: () => 'in-service',
      onTargetState: () => undefined,
      log: pino({ level: 'silent' }),
    });
    this.transactions = new KioskTransactions({
      kioskId: RIG_KIOSK_ID,
      dataDir: this.dir,
      link: this.link,
      terminal: {
        sale: (request) => this.timed(() => this.terminal.sale(request)),
        reverse: (reference) => this.timed(() => this.terminal.reverse(reference)),
        cancelUnknownSale: (reference, options) =>
          this.timed(() => this.terminal.cancelUnknownSale(reference, options)),
      },
      printer: { printReceipt: (receipt) => this.timed(() => this.printer.printReceipt(receipt)) },
      telemetry: (kind, data) => this.link.record(kind, data),
      clock: this.clock,
      random: this.random,
      timers: this.timers,
      backoff: { baseMs: 100, maxMs: 1_000 },
      hubTimeoutMs: this.options.hubTimeoutMs ?? 1_000,
      saleTimeoutMs: this.options.saleTimeoutMs ?? 800,
    });
  }

  private async timed<T>(call: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await call();
    } finally {
      this.deviceMs += performance.now() - start;
    }
  }

  async connect(): Promise<void> {
    this.link.start();
    await eventually('the kiosk link is up', () => this.link.connected);
  }

  /** Connects and runs recovery to the end (fails if it cannot finish without timers firing). */
  async ready(): Promise<void> {
    await this.connect();
    await this.transactions.start();
  }

  /** A reboot: the kiosk's objects go away (nothing is flushed specially) and come back on the same files. */
  async restart(): Promise<void> {
    await this.shutdownKiosk();
    // The terminal keeps running through the kiosk's reboot (and may finish authorising a sale meanwhile);
    // only the kiosk's end of the cable is new.
    const kioskEnd = new MemoryTransport('memory:kiosk');
    kioskEnd.peer = this.terminalEnd;
    this.terminalEnd.peer = kioskEnd;
    await this.boot(kioskEnd);
  }

  private async shutdownKiosk(): Promise<void> {
    this.transactions.stop();
    await this.link.stop();
    this.outbox.close();
    await this.terminal.close().catch(() => undefined);
    await this.printer.close().catch(() => undefined);
  }

  /** Sales the terminal received, per reference: never more than one each. */
  salesSent(reference: string): number {
    return this.terminalSim.received.filter(
      (m) => m.name === 'creditRequest' && m.fields.transType === '01' && m.fields.reference === reference,
    ).length;
  }

  /** Money invariant: every sale the terminal holds as approved is committed at the hub. */
  chargedWithoutCommit(): string[] {
    return [...this.terminalSim.transactions.values()]
      .filter((t) => t.state === 'APPROVED' && this.hub.state(t.reference) !== 'committed')
      .map((t) => t.reference);
  }

  async stop(): Promise<void> {
    await this.shutdownKiosk().catch(() => undefined);
    await this.terminalSim.stop().catch(() => undefined);
    await this.printerSim.close();
    await this.hub.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
