// The kiosk's peripherals from its configuration: each kind the configuration names is driven by its real driver
// over the real port (native libraries load only then, transport/load-native.ts); each kind it leaves out is the
// same driver against its simulator (printer on loopback TCP, PIN pad on an in-memory line with a durable batch
// file, MagTek reader behind a simulated HID transport, barcode imager on an in-memory line). Kiosk runtime and demo both start their devices here.
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { parsePrinterAddress } from '@guichet/drivers/printer/printer-address';
import { printerTransport } from '@guichet/drivers/printer/printer-transport';
import { ReceiptPrinter } from '@guichet/drivers/printer/receipt-printer';
import type { PrinterModelId } from '@guichet/drivers/printer/printer-models';
import { PaymentTerminal } from '@guichet/drivers/payment-terminal/payment-terminal';
import { CardReader } from '@guichet/drivers/card-reader/card-reader';
import { MAGTEK_USB } from '@guichet/drivers/card-reader/magtek-report-layout';
import { NodeHidTransport, type NodeHidModule } from '@guichet/drivers/card-reader/node-hid-transport';
import type { HidTransport } from '@guichet/drivers/card-reader/hid-transport';
import type { ByteTransport } from '@guichet/drivers/transport/byte-transport';
import { MemoryTransport } from '@guichet/drivers/transport/memory-transport';
import { TcpTransport } from '@guichet/drivers/transport/tcp-transport';
import type { DeviceTimers } from '@guichet/drivers/device/device-timers';
import { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';
import { PaymentTerminalSimulator } from '@guichet/drivers/sim/payment-terminal/terminal-simulator';
import { TerminalRecords } from '@guichet/drivers/sim/payment-terminal/terminal-records';
import { SimulatedHidTransport } from '@guichet/drivers/sim/card-reader/simulated-hid-transport';
import { parseCardReaderAddress, parseIdScannerAddress } from './device-addresses';
import { IdScanner } from '@guichet/drivers/id-scanner/id-scanner';
import { DEFAULT_FRAMING, type ScanFraming } from '@guichet/drivers/id-scanner/scan-framing';
import { ImagerSimulator } from '@guichet/drivers/sim/id-scanner/imager-simulator';
import { SerialTransport } from '@guichet/drivers/transport/serial-transport';
import { parseTerminalAddress, terminalTransport } from '@guichet/drivers/payment-terminal/terminal-address';
import { HidrawPathTransport, loadRealNodeHid } from './hidraw-path-transport';
import { PolledDeviceBoard } from './polled-device-board';
import { printerProbe } from './printer-probe';
import { paymentTerminalProbe } from './payment-terminal-probe';
import { cardReaderProbe } from './card-reader-probe';
import { idScannerProbe } from './id-scanner-probe';
import { staticProbe } from './static-probe';

/** Which devices are real, as the configuration names them (validated: kiosk-config.ts); absent = simulated. */
export interface DeviceSettings {
  /** tcp://HOST:PORT, serial:/dev/ttyX[?baud=N] or usb:/dev/usb/lp0. */
  printer?: string | undefined;
  /** The printer's model profile (status bits, throughput); default epson-tm-t88. */
  printerModel?: PrinterModelId | undefined;
  /** serial:/dev/ttyX[?baud=N] or tcp://HOST:PORT. */
  paymentTerminal?: string | undefined;
  /** `hid` (the MagTek reader found by USB ids) or a hidraw path such as /dev/hidraw0. */
  cardReader?: string | undefined;
  /** The licence barcode imager: serial:/dev/ttyACM0[?framing=idle]. */
  idScanner?: string | undefined;
}

export interface DeviceWiringOptions {
  kioskId: string;
  /** A simulated PIN pad keeps its batch in `<dataDir>/terminals/<kioskId>.db`, where reconciliation reads it. */
  dataDir: string;
  /** How often the board probes every device (ms). */
  pollMs: number;
  log?: Logger;
  /** Timers of the payment terminal probe's wait (default the real ones). */
  timers?: DeviceTimers;
  /** node-hid, for a real card reader (default the native module, loaded only then): tests pass a fake. */
  loadNodeHid?: () => Promise<NodeHidModule>;
}

/** The simulators behind the simulated kinds, for fault injection (demo incidents, tests). */
export interface DeviceSimulators {
  printer?: PrinterSimulator;
  terminal?: PaymentTerminalSimulator;
  cardReader?: SimulatedHidTransport;
  idScanner?: ImagerSimulator;
}

export interface KioskDevices {
  board: PolledDeviceBoard;
  printer: ReceiptPrinter;
  terminal: PaymentTerminal;
  cardReader: CardReader;
  /** The licence barcode imager (PDF417: Ontario licences since 2011 have no magnetic stripe). */
  idScanner: IdScanner;
  /** One entry per simulated kind; empty when every device is real. */
  simulators: DeviceSimulators;
  /** Stops probing, closes the drivers, then the simulators and the terminal's batch file. */
  close(): Promise<void>;
}

/** The path of a simulated PIN pad's durable batch (the layout `guichet reconcile --data-dir` reads). */
export function terminalRecordsFile(dataDir: string, kioskId: string): string {
  return path.join(dataDir, 'terminals', `${kioskId}.db`);
}

/**
 * Builds and opens the kiosk's devices, then probes each once (board.start()). A real device that is absent or
 * unplugged does not fail start-up: its probe reports it offline, and it is reconnected when it comes back.
 * Bad addresses throw PRINTER_BAD_ADDRESS, PAYMENT_TERMINAL_BAD_ADDRESS or CARD_READER_BAD_ADDRESS before
 * anything is opened.
 */
export async function startKioskDevices(settings: DeviceSettings, options: DeviceWiringOptions): Promise<KioskDevices> {
  const log = (options.log ?? pino({ level: 'silent' })).child({ component: 'devices', kioskId: options.kioskId });
  const printerAddress = settings.printer === undefined ? undefined : parsePrinterAddress(settings.printer);
  const terminalAddress =
    settings.paymentTerminal === undefined ? undefined : parseTerminalAddress(settings.paymentTerminal);
  const readerAddress = settings.cardReader === undefined ? undefined : parseCardReaderAddress(settings.cardReader);
  const imagerAddress = settings.idScanner === undefined ? undefined : parseIdScannerAddress(settings.idScanner);

  const simulators: DeviceSimulators = {};
  const closers: Array<() => Promise<void> | void> = [];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    let printerLine: ByteTransport;
    if (printerAddress) printerLine = printerTransport(printerAddress);
    else {
      const simulator = new PrinterSimulator();
      closers.push(() => simulator.close());
      const { port } = await simulator.listenTcp('127.0.0.1', 0);
      simulators.printer = simulator;
      printerLine = new TcpTransport({ host: '127.0.0.1', port });
    }
    const printer = new ReceiptPrinter(printerLine, {
      log,
      ...(settings.printerModel && { model: settings.printerModel }),
    });

    let terminalLine: ByteTransport;
    if (terminalAddress) terminalLine = terminalTransport(terminalAddress);
    else {
      const [kioskEnd, terminalEnd] = MemoryTransport.pair();
      const records = TerminalRecords.open(terminalRecordsFile(options.dataDir, options.kioskId));
      closers.push(() => records.close());
      const simulator = new PaymentTerminalSimulator(terminalEnd, { records });
      await simulator.start();
      closers.push(() => simulator.stop());
      simulators.terminal = simulator;
      terminalLine = kioskEnd;
    }
    const terminal = new PaymentTerminal({
      transport: terminalLine,
      log,
      ...(options.timers && { timers: options.timers }),
    });
    try {
      await terminal.open();
    } catch (error) {
      // Unplugged at boot: the probe reports the terminal offline and tries to open it again at each round.
      log.warn({ event: 'open-failed', device: 'paymentTerminal', code: (error as { code?: string }).code });
    }

    let readerLine: HidTransport;
    const loadModule = options.loadNodeHid ?? loadRealNodeHid;
    if (readerAddress?.kind === 'hid') readerLine = new NodeHidTransport({ ...MAGTEK_USB, loadModule });
    else if (readerAddress?.kind === 'hidraw') readerLine = new HidrawPathTransport(readerAddress.path, loadModule);
    else {
      const simulator = new SimulatedHidTransport();
      simulators.cardReader = simulator;
      readerLine = simulator;
    }
    const cardReader = new CardReader(readerLine, { log });
    try {
      await cardReader.connect();
    } catch (error) {
      // NodeHidTransport keeps watching for the reader; its health says why it is offline meanwhile.
      log.warn({ event: 'open-failed', device: 'cardReader', code: (error as { code?: string }).code });
    }

    let imagerLine: ByteTransport;
    if (imagerAddress) imagerLine = new SerialTransport({ path: imagerAddress.path, baudRate: 115_200 });
    else {
      const [kioskEnd, imagerEnd] = MemoryTransport.pair();
      const simulator = new ImagerSimulator(imagerEnd);
      await simulator.start();
      closers.push(() => simulator.stop());
      simulators.idScanner = simulator;
      imagerLine = kioskEnd;
    }
    const framing: ScanFraming = imagerAddress?.framing === 'idle' ? { mode: 'idle', idleMs: 100 } : DEFAULT_FRAMING;
    const idScanner = new IdScanner({ transport: imagerLine, framing, log });
    try {
      await idScanner.connect();
    } catch (error) {
      // Unplugged at boot: the driver keeps reopening the line with backoff; its health says offline meanwhile.
      log.warn({ event: 'open-failed', device: 'idScanner', code: (error as { code?: string }).code });
    }

    const board = new PolledDeviceBoard(
      [
        printerProbe(printer),
        paymentTerminalProbe(terminal, options.timers ? { timers: options.timers } : {}),
        cardReaderProbe(cardReader),
        idScannerProbe(idScanner),
        staticProbe('touchScreen'),
      ],
      options.pollMs,
    );
    // The board's stop() closes the three drivers; the simulators and batch file close after them.
    closers.push(() => board.stop());
    await board.start();
    log.info({
      event: 'devices-ready',
      printer: printerAddress ? printer.description : 'simulated',
      paymentTerminal: terminalAddress ? terminalLine.description : 'simulated',
      cardReader: readerAddress ? readerLine.description : 'simulated',
      idScanner: imagerAddress ? imagerLine.description : 'simulated',
    });
    return { board, printer, terminal, cardReader, idScanner, simulators, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
