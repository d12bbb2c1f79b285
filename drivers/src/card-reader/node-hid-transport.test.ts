// NodeHidTransport against an injected fake of node-hid's module surface (the "mock binding": devices() and the
// HID class emitting 'data' / 'error'), since no USB device exists here: open, reports, unplug, backoff, replug.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sampleReport } from '../sim/card-reader/sample-cards';
import { CardReader } from './card-reader';
import type { HidConnectionChange } from './hid-transport';
import { NodeHidTransport, type NodeHidDeviceInfo, type NodeHidModule } from './node-hid-transport';

// A MagTek reader in HID mode: product 0x0002, vendor-defined usage page (0x0001 is keyboard emulation).
const READER: NodeHidDeviceInfo = { vendorId: 0x0801, productId: 0x0002, path: '/dev/hidraw3', usagePage: 0xff00 };

function fakeNodeHid() {
  const state = {
    present: [] as NodeHidDeviceInfo[],
    opened: [] as FakeDevice[],
    failOpens: 0,
    failEnumerations: 0,
    enumerations: 0,
  };
  class FakeDevice extends EventEmitter {
    closed = false;
    constructor(readonly path: string) {
      super();
      if (state.failOpens > 0) {
        state.failOpens -= 1;
        throw new Error('cannot open device with path ' + path);
      }
      if (!state.present.some((d) => d.path === path)) throw new Error('no such device');
      state.opened.push(this);
    }
    close(): void {
      this.closed = true;
    }
  }
  const module: NodeHidModule = {
    devices: () => {
      state.enumerations += 1;
      if (state.failEnumerations > 0) {
        state.failEnumerations -= 1;
        throw new Error('udev enumeration failed');
      }
      return [...state.present];
    },
    HID: FakeDevice,
  };
  const unplug = (): void => {
    state.present = [];
    state.opened.at(-1)?.emit('error', new Error('could not read from HID device'));
  };
  return { module, state, unplug, current: () => state.opened.at(-1) };
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  vi.useRealTimers();
  while (cleanup.length) await cleanup.pop()?.();
});

function transportFor(module: NodeHidModule, backoff = { baseMs: 5, maxMs: 40 }): NodeHidTransport {
  const transport = new NodeHidTransport({
    vendorId: 0x0801,
    productIds: [0x0002, 0x0011],
    loadModule: () => Promise.resolve(module),
    backoff,
  });
  cleanup.push(() => transport.close());
  return transport;
}

