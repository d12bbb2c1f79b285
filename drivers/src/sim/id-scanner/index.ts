// The licence-barcode imager simulator: AAMVA payloads of sample licences, scanned over a ByteTransport.
export * from './aamva-encoder';
export * from './sample-licences';
export * from './imager-simulator';
export * from './cli';
