// SerialTransport against @serialport/binding-mock (node-serialport's test binding): open, echo, close, errors.
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPortMock } from 'serialport';
import { isGuichetError } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { parsePrinterAddress } from '../printer/printer-address';
import { serialTransportOptions } from '../printer/printer-transport';
import { SerialTransport } from './serial-transport';
import { startPtyPair, type PtyPair } from '../test-support/socat-pty';

/** The part of @serialport/binding-mock these tests use (its export map hides its types from the checker). */
interface MockPortBinding {
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  drain(): Promise<void>;
}
interface MockBindingApi {
  createPort(path: string, options?: { echo?: boolean; record?: boolean }): void;
  reset(): void;
  open(options: { path: string; baudRate: number }): Promise<MockPortBinding>;
}

// serialport re-exposes the mock binding.
const MockBinding = SerialPortMock.binding as unknown as MockBindingApi;

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
    const echoed = new Promise<void>((resolve) =>
      transport!.onData((chunk) => {
        received.push(chunk);
        if (Buffer.concat(received).length >= 3) resolve();
      }),
    );
    await transport.write(Uint8Array.from([0x02, 0x41, 0x03]));
    await echoed;
    expect(Buffer.concat(received)).toEqual(Buffer.from([0x02, 0x41, 0x03]));
    let closes = 0;
    transport.onClose(() => closes++);
    await transport.close();
    expect(transport.isOpen).toBe(false);
    expect(closes).toBe(1);
  });

  it('passes the address line settings (flow control, data bits, parity, stop bits) to serialport', async () => {
    MockBinding.createPort('/dev/ttyMOCK1', { echo: true });
    let opened: Record<string, unknown> | undefined;
    const recording = {
      ...MockBinding,
      open: (options: { path: string; baudRate: number }) => {
        opened = options;
        return MockBinding.open(options);
      },
    };
    const address = parsePrinterAddress('serial:/dev/ttyMOCK1?baud=19200&flow=rtscts&bits=7&parity=even&stop=2');
    if (address.kind !== 'serial') throw new Error('not a serial address');
    transport = new SerialTransport({ ...serialTransportOptions(address), binding: recording });
    await transport.open();
    expect(opened).toMatchObject({
      path: '/dev/ttyMOCK1',
      baudRate: 19200,
      dataBits: 7,
      parity: 'even',
      stopBits: 2,
      rtscts: true,
      xon: false,
      xoff: false,
    });
    await transport.close();
    const xon = parsePrinterAddress('serial:/dev/ttyMOCK1?flow=xon');
    if (xon.kind !== 'serial') throw new Error('not a serial address');
    transport = new SerialTransport({ ...serialTransportOptions(xon), binding: recording });
    await transport.open();
    expect(opened).toMatchObject({
      baudRate: 38400,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      rtscts: false,
      xon: true,
      xoff: true,
    });
  });

  it('maps a missing port to TRANSPORT_CONNECT_FAILED', async () => {
    transport = new SerialTransport({ path: '/dev/ttyNOPE', binding: MockBinding });
    await expect(transport.open()).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'TRANSPORT_CONNECT_FAILED'),
    );
    expect(transport.isOpen).toBe(false);
  });

  it('opens the port with the line settings given: data bits, parity, stop bits and flow control', async () => {
    MockBinding.createPort('/dev/ttyMOCKLINE');
    const opened: Array<Record<string, unknown>> = [];
    const binding: typeof MockBinding = {
      ...MockBinding,
      open(options: Parameters<typeof MockBinding.open>[0]) {
        opened.push({ ...options });
        return MockBinding.open(options);
      },
    };
    transport = new SerialTransport({
      path: '/dev/ttyMOCKLINE',
      baudRate: 19200,
      dataBits: 7,
      parity: 'even',
      stopBits: 2,
      flow: 'rtscts',
      binding,
    });
    await transport.open();
    expect(opened[0]).toMatchObject({ baudRate: 19200, dataBits: 7, parity: 'even', stopBits: 2, rtscts: true });
    await transport.close();
    transport = new SerialTransport({ path: '/dev/ttyMOCKLINE', flow: 'xon', binding });
    await transport.open();
    expect(opened[1]).toMatchObject({ baudRate: 9600, xon: true, xoff: true });
    expect(opened[1]).not.toHaveProperty('rtscts', true);
  });

  /**
   * The mock binding with a port that misbehaves like a USB-serial adapter being unplugged: its writes hang
   * (the driver's buffer never drains) or fail with EIO, and `unplug()` fails its pending read as the OS does.
   */
  function failingAdapter(writes: 'hang' | 'fail'): { binding: typeof MockBinding; unplug: () => void } {
    let unplug!: (error: Error) => void;
    const unplugged = new Promise<never>((_resolve, reject) => (unplug = reject));
    unplugged.catch(() => undefined);
    const binding: typeof MockBinding = {
      ...MockBinding,
      async open(options: Parameters<typeof MockBinding.open>[0]) {
        const port = await MockBinding.open(options);
        const read = port.read.bind(port);
        port.read = (...args: Parameters<typeof read>) => Promise.race([read(...args), unplugged]);
        if (writes === 'hang') {
          const never = new Promise<void>(() => undefined);
          port.write = () => never;
          port.drain = () => never;
        } else port.write = () => Promise.reject(new Error('EIO: i/o error, write'));
        return port;
      },
    };
    return { binding, unplug: () => unplug(new Error('device disconnected')) };
  }

  /** Settles within `ms` or says it did not: a write that never settles is the defect under test. */
  function within<T>(promise: Promise<T>, ms = 2_000): Promise<T | 'still pending'> {
    let settled: { value: T } | undefined;
    void promise.then((value) => (settled = { value }));
    return eventually('the write to settle', () => settled, { timeoutMs: ms }).then(
      (done) => done.value,
      () => 'still pending' as const,
    );
  }

  it('a write in flight when the adapter is unplugged rejects with TRANSPORT_WRITE_FAILED, and the close is reported once', async () => {
    MockBinding.createPort('/dev/ttyMOCK2');
    const adapter = failingAdapter('hang');
    transport = new SerialTransport({ path: '/dev/ttyMOCK2', binding: adapter.binding });
    await transport.open();
    let closes = 0;
    transport.onClose(() => closes++);
    let writeSettled = false;
    const writing = transport
      .write(Uint8Array.from([0x02, 0x41, 0x03]))
      .catch((error: unknown) => error)
      .finally(() => (writeSettled = true));
    // The write is in flight (the adapter never drains it) when the cable goes.
    await Promise.resolve();
    expect(writeSettled).toBe(false);
    adapter.unplug();
    const outcome = await within(writing);
    expect(isGuichetError(outcome, 'TRANSPORT_WRITE_FAILED')).toBe(true);
    expect(transport.isOpen).toBe(false);
    expect(closes).toBe(1);
  });

  it('a write in flight when the port is closed rejects instead of never settling', async () => {
    MockBinding.createPort('/dev/ttyMOCK3');
    transport = new SerialTransport({ path: '/dev/ttyMOCK3', binding: failingAdapter('hang').binding });
    await transport.open();
    const writing = transport.write(Uint8Array.from([0x06])).catch((error: unknown) => error);
    await transport.close();
    expect(isGuichetError(await within(writing), 'TRANSPORT_WRITE_FAILED')).toBe(true);
  });

  it('a write the binding fails (EIO; the stream emits error and closes) rejects, is reported closed once, and later writes are TRANSPORT_CLOSED', async () => {
    MockBinding.createPort('/dev/ttyMOCK4');
    transport = new SerialTransport({ path: '/dev/ttyMOCK4', binding: failingAdapter('fail').binding });
    await transport.open();
    const closed = new Promise<Error | undefined>((resolve) => transport!.onClose(resolve));
    let closes = 0;
    transport.onClose(() => closes++);
    const outcome = await within(transport.write(Uint8Array.from([0x02, 0x41, 0x03])).catch((error: unknown) => error));
    expect(isGuichetError(outcome, 'TRANSPORT_WRITE_FAILED')).toBe(true);
    expect(((outcome as Error).cause as Error).message).toMatch(/EIO/);
    await within(closed);
    // node-serialport's second 'close' (the stream destroyed after the port closed) has come by now: without
    // the transport's once-only guard this counts 2.
    expect(closes).toBe(1);
    await expect(transport.write(Uint8Array.from([1]))).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'TRANSPORT_CLOSED'),
    );
  });

  it('two writes back to back both wait for their own bytes, not for the first one only', async () => {
    MockBinding.createPort('/dev/ttyMOCK5', { record: true });
    // The binding holds each write until the test lets it through, and records what went through.
    const held: Array<() => void> = [];
    let recorded = Buffer.alloc(0);
    const binding: typeof MockBinding = {
      ...MockBinding,
      async open(options: Parameters<typeof MockBinding.open>[0]) {
        const port = await MockBinding.open(options);
        const write = port.write.bind(port);
        port.write = (buffer: Buffer) =>
          new Promise<void>((release) => held.push(release)).then(async () => {
            await write(buffer);
            recorded = Buffer.concat([recorded, buffer]);
          });
        return port;
      },
    };
    transport = new SerialTransport({ path: '/dev/ttyMOCK5', binding });
    await transport.open();
    const resolved: string[] = [];
    const first = transport
      .write(Uint8Array.from([1, 2]))
      .then(() => resolved.push(`first:${recorded.toString('hex')}`));
    const second = transport
      .write(Uint8Array.from([3]))
      .then(() => resolved.push(`second:${recorded.toString('hex')}`));
    await eventually('the first write to reach the binding', () => held.length === 1);
    expect(resolved).toEqual([]);
    held[0]?.();
    await first;
    expect(resolved).toEqual(['first:0102']); // the second write's bytes are still held: it must not have resolved
    await eventually('the second write to reach the binding', () => held.length === 2);
    held[1]?.();
    await second;
    expect(resolved).toEqual(['first:0102', 'second:010203']);
  });

  it('refuses writes before open with TRANSPORT_CLOSED and a second open with TRANSPORT_ALREADY_OPEN', async () => {
    MockBinding.createPort('/dev/ttyMOCK1', { echo: false });
    transport = new SerialTransport({ path: '/dev/ttyMOCK1', binding: MockBinding });
    await expect(transport.write(Uint8Array.from([1]))).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'TRANSPORT_CLOSED'),
    );
    await transport.open();
    await expect(transport.open()).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'TRANSPORT_ALREADY_OPEN'),
    );
  });
});

