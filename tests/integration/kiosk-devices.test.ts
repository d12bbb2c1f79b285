// A kiosk configured with a TCP printer (GUICHET_PRINTER, wired by startKioskDevices as kiosk/src/main.ts does):
// the real ESC/POS driver talks to the printer simulator, and the kiosk is linked to a real fleet server: paper near-end is a warning only; paper end and a pulled cable open printer faults that
// clear when the printer is restocked or plugged back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FleetServer } from '@guichet/fleet-server';
import { KioskRuntime, startKioskDevices, type KioskDevices } from '@guichet/kiosk';
import { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';
import { eventually } from '@guichet/shared/test-support/eventually';
import { api, startFleet, tempDir, testFleetConfig, writeSitesFile } from '../support/fleet-harness';

let server: FleetServer;
let runtime: KioskRuntime;
let devices: KioskDevices;
let simulator: PrinterSimulator;

beforeAll(async () => {
  const dir = tempDir('devices');
  server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 1)), pino({ level: 'silent' }));
  simulator = new PrinterSimulator();
  const { port } = await simulator.listenTcp('127.0.0.1', 0);
  devices = await startKioskDevices(
    { printer: `tcp://127.0.0.1:${port}` },
    { kioskId: 'K-001', dataDir: `${dir}/kiosk`, pollMs: 100 },
  );
  runtime = new KioskRuntime({
    kioskId: 'K-001',
    credential: server.credentials.issue('K-001', new Date()),
    fleetUrl: server.url,
    dataDir: `${dir}/kiosk`,
    heartbeatIntervalMs: 200,
    devices: devices.board,
    log: pino({ level: 'silent' }),
  });
  runtime.start();
  await eventually('online', () => server.monitor.view('K-001', () => false)?.status === 'online');
});

afterAll(async () => {
  await runtime?.stop();
  await devices?.close();
  await simulator?.close();
  await server?.stop();
});

const view = async () =>
  (
    await api<{ kiosk: { status: string; devices: Record<string, { state: string; code?: string }> } }>(
      server,
      '/api/v1/kiosks/K-001',
    )
  ).body.kiosk;
const printerFaults = () => server.events.all().filter((e) => e.type === 'fault.detected' && e.component === 'printer');

describe('kiosk with a real printer driver', () => {
  it('reports paper near-end as a warning without opening a fault', async () => {
    simulator.inject({ paper: 'near-end' });
    await eventually('warning reported', async () => (await view()).devices.printer?.code === 'PRINTER_PAPER_NEAR_END');
    const kiosk = await view();
    expect(kiosk.status).toBe('online');
    expect(kiosk.devices.printer?.state).toBe('warning');
    expect(printerFaults()).toHaveLength(0);
  });

  it('opens a printer fault on paper end and clears it when restocked', async () => {
    simulator.inject({ paper: 'end' });
    await eventually('out of service', async () => (await view()).status === 'out-of-service');
    expect(printerFaults()).toEqual([expect.objectContaining({ component: 'printer', code: 'PRINTER_PAPER_END' })]);
    simulator.inject({ paper: 'ok' });
    await eventually('online again', async () => (await view()).status === 'online');
    expect(server.events.all().filter((e) => e.type === 'fault.cleared')).toHaveLength(1);
  });

  it('treats a pulled cable as a fault and recovers by itself when plugged back', async () => {
    simulator.unplug();
    await eventually('printer offline', async () => (await view()).devices.printer?.state === 'offline');
    expect((await view()).status).toBe('out-of-service');
    simulator.replug();
    await eventually('printer back', async () => (await view()).devices.printer?.state === 'ok', { timeoutMs: 10_000 });
    expect((await view()).status).toBe('online');
    expect(printerFaults()).toHaveLength(2);
  });
});
