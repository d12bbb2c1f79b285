// @guichet/fleet-server — express + socket.io fleet control.
export * from './fleet-server';
export * from './config/fleet-config';
export * from './telemetry/kiosk-status';
export * from './hub/ministry-adapter';
export * from './hub/transaction-hub';
export { AlertMonitor, type RaiseSecurity } from './alerts/alert-monitor';
export { SecurityEvent } from './alerts/security-alert';
