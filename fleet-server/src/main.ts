// Entry point: `tsx fleet-server/src/main.ts` runs a fleet server configured from the environment.
import { fleetConfigFromEnv } from './config/fleet-config';
import { FleetServer } from './fleet-server';
import { GuichetError } from '@guichet/shared';

try {
  const server = new FleetServer(fleetConfigFromEnv(process.env));
  await server.start();
  const stop = () => {
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof GuichetError) {
    console.error(`guichet fleet server: ${error.code}: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
