// The ministry adapters and what the hub needs to build them from its configuration.
export * from './create-ministry-adapters';
export * from './ministry-endpoints';
export * from './deadline';
export * from './adapter-options';
export { VehiclesAdapter, type VehiclesEndpoint } from './vehicles-adapter';
export { HealthAdapter, type HealthEndpoint } from './health-adapter';
export { FinesAdapter, FINES_ISSUER_IDS, type FinesEndpoint, type FinesIssuerId } from './fines-adapter';
export { OutdoorsAdapter, type OutdoorsEndpoint, type OutdoorsAdapterOptions } from './outdoors-adapter';