describe('NodeHidTransport', () => {
  it('opens the matching device by path and passes its reports on', async () => {
    const fake = fakeNodeHid();
    fake.state.present = [{ vendorId: 0x046d, productId: 0xc52b, path: '/dev/hidraw0' }, READER];
    const transport = transportFor(fake.module);
    await transport.open();
    expect(transport.isOpen).toBe(true);
    expect(transport.description).toBe('hid:0801:0002');
    expect(fake.current()?.path).toBe('/dev/hidraw3');
    const reports: Buffer[] = [];
    transport.onReport((r) => reports.push(r));
    fake.current()?.emit('data', Buffer.of(1, 2, 3));
    expect(reports).toEqual([Buffer.of(1, 2, 3)]);
  });

  it('refuses to open when no reader is plugged in', async () => {
    const fake = fakeNodeHid();
    fake.state.present = [{ ...READER, productId: 0x0003 }];
    const transport = transportFor(fake.module);
    await expect(transport.open()).rejects.toMatchObject({ code: 'CARD_READER_NOT_FOUND' });
    expect(transport.isOpen).toBe(false);
  });

  it('refuses a keyboard-emulation reader with a typed error telling how to switch it to HID mode', async () => {
    vi.useFakeTimers();
    const fake = fakeNodeHid();
    fake.state.present = [{ vendorId: 0x0801, productId: 0x0001, path: '/dev/hidraw0', usagePage: 0x01 }];
    const transport = transportFor(fake.module);
    const changes: HidConnectionChange[] = [];
    transport.onConnection((c) => changes.push(c));
    const refused = transport.open();
    await expect(refused).rejects.toMatchObject({
      code: 'CARD_READER_KEYBOARD_MODE',
      message: expect.stringMatching(/keyboard-emulation.*focused screen.*HID mode/s) as unknown,
    });
    expect(transport.isOpen).toBe(false);
    expect(fake.state.opened).toEqual([]); // never opened: we do not even read what it types
    // The technician switches it to HID mode: it re-enumerates as 0x0002 and the transport connects by itself.
    fake.state.present = [READER];
    await vi.advanceTimersByTimeAsync(5);
    expect(changes).toEqual([{ connected: true }]);
    expect(fake.current()?.path).toBe('/dev/hidraw3');
  });

  it('a HID-mode product id on a standard (non vendor-defined) usage page is keyboard emulation too', async () => {
    const fake = fakeNodeHid();
    fake.state.present = [{ ...READER, usagePage: 0x01 }];
    const transport = transportFor(fake.module);
    await expect(transport.open()).rejects.toMatchObject({ code: 'CARD_READER_KEYBOARD_MODE' });
    expect(fake.state.opened).toEqual([]);
  });

  it('on unplug: closes the dead handle, polls HID.devices() with doubling backoff, reopens by itself', async () => {
    vi.useFakeTimers();
    const fake = fakeNodeHid();
    fake.state.present = [READER];
    const transport = transportFor(fake.module);
    await transport.open();
    const changes: HidConnectionChange[] = [];
    transport.onConnection((c) => changes.push(c));
    const first = fake.current();
    const before = fake.state.enumerations;

    fake.unplug();
    expect(first?.closed).toBe(true);
    expect(transport.isOpen).toBe(false);
    expect(changes).toMatchObject([{ connected: false, error: { code: 'CARD_READER_UNPLUGGED' } }]);
    // Backoff 5, 10, 20, 40, 40 ms: exactly one enumeration at each of those instants.
    const expectedAt = [5, 15, 35, 75, 115];
    let elapsed = 0;
    for (const [i, at] of expectedAt.entries()) {
      await vi.advanceTimersByTimeAsync(at - elapsed - 1);
      expect(fake.state.enumerations - before).toBe(i);
      await vi.advanceTimersByTimeAsync(1);
      expect(fake.state.enumerations - before).toBe(i + 1);
      elapsed = at;
    }
    // Plugged back, first open attempt fails (permissions settling), enumeration fails once, then it is back.
    fake.state.present = [READER];
    fake.state.failOpens = 1;
    fake.state.failEnumerations = 1;
    await vi.advanceTimersByTimeAsync(40 * 3);
    expect(transport.isOpen).toBe(true);
    expect(changes.at(-1)).toEqual({ connected: true });
    expect(fake.current()).not.toBe(first);
    // A late report from the dead handle is ignored.
    const reports: Buffer[] = [];
    transport.onReport((r) => reports.push(r));
    first?.emit('data', Buffer.of(9));
    fake.current()?.emit('data', Buffer.of(7));
    expect(reports).toEqual([Buffer.of(7)]);
  });

  it('a kiosk that boots with the reader unplugged connects once it is plugged in', async () => {
    vi.useFakeTimers();
    const fake = fakeNodeHid();
    const transport = transportFor(fake.module);
    const reader = new CardReader(transport);
    const changes: HidConnectionChange[] = [];
    transport.onConnection((change) => changes.push(change));
    await expect(reader.connect()).rejects.toMatchObject({ code: 'CARD_READER_NOT_FOUND' });
    expect(reader.health().state).toBe('offline');
    const polledBefore = fake.state.enumerations;
    await vi.advanceTimersByTimeAsync(5 + 10); // the polls at 5 and 15 ms
    expect(fake.state.enumerations).toBe(polledBefore + 2); // still looking for it
    expect(transport.isOpen).toBe(false);
    fake.state.present = [READER];
    await vi.advanceTimersByTimeAsync(20); // the next poll, 20 ms later, finds it
    expect(transport.isOpen).toBe(true);
    expect(changes).toEqual([{ connected: true }]);
    expect(reader.health().state).toBe('ok');
  });

  it('stops polling once closed', async () => {
    vi.useFakeTimers();
    const fake = fakeNodeHid();
    fake.state.present = [READER];
    const transport = transportFor(fake.module);
    await transport.open();
    fake.unplug();
    await vi.advanceTimersByTimeAsync(20);
    await transport.close();
    const count = fake.state.enumerations;
    fake.state.present = [READER];
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.state.enumerations).toBe(count);
    expect(transport.isOpen).toBe(false);
  });

  it('drives the CardReader device: MagTek reports in, swipes out, offline while unplugged', async () => {
    const fake = fakeNodeHid();
    fake.state.present = [READER];
    const reader = new CardReader(transportFor(fake.module));
    const swipes: string[] = [];
    reader.on('swipe', (s) => swipes.push(s.kind));
    await reader.connect();
    fake.current()?.emit('data', sampleReport('driver-licence'));
    fake.current()?.emit('data', sampleReport('payment-card'));
    expect(swipes).toEqual(['driver-licence', 'payment-card-refused']);
    const back = new Promise<void>((resolve) => reader.on('connected', () => resolve()));
    fake.unplug();
    expect(reader.health()).toMatchObject({ state: 'offline', code: 'CARD_READER_UNPLUGGED' });
    fake.state.present = [READER];
    await back;
    expect(reader.health().state).toBe('ok');
  });
});
