// Placeholder registration for `guichet sim payment-terminal`; its owner replaces this file.
import type { Command } from 'commander';

export function registerPaymentTerminalSimCommand(sim: Command): void {
  sim.command('payment-terminal').description('(arriving)');
}
