// Opens the transport a printer address names: TCP 9100, the Linux USB printer class, or serial.
import type { ByteTransport } from '../transport/byte-transport';
import { SerialTransport } from '../transport/serial-transport';
import { TcpTransport } from '../transport/tcp-transport';
import { UsbLpTransport } from '../transport/usb-lp-transport';
import type { SerialTransportOptions } from '../transport/serial-transport';
import type { PrinterAddress } from './printer-address';

/** A serial address's settings for serialport; what the address leaves out is the printer default 8N1, no flow. */
export function serialTransportOptions(address: Extract<PrinterAddress, { kind: 'serial' }>): SerialTransportOptions {
  return {
    path: address.path,
    baudRate: address.baudRate,
    dataBits: address.dataBits ?? 8,
    parity: address.parity ?? 'none',
    stopBits: address.stopBits ?? 1,
    flow: address.flow ?? 'none',
  };
}

export function printerTransport(address: PrinterAddress): ByteTransport {
  switch (address.kind) {
    case 'tcp':
      return new TcpTransport({ host: address.host, port: address.port });
    case 'usb':
      return new UsbLpTransport({ path: address.path });
    case 'serial':
      // serialport itself is loaded only when the port opens (transport/load-native.ts).
      return new SerialTransport(serialTransportOptions(address));
  }
}
