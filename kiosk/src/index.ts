// @guichet/kiosk — the runtime on each kiosk.
export * from './runtime/kiosk-runtime';
export * from './runtime/target-state-store';
export * from './devices/device-board';
export * from './link/fleet-link';
export * from './link/telemetry-outbox';
export * from './config/kiosk-config';
export * from './devices/polled-device-board';
export * from './devices/printer-probe';
export * from './devices/static-probe';
export * from './devices/payment-terminal-probe';
export * from './devices/card-reader-probe';
export * from './transaction/kiosk-transactions';
export * from './transaction/transaction-machine';
export * from './transaction/transaction-runner';
export * from './transaction/hub-client';
export * from './transaction/tx-id';
export * from './devices/device-addresses';
export * from './devices/device-wiring';
export {
  startKioskScreen,
  DEFAULT_KIOSK_UI_PORT,
  type KioskScreen,
  type KioskScreenOptions,
} from './ui-bridge/kiosk-screen';
export { nearestAlternatives, loadAlternatives } from './ui-bridge/nearest-sites';
export * from './commands/command-handler';
export * from './commands/command-store';
export * from './commands/command-effects';
export * from './commands/log-excerpt';
