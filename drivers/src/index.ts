// @guichet/drivers — one folder per device kind; transports, protocols, devices and simulators.
export * from './transport/byte-transport';
export * from './transport/load-native';
