// `guichet sim <device>` — run a protocol-faithful simulator with fault injection.
import type { Command } from 'commander';
import { processIo, type CliIo } from '../cli-io';
import { registerPrinterSimCommand } from './printer/cli';
import { registerPaymentTerminalSimCommand } from './payment-terminal/cli';
import { registerCardReaderSimCommand } from './card-reader/cli';
import { registerIdScannerSimCommand } from './id-scanner/cli';

export function registerSimCommand(program: Command, io: CliIo = processIo): void {
  const sim = program
    .command('sim')
    .description('run a device simulator that speaks the real protocol, with fault injection');
  registerPrinterSimCommand(sim, io);
  registerPaymentTerminalSimCommand(sim, io);
  registerCardReaderSimCommand(sim, io);
  registerIdScannerSimCommand(sim, io);
}
