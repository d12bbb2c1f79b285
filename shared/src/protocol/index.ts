export * from './device-status';
export * from './messages';
export * from './transactions';
export * from './telemetry-kinds';
