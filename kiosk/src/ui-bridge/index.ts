// The citizen touch UI's runtime side: screen protocol, bridge server, and the desk interface it drives.
export * from './screen-protocol';
export * from './transaction-desk';
export * from './screen-controller';
export * from './service-forms';
export * from './ui-bridge';
export * from './desk-mapping';
export * from './runtime-desk';
export * from './kiosk-screen';
export * from './nearest-sites';
export * from './demo-panel';
