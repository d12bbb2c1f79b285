// The magnetic-stripe reader as a probed device: its health follows its own events (connected,
// unplugged, unreadable swipes), so probing reads it without touching the USB device.
import type { DeviceStatus } from '@guichet/shared';
import type { CardReader } from '@guichet/drivers/card-reader/card-reader';
import type { DeviceProbe } from './polled-device-board';

export function cardReaderProbe(reader: CardReader): DeviceProbe {
  return {
    kind: 'cardReader',
    check: (): Promise<DeviceStatus> => Promise.resolve(reader.health()),
    close: () => reader.close(),
  };
}
