// The receipt printer as a probed device: reconnect if the link is down, then read its real-time
// status (DLE EOT 1–4) through the ESC/POS driver.
import type { DeviceStatus } from '@guichet/shared';
import type { ReceiptPrinter } from '@guichet/drivers/printer/receipt-printer';
import type { DeviceProbe } from './polled-device-board';

export function printerProbe(printer: ReceiptPrinter): DeviceProbe {
  return {
    kind: 'printer',
    async check(): Promise<DeviceStatus> {
      try {
        await printer.connect();
      } catch {
        return printer.health();
      }
      return (await printer.checkStatus()).health;
    },
    close: () => printer.close(),
  };
}
