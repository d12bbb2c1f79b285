// `npm start`: the demo network — a fleet server and 70 simulated kiosk runtimes in one process, with
// embedded SQLite under GUICHET_DATA_DIR (default ./data) and the HTTP port from PORT (default 8080).
// Prints the URLs to open and the demo credentials; stops cleanly on Ctrl-C. Bad configuration ends it with one
// line naming the variable and exit status 2.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { parseEnvConfig } from '@guichet/shared/config/env-config';
import { FleetServer, fleetConfigFromEnv, fleetStartupFailureLine } from '@guichet/fleet-server';
import { KIOSK_ENV, KioskConfig, KioskRuntime } from '@guichet/kiosk';
import { scheduleDemoIncidents, startDemoDevices, stopDemoDevices } from './demo-devices';

/** The demo network; a production fleet server must be given its own sites file. */
const DEMO_SITES_FILE = path.resolve(import.meta.dirname, '../../../fleet-server/demo/sites.json');
const DEMO_PRICES_FILE = path.resolve(import.meta.dirname, '../../../fleet-server/demo/prices.json');

/** Reads configuration; a bad or missing setting ends the demo with one line naming the variable, exit status 2. */
function configured<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    const line = fleetStartupFailureLine(error);
    if (line === undefined) throw error;
    console.error(`guichet demo: ${line}`);
    process.exit(2);
  }
}

const kiosksOnly = process.argv.includes('--kiosks-only');
const dataDir = path.resolve(process.env.GUICHET_DATA_DIR || './data');
fs.mkdirSync(dataDir, { recursive: true });

/** A secret kept in the data directory so a restarted demo keeps its credentials. */
function persistentSecret(file: string, make: () => string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = make();
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

const adminToken =
  process.env.GUICHET_ADMIN_TOKEN ||
  persistentSecret(
    path.join(dataDir, 'demo-admin-token'),
    () => `demo_${crypto.randomBytes(18).toString('base64url')}`,
  );
const log = pino({ level: process.env.LOG_LEVEL || 'warn', base: { app: 'guichet-demo' } });
const credentialsFile = path.join(dataDir, 'demo-kiosk-credentials.json');
const credentials: Record<string, string> = fs.existsSync(credentialsFile)
  ? (JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Record<string, string>)
  : {};

let server: FleetServer | undefined;
let fleetUrl: string;
let heartbeatIntervalMs: number;
let kioskIds: string[];
if (!kiosksOnly) {
  const config = configured(() =>
    fleetConfigFromEnv({
      ...process.env,
      GUICHET_DATA_DIR: dataDir,
      GUICHET_SITES_FILE: process.env.GUICHET_SITES_FILE || DEMO_SITES_FILE,
      GUICHET_PRICES_FILE: process.env.GUICHET_PRICES_FILE || DEMO_PRICES_FILE,
      GUICHET_ADMIN_TOKEN: adminToken,
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    }),
  );
  heartbeatIntervalMs = config.heartbeatIntervalMs;
  server = configured(() => new FleetServer(config, { logger: log.child({ part: 'fleet' }) }));
  const now = new Date();
  for (const kiosk of server.registry.kiosks) {
    if (!credentials[kiosk.id] || !server.credentials.verify(kiosk.id, credentials[kiosk.id]!)) {
      credentials[kiosk.id] = server.credentials.issue(kiosk.id, now);
    }
  }
  fs.writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  fleetUrl = await server.start();
  kioskIds = server.registry.kiosks.map((kiosk) => kiosk.id);
} else {
  // --kiosks-only joins a fleet server that runs elsewhere: GUICHET_FLEET_URL is required.
  const fields = { fleetUrl: KIOSK_ENV.fleetUrl, heartbeatIntervalMs: KIOSK_ENV.heartbeatIntervalMs };
  const kiosk = configured(() =>
    parseEnvConfig(KioskConfig.pick({ fleetUrl: true, heartbeatIntervalMs: true }), process.env, fields),
  );
  fleetUrl = kiosk.fleetUrl;
  heartbeatIntervalMs = kiosk.heartbeatIntervalMs;
  kioskIds = Object.keys(credentials);
}

const devices = await startDemoDevices(kioskIds, { dataDir, pollMs: 5_000 });
const stopIncidents = scheduleDemoIncidents(devices, {
  firstAfterMs: 60_000,
  everyMs: 45_000,
  restockAfterMs: [120_000, 600_000],
});
const runtimes = devices.map(
  ({ kioskId, devices: { board } }) =>
    new KioskRuntime({
      kioskId,
      credential: credentials[kioskId]!,
      fleetUrl,
      dataDir: path.join(dataDir, 'kiosks'),
      heartbeatIntervalMs,
      devices: board,
      log: log.child({ part: 'kiosk' }),
    }),
);
// Stagger the start over ~2 s, as a real fleet powering up would.
runtimes.forEach((runtime, i) => setTimeout(() => runtime.start(), Math.round((i * 2000) / runtimes.length)));

console.log(`
Guichet demo — fleet server and ${runtimes.length} simulated kiosks (printer, PIN pad and card reader simulators driven by the real drivers;
from the first minute on, paper runs low or out and PIN pads fail now and then, and are fixed)
  Fleet status page: ${fleetUrl}/   (sign in with the admin API token below; ?lang=fr for French)
  Fleet health:      ${fleetUrl}/healthz
  Kiosks (API):      ${fleetUrl}/api/v1/kiosks
  Admin API token:   ${adminToken}
  Try:               curl -H "Authorization: Bearer ${adminToken}" ${fleetUrl}/api/v1/kiosks
  Data directory:    ${dataDir}
Press Ctrl-C to stop.
`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('Stopping kiosks and fleet server…');
  stopIncidents();
  await Promise.all(runtimes.map((runtime) => runtime.stop()));
  await stopDemoDevices(devices);
  await server?.stop();
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
