// Entry point: `tsx fleet-server/src/main.ts` runs a fleet server configured from the environment. Bad
// configuration ends it with one line naming the variable and exit status 2.
import { fleetConfigFromEnv, fleetStartupFailureLine } from './config/fleet-config';
import { FleetServer } from './fleet-server';

try {
  const server = new FleetServer(fleetConfigFromEnv(process.env));
  await server.start();
  const stop = () => {
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const line = fleetStartupFailureLine(error);
  if (line === undefined) throw error;
  console.error(`guichet fleet server: ${line}`);
  process.exit(2);
}
