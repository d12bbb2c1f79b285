import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { scheduleDemoIncidents, startDemoDevices, stopDemoDevices, type DemoKioskDevices } from './demo-devices';

let devices: DemoKioskDevices[] = [];
afterEach(async () => stopDemoDevices(devices.splice(0)));

const until = (check: () => boolean) => eventually('the demo device state', check);

describe('demo devices', () => {
  it('drive each kiosk’s printer, PIN pad and card reader through the real drivers', async () => {
    devices = await startDemoDevices(['K-1', 'K-2'], 50);
    for (const { board } of devices) {
      expect(Object.fromEntries(Object.entries(board.statuses()).map(([k, v]) => [k, v?.state]))).toEqual({
        printer: 'ok',
        paymentTerminal: 'ok',
        cardReader: 'ok',
        touchScreen: 'ok',
      });
    }
  });

  it('run a printer out of paper and restock it, then fail a PIN pad and repair it', async () => {
    devices = await startDemoDevices(['K-1', 'K-2'], 30);
    // random(): pick K-2 (0.9), no PIN pad (0.9), paper end (0.1), restock delay (0); then K-1, PIN pad (0.1), delay.
    const draws = [0.9, 0.9, 0.1, 0, 0.1, 0.1, 0];
    const stop = scheduleDemoIncidents(devices, {
      firstAfterMs: 10,
      everyMs: 400,
      restockAfterMs: [300, 300],
      random: () => draws.shift() ?? 0.99,
    });
    try {
      const [k1, k2] = devices as [DemoKioskDevices, DemoKioskDevices];
      await until(() => k2.board.statuses().printer?.code === 'PRINTER_PAPER_END');
      expect(k1.printer.faults.paper).toBe('ok');
      await until(() => k2.board.statuses().printer?.state === 'ok');
      await until(() => k1.board.statuses().paymentTerminal?.state === 'fault');
      await until(() => k1.board.statuses().paymentTerminal?.state === 'ok');
    } finally {
      stop();
    }
  });
});
