// `npm start`: the demo network — a fleet server with its transaction hub, the ministries' legacy systems
// (simulated) and 70 simulated kiosk runtimes in one process, with embedded SQLite under GUICHET_DATA_DIR (default
// ./data, laid out as `guichet reconcile --data-dir` reads it) and the HTTP port from PORT (default 8080).
// Simulated citizens use the kiosks (GUICHET_DEMO_TRAFFIC per kiosk per hour; GUICHET_DEMO_KIOSKS runs fewer
// kiosks). Prints the URLs to open and the demo credentials; stops cleanly on Ctrl-C. Bad configuration ends it
// with one line naming the variable and exit status 2.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { parseEnvConfig } from '@guichet/shared/config/env-config';
import { FleetServer, fleetConfigFromEnv, fleetStartupFailureLine } from '@guichet/fleet-server';
import { createMinistryAdapters } from '@guichet/fleet-server/hub/adapters/index';
import { KIOSK_ENV, KioskConfig, KioskRuntime, LogRing } from '@guichet/kiosk';
import { startKioskScreen, type KioskScreen } from '@guichet/kiosk/ui-bridge/kiosk-screen';
import { loadAlternatives } from '@guichet/kiosk/ui-bridge/nearest-sites';
import { startMinistrySimulators, type StartedMinistries } from '@guichet/ministries';
import { GuichetError } from '@guichet/shared';
import { scheduleDemoIncidents, startDemoDevices, stopDemoDevices } from './demo-devices';
import { DEMO_ENV, demoConfigFromEnv, demoFleetHost } from './demo-config';
import { DemoCitizens, type CitizenKiosk } from './demo-citizens';
import { formatTally, receivedTransactions, tallyTransactions } from './transaction-summary';
import { adminTokenProblem } from '@guichet/fleet-server/auth/secret-strength';
import { ensureDemoUsers, type DemoUser } from './demo-users';

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
const demo = configured(() => demoConfigFromEnv(process.env));
const dataDir = path.resolve(process.env.GUICHET_DATA_DIR || './data');
fs.mkdirSync(dataDir, { recursive: true });

/** The sites file with only its first `count` kiosks, written into the data directory (GUICHET_DEMO_KIOSKS). */
function fewerKiosks(sitesFile: string, count: number): string {
  let sites: { kiosks: unknown[] };
  try {
    sites = JSON.parse(fs.readFileSync(sitesFile, 'utf8')) as { kiosks: unknown[] };
    if (!Array.isArray(sites.kiosks)) return sitesFile;
  } catch {
    return sitesFile; // The fleet's own loader names what is wrong with it.
  }
  if (count > sites.kiosks.length)
    throw new GuichetError(
      'CONFIG_INVALID',
      `${DEMO_ENV.kiosks}: must be at most ${sites.kiosks.length} (the kiosks of the sites file)`,
    );
  const file = path.join(dataDir, 'demo-sites.json');
  fs.writeFileSync(file, `${JSON.stringify({ ...sites, kiosks: sites.kiosks.slice(0, count) }, null, 2)}\n`);
  return file;
}

