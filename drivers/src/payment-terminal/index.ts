// Payment terminal (semi-integrated PIN pad speaking PAX POSLink over serial or TCP): public surface.
export * from './control-bytes';
export * from './frame-codec';
export * from './message-table';
export * from './message-codec';
export * from './terminal-link';
export * from './payment-results';
export * from './payment-terminal';
export * from './terminal-health';
export * from './terminal-address';
