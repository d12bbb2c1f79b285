// Native device libraries are loaded lazily, only when a real device is configured, so that the
// demo and simulated kiosks run on a machine with nothing but Node (no libusb, no udev).
import { GuichetError } from '@guichet/shared';

export async function loadSerialPort(): Promise<typeof import('serialport')> {
  try {
    return await import('serialport');
  } catch (cause) {
    throw new GuichetError('SERIALPORT_UNAVAILABLE', 'the serialport library could not be loaded on this machine', {
      cause,
    });
  }
}

export async function loadNodeHid(): Promise<typeof import('node-hid')> {
  try {
    return await import('node-hid');
  } catch (cause) {
    throw new GuichetError('HID_UNAVAILABLE', 'the node-hid library could not be loaded (is libusb-1.0-0 installed?)', {
      cause,
    });
  }
}
