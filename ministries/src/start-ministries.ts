// Starts every ministry simulator under one data directory (the demo, the hub's tests) and gives the endpoints
// in the shape the hub's ministry configuration takes (ministry id → address).
import { join } from 'node:path';
import type { FailureModesInput } from './common/failure-modes';
import { startFinesSimulator, type FinesSimulator } from './fines/fines-simulator';
import { startHealthSimulator, type HealthSimulator } from './health/health-simulator';
import { startOutdoorsSimulator, type OutdoorsSimulator } from './outdoors/outdoors-simulator';
import { startVehiclesSimulator, type VehiclesSimulator } from './vehicles/vehicles-simulator';

export interface MinistrySimulators {
  vehicles: VehiclesSimulator;
  health: HealthSimulator;
  outdoors: OutdoorsSimulator;
  fines: { 'attorney-general': FinesSimulator; 'city-ottawa': FinesSimulator; 'city-toronto': FinesSimulator };
}

export interface StartedMinistries {
  simulators: MinistrySimulators;
  /** Ministry id → endpoint, matching the hub's MinistryEndpoints schema. */
  endpoints: {
    transportation: { host: string; port: number };
    health: { url: string };
    'natural-resources': { lookup: { host: string; port: number }; dropDir: string };
    'attorney-general': { url: string };
    'city-ottawa': { url: string };
    'city-toronto': { url: string };
  };
  close(): Promise<void>;
}

export interface StartMinistriesOptions {
  /** Each system keeps its records in its own subdirectory here. */
  dataDir: string;
  host?: string;
  now?: () => Date;
  faults?: FailureModesInput;
  /** Outdoors nightly run timer (see OutdoorsSimulatorOptions.schedule). */
  nightly?: (run: () => void) => () => void;
}

export async function startMinistrySimulators(options: StartMinistriesOptions): Promise<StartedMinistries> {
  const common = (name: string) => ({
    dataDir: join(options.dataDir, name),
    ...(options.host ? { host: options.host } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const vehicles = await startVehiclesSimulator(common('vehicles'));
  const health = await startHealthSimulator(common('health'));
  const outdoors = await startOutdoorsSimulator({
    ...common('outdoors'),
    ...(options.nightly ? { schedule: options.nightly } : {}),
  });
  const fines = {
    'attorney-general': await startFinesSimulator({ ...common('fines-attorney-general'), issuer: 'attorney-general' }),
    'city-ottawa': await startFinesSimulator({ ...common('fines-city-ottawa'), issuer: 'city-ottawa' }),
    'city-toronto': await startFinesSimulator({ ...common('fines-city-toronto'), issuer: 'city-toronto' }),
  };
  const httpBase = (sim: { address: { host: string; port: number } }) => ({
    url: `http://${sim.address.host}:${sim.address.port}`,
  });
  return {
    simulators: { vehicles, health, outdoors, fines },
    endpoints: {
      transportation: vehicles.address,
      health: httpBase(health),
      'natural-resources': { lookup: outdoors.address, dropDir: outdoors.dropDir },
      'attorney-general': httpBase(fines['attorney-general']),
      'city-ottawa': httpBase(fines['city-ottawa']),
      'city-toronto': httpBase(fines['city-toronto']),
    },
    async close() {
      for (const sim of [vehicles, health, outdoors, ...Object.values(fines)]) await sim.close();
    },
  };
}
