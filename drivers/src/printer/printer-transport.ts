// Opens the transport a printer address names: TCP 9100, the Linux USB printer class, or serial.
import type { ByteTransport } from '../transport/byte-transport';
import { SerialTransport } from '../transport/serial-transport';
import { TcpTransport } from '../transport/tcp-transport';
import { UsbLpTransport } from '../transport/usb-lp-transport';
import type { PrinterAddress } from './printer-address';

export function printerTransport(address: PrinterAddress): ByteTransport {
  switch (address.kind) {
    case 'tcp':
      return new TcpTransport({ host: address.host, port: address.port });
    case 'usb':
      return new UsbLpTransport({ path: address.path });
    case 'serial':
      // serialport itself is loaded only when the port opens (transport/load-native.ts).
      return new SerialTransport({ path: address.path, baudRate: address.baudRate });
  }
}
