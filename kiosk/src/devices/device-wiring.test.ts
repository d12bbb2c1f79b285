// The kiosk's devices with nothing configured: every kind is its real driver against its simulator, no native
// device library is loaded, the PIN pad's batch is durable across a restart, and bad addresses open nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { startKioskDevices, terminalRecordsFile, type KioskDevices } from './device-wiring';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-device-wiring-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const started: KioskDevices[] = [];
afterEach(async () => {
  for (const devices of started.splice(0)) await devices.close();
});

async function simulated(kioskId: string, pollMs = 40): Promise<KioskDevices> {
  const devices = await startKioskDevices({}, { kioskId, dataDir, pollMs });
  started.push(devices);
  return devices;
}

const states = (devices: KioskDevices) =>
  Object.fromEntries(Object.entries(devices.board.statuses()).map(([kind, status]) => [kind, status?.state]));

describe('simulated kiosk devices', () => {
  it('drive the printer, PIN pad, card reader and barcode imager through the real drivers, with no native library loaded', async () => {
    const devices = await simulated('K-SIM-1');
    expect(states(devices)).toEqual({
      printer: 'ok',
      paymentTerminal: 'ok',
      cardReader: 'ok',
      idScanner: 'ok',
      touchScreen: 'ok',
    });
    expect(Object.keys(devices.simulators).sort()).toEqual(['cardReader', 'idScanner', 'printer', 'terminal']);
    const scans: string[] = [];
    devices.idScanner.on('scan', (scan) => scans.push(scan.kind === 'refused' ? scan.reason : scan.jurisdiction));
    await devices.simulators.idScanner?.scan('ontario');
    await eventually('the licence scan', () => scans.length > 0);
    expect(scans).toEqual(['ON']);
    expect(devices.printer.description).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    const swipes: string[] = [];
    devices.cardReader.on('swipe', (swipe) => swipes.push(swipe.kind));
    expect(devices.simulators.cardReader?.swipe('health-card')).toBe(true);
    await eventually('the swipe', () => swipes.length > 0);
    expect(swipes).toEqual(['health-card']);
    // A simulated kiosk runs where neither libusb nor a serial port exists: node-hid and serialport stay unloaded.
    const maps = fs.readFileSync('/proc/self/maps', 'utf8');
    expect(maps).toContain('better_sqlite3.node'); // the batch file's native library: this is the right process
    expect(maps).not.toMatch(/node-hid|HID\.node|serialport|bindings-cpp/i);
  });

  it('show a simulator fault on the board and clear it when the simulator recovers', async () => {
    const devices = await simulated('K-SIM-2', 20);
    devices.simulators.printer?.inject({ paper: 'end' });
    await eventually('paper end on the board', () => devices.board.statuses().printer?.code === 'PRINTER_PAPER_END');
    devices.simulators.terminal!.terminalState = 'ERROR';
    await eventually('PIN pad fault', () => devices.board.statuses().paymentTerminal?.state === 'fault');
    devices.simulators.printer?.inject({ paper: 'ok' });
    devices.simulators.terminal!.terminalState = 'READY';
    await eventually('all ok again', () => Object.values(states(devices)).every((s) => s === 'ok'));
  });

  it('keep the simulated PIN pad’s batch in <dataDir>/terminals/<kioskId>.db across a restart', async () => {
    const first = await simulated('K-SIM-3');
    expect(await first.terminal.sale({ amountCents: 4200, reference: 'WIRE-1' })).toMatchObject({
      outcome: 'approved',
    });
    await started.pop()!.close();
    expect(fs.existsSync(terminalRecordsFile(dataDir, 'K-SIM-3'))).toBe(true);
    expect(terminalRecordsFile(dataDir, 'K-SIM-3')).toBe(path.join(dataDir, 'terminals', 'K-SIM-3.db'));

    const again = await simulated('K-SIM-3');
    expect(again.simulators.terminal?.transactions.get('WIRE-1')).toMatchObject({
      state: 'APPROVED',
      amountCents: 4200,
    });
    // The restarted terminal answers a query for the sale it made before the restart.
    expect(await again.terminal.queryTransaction('WIRE-1')).toMatchObject({ state: 'approved', amountCents: 4200 });
  });

  it.each([
    [{ printer: 'lpt1' }, 'PRINTER_BAD_ADDRESS'],
    [{ paymentTerminal: 'serial:/dev/ttyS0?baud=1234' }, 'PAYMENT_TERMINAL_BAD_ADDRESS'],
    [{ paymentTerminal: 'tcp://pinpad.local:99999' }, 'PAYMENT_TERMINAL_BAD_ADDRESS'],
    [{ cardReader: 'usb' }, 'CARD_READER_BAD_ADDRESS'],
    [{ idScanner: 'usb:/dev/ttyACM0' }, 'ID_SCANNER_BAD_ADDRESS'],
  ])('refuse %o with %s before opening anything', async (settings, code) => {
    await expect(startKioskDevices(settings, { kioskId: 'K-BAD', dataDir, pollMs: 40 })).rejects.toMatchObject({
      code,
    });
    expect(fs.existsSync(terminalRecordsFile(dataDir, 'K-BAD'))).toBe(false);
  });
});
