// `guichet printer status|test-page --printer ADDRESS`: a technician's check of a receipt printer.
// Exit status 1 with a clear message when the printer cannot print (paper end, cover open, offline); 2 for bad
// input (address, language, model), which changes nothing.
import os from 'node:os';
import type { Command } from 'commander';
import { GuichetError, isGuichetError } from '@guichet/shared';
import { processIo, type CliIo } from '../cli-io';
import { formatPrinterAddress, parsePrinterAddress } from './printer-address';
import { PRINTER_MODEL_IDS, PrinterModelId } from './printer-models';
import { printerTransport } from './printer-transport';
import { ReceiptPrinter, type ConfirmationMethod } from './receipt-printer';
import { testPageReceipt } from './test-page';

interface CommonOptions {
  printer: string;
  timeout: string;
  model: string;
}

/** Codes of bad input: the command refuses it with exit status 2 (usage), not 1 (the printer cannot print). */
const BAD_INPUT_CODES = new Set(['PRINTER_BAD_ADDRESS', 'PRINTER_BAD_OPTION']);

function openPrinter(options: CommonOptions): ReceiptPrinter {
  const address = parsePrinterAddress(options.printer);
  const model = PrinterModelId.safeParse(options.model);
  if (!model.success)
    throw new GuichetError('PRINTER_BAD_OPTION', `--model must be one of ${PRINTER_MODEL_IDS.join(', ')}`);
  const timeout = Number(options.timeout);
  const timeoutMs = Number.isFinite(timeout) && timeout > 0 ? timeout : 1000;
  // The capability probe waits as long as a status read: an idle printer answers either at once.
  return new ReceiptPrinter(printerTransport(address), {
    statusTimeoutMs: timeoutMs,
    probeTimeoutMs: timeoutMs,
    model: model.data,
  });
}

function fail(io: CliIo, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  io.err(`guichet printer: ${message}${isGuichetError(error) ? ` [${error.code}]` : ''}\n`);
  io.exit(isGuichetError(error) && BAD_INPUT_CODES.has(error.code) ? 2 : 1);
}

const MODEL_OPTION = ['--model <id>', `DLE EOT profile: ${PRINTER_MODEL_IDS.join(' | ')}`, 'epson-tm-t88'] as const;

/** How the print was confirmed, in words for the technician (stderr; stdout stays one JSON line). */
const CONFIRMATION_TEXT: Record<ConfirmationMethod, string> = {
  'process-id': 'printed, confirmed by the printer (process-ID answer, GS ( H)',
  'gs-r': 'printed, confirmed by the printer (GS r answer)',
  'status-poll': 'sent; printed UNCONFIRMED: this printer answers DLE EOT only, and no fault showed while it drained',
  none: 'sent; printed UNCONFIRMED: this printer sends nothing back (one-way), its status is unknown',
};

export function registerPrinterCommand(program: Command, io: CliIo = processIo): void {
  const printer = program
    .command('printer')
    .description('check an ESC/POS receipt printer (tcp://HOST:PORT, serial:/dev/ttyX[?baud=N], usb:/dev/usb/lp0)');

  printer
    .command('status')
    .description('read the real-time status (DLE EOT 1-4) and print it as JSON; exit 1 if the printer cannot print')
    .requiredOption('--printer <address>', 'tcp://HOST:PORT | serial:/dev/ttyX[?baud=N] | usb:/dev/usb/lp0')
    .option('--timeout <ms>', 'wait this long for each status byte', '1000')
    .option(...MODEL_OPTION)
    .action(async (options: CommonOptions) => {
      let device: ReceiptPrinter | undefined;
      try {
        device = openPrinter(options);
        const report = await device.checkStatus();
        const out = {
          printer: formatPrinterAddress(parsePrinterAddress(options.printer)),
          ...report.health,
          flags: report.status?.flags,
          raw: report.status?.raw,
        };
        io.out(`${JSON.stringify(out)}\n`);
        if (report.health.state === 'fault' || report.health.state === 'offline') io.exit(1);
      } catch (error) {
        fail(io, error);
      } finally {
        await device?.close();
      }
    });

  printer
    .command('test-page')
    .description('print the bilingual technician test page (kiosk id, date, code page sample, QR)')
    .requiredOption('--printer <address>', 'tcp://HOST:PORT | serial:/dev/ttyX[?baud=N] | usb:/dev/usb/lp0')
    .option('--lang <lang>', 'first language on the page: en or fr', 'en')
    .option('--kiosk-id <id>', 'kiosk id printed on the page', os.hostname())
    .option('--timeout <ms>', 'wait this long for each status byte', '1000')
    .option(...MODEL_OPTION)
    .action(async (options: CommonOptions & { lang: string; kioskId: string }) => {
      if (options.lang !== 'en' && options.lang !== 'fr') {
        fail(io, new GuichetError('PRINTER_BAD_OPTION', `--lang must be en or fr, not "${options.lang}"`));
        return;
      }
      let device: ReceiptPrinter | undefined;
      try {
        device = openPrinter(options);
        const result = await device.printReceipt(
          testPageReceipt({ kioskId: options.kioskId, lang: options.lang, printedAt: new Date() }),
        );
        const { bytes, confirmation, confirmed } = result;
        io.out(`${JSON.stringify({ printed: true, bytes, confirmation, confirmed, ...result.health })}\n`);
        io.err(`guichet printer: ${CONFIRMATION_TEXT[confirmation]}\n`);
      } catch (error) {
        fail(io, error);
      } finally {
        await device?.close();
      }
    });
}
