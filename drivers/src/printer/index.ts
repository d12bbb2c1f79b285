// Receipt printer (ESC/POS): addresses, status bit table and decoder, receipt encoding, the device, health.
export * from './escpos-commands';
export * from './status-bits';
export * from './status-decoder';
export * from './printer-models';
export * from './printer-address';
export * from './printer-transport';
export * from './printer-health';
export * from './receipt';
export * from './test-page';
export * from './receipt-printer';