describe('SerialTransport over a socat pty pair (the OS binding)', () => {
  let pair: PtyPair | undefined;
  const transports: SerialTransport[] = [];
  afterEach(async () => {
    for (const transport of transports.splice(0)) await transport.close();
    await pair?.stop();
    pair = undefined;
  });

  async function ptyPair(): Promise<[string, string]> {
    pair = await startPtyPair();
    return [pair.a, pair.b];
  }

  it('carries bytes both ways, and reports the close when the other side goes away (unplug)', async () => {
    const [a, b] = await ptyPair();
    const left = new SerialTransport({ path: a, baudRate: 9600 });
    const right = new SerialTransport({ path: b, baudRate: 9600 });
    transports.push(left, right);
    await left.open();
    await right.open();
    const received = new Promise<Buffer>((resolve) => right.onData(resolve));
    await left.write(Buffer.from('\x02PING\x03'));
    expect((await received).toString('latin1')).toContain('PING');
    const closed = new Promise<Error | undefined>((resolve) => left.onClose(resolve));
    pair?.socat.kill('SIGKILL');
    await closed;
    expect(left.isOpen).toBe(false);
    await expect(left.write(Uint8Array.from([1]))).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'TRANSPORT_CLOSED'),
    );
  });

  it('maps a path that does not exist to TRANSPORT_CONNECT_FAILED', async () => {
    const transport = new SerialTransport({ path: path.join(os.tmpdir(), 'no-such-tty-guichet') });
    await expect(transport.open()).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'TRANSPORT_CONNECT_FAILED'),
    );
  });
});
