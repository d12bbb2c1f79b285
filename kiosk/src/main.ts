// Entry point of one kiosk runtime. Devices named in the configuration are driven by the real drivers
// (native libraries load only then); the others are simulated.
import { pino } from 'pino';
import { GuichetError } from '@guichet/shared';
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
  if (error instanceof GuichetError) {
    console.error(`guichet kiosk: ${error.code}: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
