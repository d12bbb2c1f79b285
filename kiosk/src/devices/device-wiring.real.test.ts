// The kiosk's devices when the configuration names them: the printer over real TCP, the PIN pad over a real serial
// line (a socat pty pair, node-serialport loaded on demand), the card reader by hidraw path or by USB ids through
// node-hid's module surface (a fake module: there is no USB here). Absent devices do not stop the kiosk.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import type { NodeHidDeviceInfo, NodeHidModule } from '@guichet/drivers/card-reader/node-hid-transport';
import { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';
import { PaymentTerminalSimulator } from '@guichet/drivers/sim/payment-terminal/terminal-simulator';
import { sampleReport } from '@guichet/drivers/sim/card-reader/sample-cards';
import { SerialTransport } from '@guichet/drivers/transport/serial-transport';
import { ImagerSimulator } from '@guichet/drivers/sim/id-scanner/imager-simulator';
import { startPtyPair } from '@guichet/drivers/test-support/socat-pty';
import { startKioskDevices, terminalRecordsFile, type KioskDevices } from './device-wiring';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-device-wiring-real-'));
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** node-hid's module surface over devices the test plugs in and out. */
function fakeNodeHid() {
  const plugged: NodeHidDeviceInfo[] = [];
  const opened = new Map<string, EventEmitter & { close(): void }>();
  class FakeDevice extends EventEmitter {
    constructor(readonly path: string) {
      super();
      opened.set(path, this);
    }
    close(): void {
      opened.delete(this.path);
    }
  }
  const module: NodeHidModule = { devices: () => [...plugged], HID: FakeDevice };
  return { module, plugged, opened, load: () => Promise.resolve(module) };
}

async function start(settings: Parameters<typeof startKioskDevices>[0], loadNodeHid?: () => Promise<NodeHidModule>) {
  const devices: KioskDevices = await startKioskDevices(settings, {
    kioskId: 'K-REAL',
    dataDir,
    pollMs: 50,
    ...(loadNodeHid && { loadNodeHid }),
  });
  cleanups.push(() => devices.close());
  return devices;
}

describe('configured kiosk devices', () => {
  it('drive a TCP printer, a serial PIN pad, a hidraw card reader and a USB-serial imager, and simulate nothing', async () => {
    const printerSim = new PrinterSimulator();
    cleanups.push(() => printerSim.close());
    const { port } = await printerSim.listenTcp('127.0.0.1', 0);
    const ptys = await startPtyPair(['ttyKIOSK', 'ttyPINPAD']);
    cleanups.push(() => ptys.stop());
    const pinPad = new PaymentTerminalSimulator(new SerialTransport({ path: ptys.b, baudRate: 19200 }), {
      processingMs: 5,
      card: { brand: 'MC', last4: '5454' },
    });
    await pinPad.start();
    cleanups.push(() => pinPad.stop());
    const imagerPtys = await startPtyPair(['ttyKIOSKSCAN', 'ttyIMAGER']);
    cleanups.push(() => imagerPtys.stop());
    const imager = new ImagerSimulator(new SerialTransport({ path: imagerPtys.b, baudRate: 115_200 }));
    await imager.start();
    cleanups.push(() => imager.stop());
    const hid = fakeNodeHid();
    hid.plugged.push({ vendorId: 0x1234, productId: 0x5678, path: '/dev/hidraw3' });

    const devices = await start(
      {
        printer: `tcp://127.0.0.1:${port}`,
        paymentTerminal: `serial:${ptys.a}?baud=19200`,
        cardReader: '/dev/hidraw3',
        idScanner: `serial:${imagerPtys.a}`,
      },
      hid.load,
    );
    expect(devices.simulators).toEqual({});
    expect(fs.existsSync(terminalRecordsFile(dataDir, 'K-REAL'))).toBe(false);
    expect(
      Object.fromEntries(Object.entries(devices.board.statuses()).map(([kind, status]) => [kind, status?.state])),
    ).toEqual({ printer: 'ok', paymentTerminal: 'ok', cardReader: 'ok', idScanner: 'ok', touchScreen: 'ok' });

    const scans: string[] = [];
    devices.idScanner.on('scan', (scan) => scans.push(scan.kind === 'refused' ? scan.reason : scan.jurisdiction));
    await imager.scan('michigan');
    await eventually('the licence scanned over the serial line', () => scans.length > 0);
    expect(scans).toEqual(['MI']);

    expect(await devices.terminal.sale({ amountCents: 2500, reference: 'REAL-1' })).toMatchObject({
      outcome: 'approved',
      brand: 'mastercard',
      last4: '5454',
    });
    expect(pinPad.transactions.get('REAL-1')?.amountCents).toBe(2500);

    const swipes: string[] = [];
    devices.cardReader.on('swipe', (swipe) => swipes.push(swipe.kind));
    hid.opened.get('/dev/hidraw3')?.emit('data', sampleReport('driver-licence'));
    expect(swipes).toEqual(['driver-licence']);

    printerSim.inject({ paper: 'near-end' });
    await eventually('the printer warning', () => devices.board.statuses().printer?.code === 'PRINTER_PAPER_NEAR_END');
    // The serial line was configured, so node-serialport's native binding is loaded now, and only now.
    expect(fs.readFileSync('/proc/self/maps', 'utf8')).toMatch(/bindings-cpp/);
  });

  it('start with an absent PIN pad and an unplugged reader: both offline, and the reader found once plugged', async () => {
    const hid = fakeNodeHid();
    const devices = await start(
      { paymentTerminal: `serial:${path.join(dataDir, 'no-such-tty')}`, cardReader: 'hid' },
      hid.load,
    );
    expect(devices.board.statuses().paymentTerminal?.state).toBe('offline');
    expect(devices.board.statuses().cardReader).toMatchObject({ state: 'offline', code: 'CARD_READER_NOT_FOUND' });
    expect(devices.board.statuses().printer?.state).toBe('ok'); // simulated
    expect(Object.keys(devices.simulators).sort()).toEqual(['idScanner', 'printer']);

    // A MagTek reader (vendor 0x0801) is plugged in: the transport's watch finds it by its USB ids.
    hid.plugged.push({ vendorId: 0x0801, productId: 0x0011, path: '/dev/hidraw9' });
    await eventually('the reader online', () => devices.board.statuses().cardReader?.state === 'ok');
    expect([...hid.opened.keys()]).toEqual(['/dev/hidraw9']);
  });
});
