// The demo's devices come from the kiosk's wiring, all simulated: the incident schedule drives those simulators
// and the fleet-facing board sees it; each PIN pad's batch lands where `guichet reconcile` reads it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { scheduleDemoIncidents, startDemoDevices, stopDemoDevices, type DemoKioskDevices } from './demo-devices';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-demo-devices-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
let devices: DemoKioskDevices[] = [];
afterEach(async () => stopDemoDevices(devices.splice(0)));

const until = (check: () => boolean) => eventually('the demo device state', check);

describe('demo devices', () => {
  it('give every kiosk its simulated PIN pad batch under DATA/terminals', async () => {
    devices = await startDemoDevices(['K-1', 'K-2'], { dataDir, pollMs: 50 });
    expect(fs.readdirSync(path.join(dataDir, 'terminals')).filter((f) => f.endsWith('.db'))).toEqual([
      'K-1.db',
      'K-2.db',
    ]);
    const [k1] = devices as [DemoKioskDevices];
    expect(await k1.devices.terminal.sale({ amountCents: 1250, reference: 'DEMO-1' })).toMatchObject({
      outcome: 'approved',
    });
    expect(k1.terminal.transactions.get('DEMO-1')).toMatchObject({ state: 'APPROVED', amountCents: 1250 });
  });

  it('run a printer out of paper and restock it, then fail a PIN pad and repair it', async () => {
    devices = await startDemoDevices(['K-1', 'K-2'], { dataDir, pollMs: 30 });
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
      await until(() => k2.devices.board.statuses().printer?.code === 'PRINTER_PAPER_END');
      expect(k1.printer.faults.paper).toBe('ok');
      await until(() => k2.devices.board.statuses().printer?.state === 'ok');
      await until(() => k1.devices.board.statuses().paymentTerminal?.state === 'fault');
      await until(() => k1.devices.board.statuses().paymentTerminal?.state === 'ok');
    } finally {
      stop();
    }
  });
});
