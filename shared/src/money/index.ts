export * from './cents';
export * from './format-money';
export * from './parse-dollars';
export * from './fee-split';
export * from './effective-period';
export * from './fee-schedule';
export * from './fee-schedules';
export * from './price-transaction';
