// Placeholder registration for `guichet sim card-reader`; its owner replaces this file.
import type { Command } from 'commander';

export function registerCardReaderSimCommand(sim: Command): void {
  sim.command('card-reader').description('(arriving)');
}
