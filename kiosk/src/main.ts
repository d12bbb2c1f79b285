// Entry point of one kiosk runtime. Devices named in the configuration are driven by the real drivers
// (native libraries load only then); the others are simulated. Bad configuration ends it with one line naming
// the variable and exit status 2.
import { pino } from 'pino';
import { startupFailureLine } from '@guichet/shared/config/env-config';
import { parsePrinterAddress } from '@guichet/drivers/printer/printer-address';
import { printerTransport } from '@guichet/drivers/printer/printer-transport';
import { ReceiptPrinter } from '@guichet/drivers/printer/receipt-printer';
import { kioskConfigFromEnv } from './config/kiosk-config';
import { SimulatedDeviceBoard, type DeviceBoard } from './devices/device-board';
import { PolledDeviceBoard } from './devices/polled-device-board';
import { printerProbe } from './devices/printer-probe';
import { staticProbe } from './devices/static-probe';
import { KioskRuntime } from './runtime/kiosk-runtime';

try {
  const config = kioskConfigFromEnv(process.env);
  const log = pino({ level: config.logLevel, base: { app: 'guichet-kiosk' }, redact: ['credential', '*.credential'] });
  let devices: DeviceBoard = new SimulatedDeviceBoard();
  let polled: PolledDeviceBoard | undefined;
  if (config.printer) {
    const printer = new ReceiptPrinter(printerTransport(parsePrinterAddress(config.printer)), { log });
    polled = new PolledDeviceBoard(
      [printerProbe(printer), staticProbe('paymentTerminal'), staticProbe('cardReader'), staticProbe('touchScreen')],
      config.devicePollMs,
    );
    await polled.start();
    devices = polled;
  }
  const runtime = new KioskRuntime({ ...config, devices, log });
  runtime.start();
  const stop = () =>
    void runtime
      .stop()
      .then(() => polled?.stop())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const line = startupFailureLine(error);
  if (line === undefined) throw error;
  console.error(`guichet kiosk: ${line}`);
  process.exit(2);
}
