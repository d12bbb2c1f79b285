// The magnetic-stripe card reader: MagTek HID reports, ISO 7813 / AAMVA / Ontario health-card tracks, device.
export * from './magtek-report-layout';
export * from './magtek-report';
export * from './swipe-result';
export * from './classify-swipe';
export * from './hid-transport';
export * from './node-hid-transport';
export * from './card-reader';
export * from './card-reader-health';
export * from './report-hex';
export * from './reader-mode';
