// The demo's peripherals, each driven by its real driver against its simulator: an ESC/POS printer
// simulator on a loopback TCP port, a PIN-pad simulator on an in-memory byte link speaking the STX/ETX
// protocol, and a MagTek-style card reader behind a simulated HID transport.
// After a quiet start, printers now and then run low or out of paper and are restocked, so the fleet
// shows warnings, faults and repairs as a real network does.
import { ReceiptPrinter } from '@guichet/drivers/printer/receipt-printer';
import { TcpTransport } from '@guichet/drivers/transport/tcp-transport';
import { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';
import { PaymentTerminal } from '@guichet/drivers/payment-terminal/payment-terminal';
import { MemoryTransport } from '@guichet/drivers/transport/memory-transport';
import { PaymentTerminalSimulator } from '@guichet/drivers/sim/payment-terminal/terminal-simulator';
import { CardReader } from '@guichet/drivers/card-reader/card-reader';
import { SimulatedHidTransport } from '@guichet/drivers/sim/card-reader/simulated-hid-transport';
import { cardReaderProbe, paymentTerminalProbe, PolledDeviceBoard, printerProbe, staticProbe } from '@guichet/kiosk';

export interface DemoKioskDevices {
  kioskId: string;
  board: PolledDeviceBoard;
  printer: PrinterSimulator;
  terminal: PaymentTerminalSimulator;
}

export async function startDemoDevices(kioskIds: readonly string[], pollMs: number): Promise<DemoKioskDevices[]> {
  return Promise.all(
    kioskIds.map(async (kioskId) => {
      const printer = new PrinterSimulator();
      const { port } = await printer.listenTcp('127.0.0.1', 0);
      const driver = new ReceiptPrinter(new TcpTransport({ host: '127.0.0.1', port }), { statusTimeoutMs: 1_000 });
      const [kioskEnd, terminalEnd] = MemoryTransport.pair();
      const terminal = new PaymentTerminalSimulator(terminalEnd);
      await terminal.start();
      const pinPad = new PaymentTerminal({ transport: kioskEnd });
      await pinPad.open();
      const reader = new CardReader(new SimulatedHidTransport());
      await reader.connect();
      const board = new PolledDeviceBoard(
        [printerProbe(driver), paymentTerminalProbe(pinPad), cardReaderProbe(reader), staticProbe('touchScreen')],
        pollMs,
      );
      await board.start();
      return { kioskId, board, printer, terminal };
    }),
  );
}

/**
 * Paper runs low and out on random printers, now and then a PIN pad fails, and technicians restock or
 * repair them some minutes later. Returns a
 * function that stops the schedule.
 */
export function scheduleDemoIncidents(
  devices: readonly DemoKioskDevices[],
  options: { firstAfterMs: number; everyMs: number; restockAfterMs: [number, number]; random?: () => number },
): () => void {
  const random = options.random ?? Math.random;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timer.unref();
    timers.add(timer);
  };
  const incident = () => {
    const target = devices[Math.floor(random() * devices.length)];
    const [min, max] = options.restockAfterMs;
    const repairIn = () => min + random() * (max - min);
    if (target && random() < 0.25 && target.terminal.terminalState === 'READY') {
      // The PIN pad reports an internal error until a technician swaps it.
      target.terminal.terminalState = 'ERROR';
      later(repairIn(), () => (target.terminal.terminalState = 'READY'));
    } else if (target && target.printer.faults.paper === 'ok') {
      target.printer.inject({ paper: random() < 0.5 ? 'end' : 'near-end' });
      later(repairIn(), () => target.printer.inject({ paper: 'ok' }));
    }
    later(options.everyMs, incident);
  };
  later(options.firstAfterMs, incident);
  return () => timers.forEach((timer) => clearTimeout(timer));
}

export async function stopDemoDevices(devices: readonly DemoKioskDevices[]): Promise<void> {
  await Promise.all(
    devices.map(async ({ board, printer, terminal }) => {
      await board.stop();
      await printer.close();
      await terminal.stop();
    }),
  );
}
