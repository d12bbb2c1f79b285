// The crash test's fleet server: the real FleetServer (SQLite fleet.db, socket.io kiosk link, transaction hub)
// with the real ministry adapters to the simulators the test process keeps alive. Reports each write of the
// hub's journal; once armed, it kills itself with SIGKILL at the chosen write. SIGTERM stops it cleanly (the
// Outdoors adapter then seals its open batch for the nightly run). Test code, started by crash.test.ts.
import { pino } from 'pino';
import { FleetServer } from '@guichet/fleet-server';
import { createMinistryAdapters } from '@guichet/fleet-server/hub/adapters/create-ministry-adapters';
import { MinistryEndpoints } from '@guichet/fleet-server/hub/adapters/ministry-endpoints';
import { DEMO_PRICES_FILE } from '@guichet/fleet-server/test-support/hub-fixture';
import { testFleetConfig } from '../support/fleet-harness';
import { crashingObserver, sendToParent, type ToChild } from './crash-messages';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`fleet child: ${name} is not set`);
  return value;
};

const observer = crashingObserver(sendToParent);
const endpoints = MinistryEndpoints.parse(JSON.parse(env('CRASH_MINISTRY_ENDPOINTS')));
const config = testFleetConfig(env('CRASH_FLEET_DATA_DIR'), env('CRASH_SITES_FILE'), {
  port: Number(process.env.CRASH_FLEET_PORT ?? 0),
  pricesFile: DEMO_PRICES_FILE,
  heartbeatIntervalMs: 5_000,
  offlineAfterMs: 60_000,
  stateFlushMs: 1_000,
  // The simulators apply a commit at once or never: a short grace keeps a killed commit's doubt brief.
  hubLookupGraceMs: 1_000,
});
const server = new FleetServer(config, {
  logger: pino({ level: process.env.CRASH_LOG_LEVEL ?? 'silent', base: { app: 'crash-fleet' } }),
  ministries: () => createMinistryAdapters(endpoints, { timeoutMs: 5_000 }),
  onHubDurableStep: observer.observe,
});
await server.start();
sendToParent({ type: 'ready', url: server.url });

process.on('message', (message: ToChild) => {
  if (message.type === 'arm') observer.arm(message.at);
  else if (message.type === 'ping') sendToParent({ type: 'pong', id: message.id });
  else if (message.type === 'issue-credential')
    sendToParent({
      type: 'credential',
      kioskId: message.kioskId,
      credential: server.credentials.issue(message.kioskId, new Date()),
    });
});
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
