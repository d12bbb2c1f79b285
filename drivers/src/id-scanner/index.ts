// The licence barcode imager: AAMVA DL/ID PDF417 parser (pure), STX/ETX line framing, device driver, CLI.
export * from './aamva-format';
export * from './aamva-issuers';
export * from './aamva-dates';
export * from './aamva-file';
export * from './aim-identifier';
export * from './id-document';
export * from './id-scan-error';
export * from './licence-barcode';
export * from './scan-framing';
export * from './id-scanner';
export * from './id-scanner-health';
