// Placeholder registration for `guichet card-reader`; its owner replaces this file.
import type { Command } from 'commander';

export function registerCardReaderCommand(program: Command): void {
  program.command('card-reader').description('(arriving)');
}
