// Payment-terminal simulator: public surface.
export * from './cardholder-scripts';
export * from './terminal-simulator';
export * from './terminal-records';
export * from './terminal-tcp-server';
