// @guichet/shared — pure TypeScript shared by the kiosk, the fleet server and the drivers: no I/O.
export * from './errors/guichet-error';
export * from './sites/sites-file';
export * from './events/fleet-event';
export * from './protocol/index';
export * from './i18n/index';
export * from './money/index';
export * from './catalog/index';
export * from './timing/clock';
export * from './timing/backoff';
