// One kiosk runtime with its touch screen in a process of its own, for kiosk-ui.bench.ts (its start-up and RSS):
// the simulated devices (startKioskDevices({})), the real KioskRuntime linked to the fleet at GUICHET_FLEET_URL,
// and the screen serving the built UI from GUICHET_UI_DIR. Prints one JSON line: when construction began
// (wall clock, comparable with the page's) and the screen's URL, then a second line once linked to the fleet. Stops on SIGTERM.
import { pino } from 'pino';
import { eventually } from '@guichet/shared/test-support/eventually';
import { KioskRuntime, startKioskDevices, startKioskScreen } from '@guichet/kiosk';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const constructAt = Date.now();
const kioskId = env('GUICHET_KIOSK_ID');
const dataDir = env('GUICHET_DATA_DIR');
const log = pino({ level: 'silent' });
const devices = await startKioskDevices({}, { kioskId, dataDir, pollMs: 1000, log });
const runtime = new KioskRuntime({
  kioskId,
  credential: env('GUICHET_KIOSK_CREDENTIAL'),
  fleetUrl: env('GUICHET_FLEET_URL'),
  dataDir,
  heartbeatIntervalMs: 1000,
  devices: devices.board,
  transactionDevices: { terminal: devices.terminal, printer: devices.printer },
  log,
});
runtime.start();
const screen = await startKioskScreen({
  runtime,
  devices,
  staticDir: env('GUICHET_UI_DIR'),
  idleMs: 600_000,
  log,
});
process.stdout.write(`${JSON.stringify({ constructAt, url: screen.url })}\n`);
// Then when it can sell: the transaction journal open and the fleet link up.
await runtime.transactions!.ready;
await eventually('the kiosk link to connect', () => runtime.link.connected, { timeoutMs: 30_000 });
process.stdout.write(`${JSON.stringify({ connectedAt: Date.now() })}\n`);

process.once('SIGTERM', () => {
  void screen
    .close()
    .then(() => runtime.stop())
    .then(() => devices.close())
    .then(() => process.exit(0));
});
