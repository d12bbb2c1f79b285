// Opens the transport a printer address names: TCP 9100, the Linux USB printer class, or serial.
import { GuichetError } from '@guichet/shared';
import type { ByteTransport } from '../transport/byte-transport';
import { TcpTransport } from '../transport/tcp-transport';
import { UsbLpTransport } from '../transport/usb-lp-transport';
import type { PrinterAddress } from './printer-address';

export async function printerTransport(address: PrinterAddress): Promise<ByteTransport> {
  switch (address.kind) {
    case 'tcp':
      return new TcpTransport({ host: address.host, port: address.port });
    case 'usb':
      return new UsbLpTransport({ path: address.path });
    case 'serial':
      throw new GuichetError('PRINTER_SERIAL_UNAVAILABLE', `serial printing (${address.path}) needs the shared serial transport, which is not in this build yet`);
  }
}
