// Remote commands to kiosks (fleet side): rules, durable store and delivery, API routes.
export * from './command-rules';
export * from './remote-commands';
export * from './command-routes';
