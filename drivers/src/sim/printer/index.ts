// The ESC/POS receipt printer simulator: decoder, text rendering, state and faults, TCP/pty server.
export * from './escpos-decoder';
export * from './receipt-text';
export * from './simulated-state';
export * from './printer-simulator';
