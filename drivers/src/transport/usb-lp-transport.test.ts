// The USB printer-class transport is file I/O on a character device: tested on one end of a socat pty pair
// (the simulator on the other end) and on a plain file, the way /dev/usb/lp0 is written.
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { manualTimers } from '../test-support/manual-timers';
import { UsbLpTransport, type DeviceFileHandle } from './usb-lp-transport';
import { ReceiptPrinter } from '../printer/receipt-printer';
import { PrinterSimulator } from '../sim/printer/printer-simulator';
import { startPtyPair } from '../test-support/socat-pty';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function ptyPair(_dir: string): Promise<{ a: string; b: string; socat: ChildProcess }> {
  const pair = await startPtyPair();
  cleanup.push(() => pair.stop());
  return pair;
}

describe('UsbLpTransport', () => {
  it('drives the simulator through a pty pair: status and a full receipt', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'guichet-lp-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const { a, b } = await ptyPair(dir);
    const simEnd = new UsbLpTransport({ path: a });
    await simEnd.open();
    cleanup.push(() => simEnd.close());
    const sim = new PrinterSimulator({ paper: 'near-end' });
    sim.attach(simEnd);
    cleanup.push(() => sim.close());

    const printer = new ReceiptPrinter(new UsbLpTransport({ path: b }), { statusTimeoutMs: 500 });
    cleanup.push(() => printer.close());
    expect((await printer.checkStatus()).health).toMatchObject({ state: 'warning', code: 'PRINTER_PAPER_NEAR_END' });
    const result = await printer.printReceipt({
      lines: [
        { kind: 'text', text: 'Reçu — pty', bold: true },
        { kind: 'qr', data: 'PTY-1' },
      ],
      cut: 'full',
    });
    expect(result.printed).toBe(true);
    expect(sim.text()).toContain('**Reçu ? pty**'); // the em dash is not in PC858: it prints as '?'
    expect(sim.text()).toContain('[QR: PTY-1]');
    expect(sim.text()).toContain('--- full cut ---');
  });

  it('writes ESC/POS bytes to a device file unchanged', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'guichet-lp-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'lp0');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, ''));
    const transport = new UsbLpTransport({ path: file });
    await transport.open();
    const bytes = Uint8Array.from({ length: 3000 }, (_, i) => i % 256);
    await transport.write(bytes);
    await transport.close();
    expect(transport.isOpen).toBe(false);
    expect(Buffer.compare(readFileSync(file), Buffer.from(bytes))).toBe(0);
  });

  it('a missing device is a typed error', async () => {
    const transport = new UsbLpTransport({ path: '/dev/usb/lp-not-here' });
    await expect(transport.open()).rejects.toMatchObject({ code: 'TRANSPORT_CONNECT_FAILED' });
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
  });
});

/** A device file that fails the way usblp does: scripted errno codes per read and write, then normal I/O. */
function scriptedDevice(script: { reads?: Array<string | Buffer>; writes?: string[] }) {
  const reads = [...(script.reads ?? [])];
  const writes = [...(script.writes ?? [])];
  const written: Buffer[] = [];
  const calls = { reads: 0, writes: 0 };
  const fail = (code: string): Error => Object.assign(new Error(`${code}: scripted`), { code });
  const handle: DeviceFileHandle = {
    read: (buffer) => {
      calls.reads++;
      const next = reads.shift() ?? 'EAGAIN';
      if (typeof next === 'string') return Promise.reject(fail(next));
      next.copy(buffer);
      return Promise.resolve({ bytesRead: next.length });
    },
    write: (data, offset, length) => {
      calls.writes++;
      const next = writes.shift();
      if (next) return Promise.reject(fail(next));
      written.push(Buffer.from(data.subarray(offset, offset + length)));
      return Promise.resolve({ bytesWritten: length });
    },
    close: () => Promise.resolve(),
  };
  return { handle, written, calls };
}

