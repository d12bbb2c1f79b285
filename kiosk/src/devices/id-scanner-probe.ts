// The licence barcode imager as a probed device: like the card reader, its health follows its own events (line
// open, unplugged, runs of unreadable scans), so probing reads it without writing to the imager.
import type { DeviceStatus } from '@guichet/shared';
import type { IdScanner } from '@guichet/drivers/id-scanner/id-scanner';
import type { DeviceProbe } from './polled-device-board';

export function idScannerProbe(scanner: IdScanner): DeviceProbe {
  return {
    kind: 'idScanner',
    check: (): Promise<DeviceStatus> => Promise.resolve(scanner.health()),
    close: () => scanner.close(),
  };
}
