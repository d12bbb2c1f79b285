// Placeholder registration for `guichet sim printer`; its owner replaces this file.
import type { Command } from 'commander';

export function registerPrinterSimCommand(sim: Command): void {
  sim.command('printer').description('(arriving)');
}
