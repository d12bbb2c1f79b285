export * from './ministries';
export * from './services';
export * from './price-list';
export * from './line-labels';
