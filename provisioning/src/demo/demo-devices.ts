// The demo's peripherals: every kiosk's devices come from the kiosk's own wiring (startKioskDevices) with
// nothing configured, so each is the real driver against its simulator, and each PIN pad keeps its batch in
// DATA/terminals/<kioskId>.db for `guichet reconcile`. After a quiet start, printers now and then run low or
// out of paper and PIN pads fail, and are restocked or repaired, so the fleet shows warnings, faults and
// repairs as a real network does.
import type { Logger } from 'pino';
import type { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';
import type { PaymentTerminalSimulator } from '@guichet/drivers/sim/payment-terminal/terminal-simulator';
import { GuichetError } from '@guichet/shared';
import { startKioskDevices, type KioskDevices } from '@guichet/kiosk';

export interface DemoKioskDevices {
  kioskId: string;
  devices: KioskDevices;
  printer: PrinterSimulator;
  terminal: PaymentTerminalSimulator;
}

export interface DemoDevicesOptions {
  /** The demo's data directory: PIN pad batches go to its terminals/ folder. */
  dataDir: string;
  pollMs: number;
  log?: Logger;
}

export async function startDemoDevices(
  kioskIds: readonly string[],
  options: DemoDevicesOptions,
): Promise<DemoKioskDevices[]> {
  return Promise.all(
    kioskIds.map(async (kioskId) => {
      const devices = await startKioskDevices(
        {},
        { kioskId, dataDir: options.dataDir, pollMs: options.pollMs, ...(options.log && { log: options.log }) },
      );
      const { printer, terminal } = devices.simulators;
      if (!printer || !terminal) {
        await devices.close();
        throw new GuichetError('DEMO_DEVICE_NOT_SIMULATED', `the demo kiosk ${kioskId} got a real device`);
      }
      return { kioskId, devices, printer, terminal };
    }),
  );
}

/**
 * Paper runs low and out on random printers, now and then a PIN pad fails, and technicians restock or
 * repair them some minutes later. Returns a function that stops the schedule.
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
  await Promise.all(devices.map(({ devices }) => devices.close()));
}
