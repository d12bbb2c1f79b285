// The demo's peripherals: every kiosk gets its own ESC/POS printer simulator on a loopback TCP port, which
// its kiosk runtime polls through the real printer driver; the other devices are simulated as healthy.
// After a quiet start, printers now and then run low or out of paper and are restocked, so the fleet
// shows warnings, faults and repairs as a real network does.
import { ReceiptPrinter } from '@guichet/drivers/printer/receipt-printer';
import { TcpTransport } from '@guichet/drivers/transport/tcp-transport';
import { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';
import { PolledDeviceBoard, printerProbe, staticProbe } from '@guichet/kiosk';

export interface DemoKioskDevices {
  kioskId: string;
  board: PolledDeviceBoard;
  printer: PrinterSimulator;
}

export async function startDemoDevices(kioskIds: readonly string[], pollMs: number): Promise<DemoKioskDevices[]> {
  return Promise.all(
    kioskIds.map(async (kioskId) => {
      const printer = new PrinterSimulator();
      const { port } = await printer.listenTcp('127.0.0.1', 0);
      const driver = new ReceiptPrinter(new TcpTransport({ host: '127.0.0.1', port }), { statusTimeoutMs: 1_000 });
      const board = new PolledDeviceBoard([printerProbe(driver), staticProbe('paymentTerminal'), staticProbe('cardReader'), staticProbe('touchScreen')], pollMs);
      await board.start();
      return { kioskId, board, printer };
    }),
  );
}

/**
 * Paper runs low and out on random printers, and technicians restock them some minutes later. Returns a
 * function that stops the schedule.
 */
export function scheduleDemoIncidents(devices: readonly DemoKioskDevices[], options: { firstAfterMs: number; everyMs: number; restockAfterMs: [number, number]; random?: () => number }): () => void {
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
    if (target && target.printer.faults.paper === 'ok') {
      const runsOut = random() < 0.5;
      target.printer.inject({ paper: runsOut ? 'end' : 'near-end' });
      const [min, max] = options.restockAfterMs;
      later(min + random() * (max - min), () => target.printer.inject({ paper: 'ok' }));
    }
    later(options.everyMs, incident);
  };
  later(options.firstAfterMs, incident);
  return () => timers.forEach((timer) => clearTimeout(timer));
}

export async function stopDemoDevices(devices: readonly DemoKioskDevices[]): Promise<void> {
  await Promise.all(devices.map(async ({ board, printer }) => {
    await board.stop();
    await printer.close();
  }));
}
