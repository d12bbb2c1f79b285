// @guichet/drivers — one folder per device kind (transport -> protocol -> device), and simulators that
// speak the same bytes. Each device is a namespace, so protocol names never collide across devices.
export * from './transport/byte-transport';
export * from './transport/load-native';
export * from './device-health';
export * from './device/device-timers';
export * from './cli-io';
export * as printer from './printer/index';
export * as cardReader from './card-reader/index';
export * as paymentTerminal from './payment-terminal/index';
export * as idScanner from './id-scanner/index';
export * as printerSim from './sim/printer/index';
export * as cardReaderSim from './sim/card-reader/index';
export * as paymentTerminalSim from './sim/payment-terminal/index';
export * as idScannerSim from './sim/id-scanner/index';
