// Payment terminal (semi-integrated PIN pad, STX/ETX/LRC ECR protocol): public surface.
export * from './control-bytes';
export * from './frame-codec';
export * from './message-table';
export * from './message-codec';
export * from './terminal-link';
export * from './payment-results';
export * from './payment-terminal';
export * from './terminal-health';
