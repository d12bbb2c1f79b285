export * from './device-status';
export * from './messages';
export * from './transactions';
