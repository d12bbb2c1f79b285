// Payment terminal addresses: TCP with PAX's default port, serial with parity, data bits, stop bits and flow
// control in the query, and typed errors for anything else.
import { describe, expect, it } from 'vitest';
import { isGuichetError } from '@guichet/shared';
import { formatTerminalAddress, parseTerminalAddress, terminalTransport } from './terminal-address';

describe('payment terminal address', () => {
  it('tcp://HOST defaults to the POSLink ECR port 10009', () => {
    expect(parseTerminalAddress('tcp://192.168.1.50')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 10009 });
    expect(parseTerminalAddress('tcp://[fe80::1]:10010')).toEqual({ kind: 'tcp', host: 'fe80::1', port: 10010 });
    expect(terminalTransport(parseTerminalAddress('tcp://pinpad.local:10009')).description).toBe(
      'tcp://pinpad.local:10009',
    );
  });

  it('serial defaults to 9600 8N1 without flow control; each line setting can be given', () => {
    expect(parseTerminalAddress('serial:/dev/ttyUSB0')).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flow: 'none',
    });
    const address = parseTerminalAddress('serial:/dev/ttyS1?baud=19200&data=7&parity=even&stop=2&flow=rtscts');
    expect(address).toEqual({
      kind: 'serial',
      path: '/dev/ttyS1',
      baudRate: 19200,
      dataBits: 7,
      parity: 'even',
      stopBits: 2,
      flow: 'rtscts',
    });
    expect(parseTerminalAddress(formatTerminalAddress(address))).toEqual(address);
    expect(parseTerminalAddress('serial:/dev/ttyS1?flow=xon')).toMatchObject({ flow: 'xon', baudRate: 9600 });
    expect(terminalTransport(address).description).toBe('serial:/dev/ttyS1');
  });

  it.each([
    'serial:/dev/ttyS0?baud=12345',
    'serial:/dev/ttyS0?parity=mark',
    'serial:/dev/ttyS0?data=9',
    'serial:/dev/ttyS0?flow=dtr',
    'serial:/dev/ttyS0?speed=9600',
    'tcp://host:70000',
    'com1',
  ])('refuses %s with PAYMENT_TERMINAL_BAD_ADDRESS', (text) => {
    let caught: unknown;
    try {
      parseTerminalAddress(text);
    } catch (error) {
      caught = error;
    }
    expect(isGuichetError(caught, 'PAYMENT_TERMINAL_BAD_ADDRESS')).toBe(true);
  });
});
