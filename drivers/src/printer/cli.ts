// Placeholder registration for `guichet printer`; its owner replaces this file.
import type { Command } from 'commander';

export function registerPrinterCommand(program: Command): void {
  program.command('printer').description('(arriving)');
}
