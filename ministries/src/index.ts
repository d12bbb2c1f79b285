// The ministries' legacy systems as simulators (tests and the demo), their seeded data and shared fault modes.
export * from './common/failure-modes';
export * from './common/sim-store';
export * from './common/simulator-base';
export * from './test-data';
export * from './vehicles/vehicles-simulator';
export * from './health/health-simulator';
export * from './fines/fines-simulator';
export * from './outdoors/outdoors-simulator';
export * from './start-ministries';