/** A secret kept in the data directory so a restarted demo keeps its credentials. */
function persistentSecret(file: string, make: () => string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = make();
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** 32 random bytes: the fleet server refuses a bootstrap token under ~128 bits; a weaker one kept from an older demo is replaced. */
const adminTokenFile = path.join(dataDir, 'demo-admin-token');
if (fs.existsSync(adminTokenFile) && adminTokenProblem(fs.readFileSync(adminTokenFile, 'utf8').trim()))
  fs.rmSync(adminTokenFile);
const adminToken =
  process.env.GUICHET_ADMIN_TOKEN ||
  persistentSecret(adminTokenFile, () => `demo_${crypto.randomBytes(32).toString('base64url')}`);
const log = pino({ level: process.env.LOG_LEVEL || 'warn', base: { app: 'guichet-demo' } });
const credentialsFile = path.join(dataDir, 'demo-kiosk-credentials.json');
const credentials: Record<string, string> = fs.existsSync(credentialsFile)
  ? (JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Record<string, string>)
  : {};

let server: FleetServer | undefined;
let ministries: StartedMinistries | undefined;
let fleetUrl: string;
let heartbeatIntervalMs: number;
let kioskIds: string[];
let demoUsers: DemoUser[] = [];
if (!kiosksOnly) {
  const sitesFile = process.env.GUICHET_SITES_FILE || DEMO_SITES_FILE;
  const config = configured(() =>
    fleetConfigFromEnv({
      ...process.env,
      HOST: demoFleetHost(process.env),
      GUICHET_DATA_DIR: dataDir,
      GUICHET_SITES_FILE: demo.kiosks === undefined ? sitesFile : fewerKiosks(sitesFile, demo.kiosks),
      GUICHET_PRICES_FILE: process.env.GUICHET_PRICES_FILE || DEMO_PRICES_FILE,
      GUICHET_ADMIN_TOKEN: adminToken,
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    }),
  );
  heartbeatIntervalMs = config.heartbeatIntervalMs;
  // The ministries' systems keep their records in DATA/ministries/<system>/. The Outdoors Card system's
  // nightly run (ingesting the hub's batch file drops) comes every minute in the demo, and once at Ctrl-C.
  ministries = await startMinistrySimulators({
    dataDir: path.join(dataDir, 'ministries'),
    nightly: (run) => {
      const timer = setInterval(run, 60_000);
      timer.unref();
      return () => clearInterval(timer);
    },
  });
  const { endpoints } = ministries;
  server = configured(
    () =>
      new FleetServer(config, {
        logger: log.child({ part: 'fleet' }),
        // A factory: the server owns the adapters and closes them (the Outdoors one closes its open batch file).
        ministries: () => createMinistryAdapters(endpoints),
      }),
  );
  const now = new Date();
  for (const kiosk of server.registry.kiosks) {
    if (!credentials[kiosk.id] || !server.credentials.verify(kiosk.id, credentials[kiosk.id]!)) {
      credentials[kiosk.id] = server.credentials.issue(kiosk.id, now);
    }
  }
  fs.writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  demoUsers = await ensureDemoUsers(server.users, path.join(dataDir, 'demo-users.json'));
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
  kioskIds = Object.keys(credentials).slice(0, demo.kiosks);
}

/**
 * A demo kiosk's log: the demo's output as before, plus its last 64 KB at info level kept in memory, which the
 * fleet's collect-logs command reads (a real kiosk reads the file systemd writes, GUICHET_KIOSK_LOG_FILE).
 */
function kioskLog(): { log: pino.Logger; logs: LogRing } {
  const ring = new LogRing(64 * 1024);
  const streams = pino.multistream([
    { level: log.level, stream: process.stdout },
    { level: 'info', stream: ring },
  ]);
  const level = pino.levels.values[log.level]! < pino.levels.values.info! ? log.level : 'info';
  return { log: pino({ level, base: { app: 'guichet-demo', part: 'kiosk' } }, streams), logs: ring };
}

const devices = await startDemoDevices(kioskIds, { dataDir, pollMs: 5_000 });
const stopIncidents = scheduleDemoIncidents(devices, {
  firstAfterMs: 60_000,
  everyMs: 45_000,
  restockAfterMs: [120_000, 600_000],
});
// Each kiosk's journal is DATA/kiosks/<kioskId>.transactions.db, where `guichet reconcile` reads it.
const runtimes = devices.map(
  ({ kioskId, devices: { board, terminal, printer } }) =>
    new KioskRuntime({
      kioskId,
      credential: credentials[kioskId]!,
      fleetUrl,
      dataDir: path.join(dataDir, 'kiosks'),
      heartbeatIntervalMs,
      devices: board,
      transactionDevices: { terminal, printer },
      ...kioskLog(),
    }),
);
// Stagger the start over ~2 s, as a real fleet powering up would.
runtimes.forEach((runtime, i) => setTimeout(() => runtime.start(), Math.round((i * 2000) / runtimes.length)));

// The first kiosk's touch screen, for a person to use, with the demo panel beside it acting as card holder and
// devices; simulated citizens leave that kiosk alone.
const screenKiosk = devices[0];
let screen: KioskScreen | undefined;
if (screenKiosk && runtimes[0]) {
  try {
    screen = await startKioskScreen({
      runtime: runtimes[0],
      devices: screenKiosk.devices,
      host: '127.0.0.1',
      port: demo.screenPort,
      ...(demo.uiDir && { staticDir: path.resolve(demo.uiDir) }),
      alternatives: loadAlternatives(DEMO_SITES_FILE, screenKiosk.kioskId),
      demoPanel: {
        terminal: screenKiosk.terminal,
        printer: screenKiosk.printer,
        ...(screenKiosk.devices.simulators.cardReader && { cardReader: screenKiosk.devices.simulators.cardReader }),
      },
      log: log.child({ part: 'kiosk-screen' }),
    });
  } catch (error) {
    console.error(
      `guichet demo: the kiosk screen could not start (${(error as Error).message}); set ${DEMO_ENV.screenPort} to a free port`,
    );
  }
}

// Citizens go through each kiosk's own transaction API, with its simulated PIN pad playing the card holder.
const citizenKiosks: CitizenKiosk[] = runtimes.slice(screen ? 1 : 0).map((runtime, j) => {
  const i = j + (screen ? 1 : 0);
  return {
    kioskId: devices[i]!.kioskId,
    get mode() {
      return runtime.mode;
    },
    get online() {
      return runtime.link.connected;
    },
    get transactions() {
      return runtime.transactions;
    },
    pinPad: devices[i]!.terminal,
  };
});
const citizens = new DemoCitizens(citizenKiosks, {
  perHour: demo.trafficPerHour,
  timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout) },
  random: Math.random,
  log: log.child({ part: 'citizens' }),
});
citizens.start();

