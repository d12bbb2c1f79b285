// SerialTransport against @serialport/binding-mock (node-serialport's test binding): open, echo, close, errors.
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortMock } from 'serialport';
import { isGuichetError } from '@guichet/shared';
import { SerialTransport } from './serial-transport';

// @serialport/binding-mock's export map hides its types; serialport re-exposes the same binding.
const MockBinding = SerialPortMock.binding;

describe('SerialTransport over the mock binding', () => {
  let transport: SerialTransport | undefined;
  afterEach(async () => {
    await transport?.close();
    MockBinding.reset();
  });

  it('opens, writes, receives the echo and closes, reporting the close once', async () => {
    MockBinding.createPort('/dev/ttyMOCK0', { echo: true, record: true });
    transport = new SerialTransport({ path: '/dev/ttyMOCK0', baudRate: 9600, binding: MockBinding });
    expect(transport.description).toBe('serial:/dev/ttyMOCK0');
    await transport.open();
    expect(transport.isOpen).toBe(true);
    const received: Buffer[] = [];
    const echoed = new Promise<void>((resolve) => transport!.onData((chunk) => { received.push(chunk); if (Buffer.concat(received).length >= 3) resolve(); }));
    await transport.write(Uint8Array.from([0x02, 0x41, 0x03]));
    await echoed;
    expect(Buffer.concat(received)).toEqual(Buffer.from([0x02, 0x41, 0x03]));
    let closes = 0;
    transport.onClose(() => closes++);
    await transport.close();
    expect(transport.isOpen).toBe(false);
    expect(closes).toBe(1);
  });

  it('maps a missing port to TRANSPORT_CONNECT_FAILED', async () => {
    transport = new SerialTransport({ path: '/dev/ttyNOPE', binding: MockBinding });
    await expect(transport.open()).rejects.toSatisfy((error: unknown) => isGuichetError(error, 'TRANSPORT_CONNECT_FAILED'));
    expect(transport.isOpen).toBe(false);
  });

  it('refuses writes before open with TRANSPORT_CLOSED and a second open with TRANSPORT_ALREADY_OPEN', async () => {
    MockBinding.createPort('/dev/ttyMOCK1', { echo: false });
    transport = new SerialTransport({ path: '/dev/ttyMOCK1', binding: MockBinding });
    await expect(transport.write(Uint8Array.from([1]))).rejects.toSatisfy((error: unknown) => isGuichetError(error, 'TRANSPORT_CLOSED'));
    await transport.open();
    await expect(transport.open()).rejects.toSatisfy((error: unknown) => isGuichetError(error, 'TRANSPORT_ALREADY_OPEN'));
  });
});
