// Placeholder registration for `guichet sla`; its owner replaces this file.
import type { Command } from 'commander';

export function registerSlaCommand(program: Command): void {
  program.command('sla').description('(arriving)');
}