// The fleet's view of the transactions (the kiosks' transaction.* telemetry), a line a minute while it changes.
const startedAt = new Date();
let summarisedTo = startedAt;
const summaryTimer = setInterval(() => {
  if (!server) return;
  const to = new Date();
  const tally = tallyTransactions(receivedTransactions(server.db, summarisedTo, to));
  summarisedTo = to;
  if (Object.values(tally.counts).some((n) => n > 0)) console.log(`Transactions, last minute: ${formatTally(tally)}`);
}, 60_000);
summaryTimer.unref();

/** One line per demo user: name, password and role (none with --kiosks-only, whose fleet server runs elsewhere). */
const signInLines = demoUsers
  .map(({ user, password }) => {
    const scope = user.region ? `, region ${user.region}` : user.ministry ? `, ministry ${user.ministry}` : '';
    return `  Sign in as:        ${user.username} / ${password}   (${user.role}${scope})\n`;
  })
  .join('');

console.log(`
Guichet demo — fleet server and ${runtimes.length} simulated kiosks (printer, PIN pad and card reader simulators driven by the real drivers;
from the first minute on, paper runs low or out and PIN pads fail now and then, and are fixed)
  Transactions:      ${demo.trafficPerHour > 0 ? `simulated citizens, ${demo.trafficPerHour} per kiosk per hour (${DEMO_ENV.trafficPerHour}), through the transaction hub to the ministries' systems (simulated)` : `no simulated citizens (${DEMO_ENV.trafficPerHour}=0)`}
  Kiosk screen:      ${screen ? `${screen.url}/   (${devices[0]!.kioskId}'s touch screen, best at 1920×1080; keyboard: arrows, Enter, Escape, L, H)` : 'not started'}
  Demo panel:        ${screen ? `${screen.url}/demo-panel   (beside the screen: act as the card holder, swipe a licence, run the printer out of paper)` : 'not started'}
  Console:           ${fleetUrl}/console/
${signInLines}  Fleet status page: ${fleetUrl}/   (sign in with the admin API token below; ?lang=fr for French)
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
  clearInterval(summaryTimer);
  // Citizens at a kiosk may finish (a few seconds); anything still in flight is settled at the next start.
  await citizens.stop(5_000);
  await screen?.close();
  stopIncidents();
  const inFlight = runtimes.reduce((n, runtime) => n + (runtime.transactions?.journal.inFlight().length ?? 0), 0);
  await Promise.all(runtimes.map((runtime) => runtime.stop()));
  await stopDemoDevices(devices);
  if (server) {
    const tally = tallyTransactions(receivedTransactions(server.db, startedAt, new Date()));
    console.log(`Transactions this run: ${formatTally(tally)}`);
  }
  await server?.stop();
  // The night falls: the Outdoors Card system ingests the batch files the hub closed on stopping.
  ministries?.simulators.outdoors.runNightly();
  await ministries?.close();
  if (inFlight > 0)
    console.log(
      `${inFlight} transaction(s) still in flight (a sale whose answer was lost takes the PIN pad's 2-minute timeout): ` +
        'each kiosk settles them at the next start; until then reconciliation lists them as in flight.',
    );
  const shownDir = path.relative(process.cwd(), dataDir);
  if (server)
    console.log(
      `Check every cent: npx guichet reconcile --data-dir ${shownDir && !shownDir.startsWith('..') ? shownDir : dataDir}`,
    );
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
