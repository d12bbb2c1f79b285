// Placeholder registration for `guichet sim`; its owner replaces this file.
import type { Command } from 'commander';

export function registerSimCommand(program: Command): void {
  program.command('sim').description('(arriving)');
}
