import { describe, expect, it } from 'vitest';
import { formatPrinterAddress, parsePrinterAddress } from './printer-address';

describe('printer addresses', () => {
  it('parses the three forms', () => {
    expect(parsePrinterAddress('tcp://10.0.0.7:9100')).toEqual({ kind: 'tcp', host: '10.0.0.7', port: 9100 });
    expect(parsePrinterAddress('tcp://printer.local')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9100 });
    expect(parsePrinterAddress('serial:/dev/ttyS0')).toEqual({ kind: 'serial', path: '/dev/ttyS0', baudRate: 38400 });
    expect(parsePrinterAddress('serial:/dev/ttyUSB1?baud=9600')).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB1',
      baudRate: 9600,
    });
    expect(parsePrinterAddress('usb:/dev/usb/lp0')).toEqual({ kind: 'usb', path: '/dev/usb/lp0' });
  });

  it('round-trips through its formatted form', () => {
    for (const a of ['tcp://127.0.0.1:9100', 'serial:/dev/ttyS0?baud=19200', 'usb:/dev/usb/lp1']) {
      expect(formatPrinterAddress(parsePrinterAddress(a))).toBe(a);
    }
  });

  it('rejects what it cannot use, with a typed error', () => {
    for (const a of ['lpt1', 'tcp://host:70000', 'serial:/dev/ttyS0?baud=1234', 'usb:lp0', 'http://x:9100', '']) {
      expect(() => parsePrinterAddress(a)).toThrowError(expect.objectContaining({ code: 'PRINTER_BAD_ADDRESS' }));
    }
  });
});

describe('serial line settings in the address', () => {
  it('reads flow control, data bits, parity and stop bits', () => {
    expect(parsePrinterAddress('serial:/dev/ttyS0?baud=19200&flow=rtscts&bits=8&parity=none')).toEqual({
      kind: 'serial',
      path: '/dev/ttyS0',
      baudRate: 19200,
      flow: 'rtscts',
      dataBits: 8,
      parity: 'none',
    });
    expect(parsePrinterAddress('serial:/dev/ttyUSB0?flow=xon&bits=7&parity=even&stop=2')).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 38400,
      flow: 'xon',
      dataBits: 7,
      parity: 'even',
      stopBits: 2,
    });
    const full = 'serial:/dev/ttyS1?baud=9600&flow=rtscts&bits=7&parity=odd&stop=2';
    expect(formatPrinterAddress(parsePrinterAddress(full))).toBe(full);
  });

  it('refuses unknown or repeated settings and out-of-range values, naming the setting', () => {
    const cases: Array<[string, RegExp]> = [
      ['serial:/dev/ttyS0?flow=dtrdsr', /flow/],
      ['serial:/dev/ttyS0?bits=9', /bits/],
      ['serial:/dev/ttyS0?parity=maybe', /parity/],
      ['serial:/dev/ttyS0?stop=3', /stop/],
      ['serial:/dev/ttyS0?speed=9600', /speed/],
      ['serial:/dev/ttyS0?baud=9600&baud=19200', /twice/],
      ['serial:/dev/ttyS0?baud=fast', /baud/],
    ];
    for (const [address, why] of cases) {
      expect(() => parsePrinterAddress(address)).toThrowError(
        expect.objectContaining({ code: 'PRINTER_BAD_ADDRESS', message: expect.stringMatching(why) as unknown }),
      );
    }
  });
});
