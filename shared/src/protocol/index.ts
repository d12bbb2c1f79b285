export * from './device-status';
export * from './messages';
