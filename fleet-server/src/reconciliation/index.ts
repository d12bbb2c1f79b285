// Reconciliation: public surface.
export * from './reconciliation-input';
export * from './discrepancy';
export * from './reconcile';
export * from './format-report';
export * from './sources/source-readers';
export { registerReconcileCommand, runReconcileCommand, reconcileDataDir } from './cli';