describe('UsbLpTransport errno handling (usblp)', () => {
  it('retries a read EIO (usblp resubmits its read URB) and then delivers the data, without closing', async () => {
    const device = scriptedDevice({ reads: ['EIO', 'EIO', Buffer.of(0x12)] });
    const clock = manualTimers();
    const transport = new UsbLpTransport({
      path: '/dev/usb/lp0',
      openFile: () => Promise.resolve(device.handle),
      timers: clock.timers,
    });
    const data: Buffer[] = [];
    let closed = false;
    transport.onData((chunk) => data.push(chunk));
    transport.onClose(() => (closed = true));
    await transport.open();
    cleanup.push(() => transport.close());
    await eventually('the retried reads', () => {
      clock.advance(100);
      return data.length === 1;
    });
    expect(Buffer.concat(data)).toEqual(Buffer.of(0x12));
    expect(closed).toBe(false);
    expect(transport.readsBack).toBe(true);
  });

  it('an EIO that does not clear is a lost link after a bounded number of retries', async () => {
    const device = scriptedDevice({ reads: Array<string>(20).fill('EIO') });
    const clock = manualTimers();
    const transport = new UsbLpTransport({
      path: '/dev/usb/lp0',
      openFile: () => Promise.resolve(device.handle),
      timers: clock.timers,
      eioRetries: 3,
    });
    let closedWith: Error | undefined;
    transport.onClose((error) => (closedWith = error));
    await transport.open();
    await eventually('the link to be declared lost', () => {
      clock.advance(100);
      return closedWith;
    });
    expect(closedWith).toMatchObject({ code: 'TRANSPORT_LOST' });
    expect(device.calls.reads).toBe(4); // the first read and 3 retries
    expect(transport.isOpen).toBe(false);
  });

  it('retries a write EIO and writes every byte once', async () => {
    const device = scriptedDevice({ writes: ['EIO', 'EIO'] });
    const clock = manualTimers();
    const transport = new UsbLpTransport({
      path: '/dev/usb/lp0',
      openFile: () => Promise.resolve(device.handle),
      timers: clock.timers,
    });
    await transport.open();
    cleanup.push(() => transport.close());
    let done = false;
    void transport.write(Uint8Array.of(1, 2, 3)).then(() => (done = true));
    await eventually('the write to go through', () => {
      clock.advance(100);
      return done;
    });
    expect(Buffer.concat(device.written)).toEqual(Buffer.of(1, 2, 3));
    const failing = scriptedDevice({ writes: Array<string>(10).fill('EIO') });
    const broken = new UsbLpTransport({
      path: '/dev/usb/lp1',
      openFile: () => Promise.resolve(failing.handle),
      timers: clock.timers,
      eioRetries: 2,
    });
    await broken.open();
    cleanup.push(() => broken.close());
    let error: unknown;
    void broken.write(Uint8Array.of(9)).catch((e: unknown) => (error = e));
    await eventually('the write to give up', () => {
      clock.advance(100);
      return error;
    });
    expect(error).toMatchObject({ code: 'TRANSPORT_WRITE_FAILED' });
    expect(failing.calls.writes).toBe(3);
  });

  it('EINVAL on read is a one-way printer: status unknown, prints sent and reported unconfirmed', async () => {
    const device = scriptedDevice({ reads: ['EINVAL'] });
    const transport = new UsbLpTransport({ path: '/dev/usb/lp0', openFile: () => Promise.resolve(device.handle) });
    const printer = new ReceiptPrinter(transport, { statusTimeoutMs: 200 });
    cleanup.push(() => printer.close());
    const report = await printer.checkStatus();
    expect(transport.readsBack).toBe(false);
    expect(transport.isOpen).toBe(true);
    expect(report).toEqual({
      health: expect.objectContaining({ state: 'warning', code: 'PRINTER_ONE_WAY' }) as unknown,
    });
    const result = await printer.print(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a));
    expect(result).toMatchObject({ printed: true, confirmation: 'none', confirmed: false, bytes: 4 });
    expect(Buffer.concat(device.written)).toEqual(Buffer.of(0x1b, 0x40, 0x41, 0x0a)); // no DLE EOT, no GS ( H
  });
});
