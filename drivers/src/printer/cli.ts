// `guichet printer status|test-page --printer ADDRESS`: a technician's check of a receipt printer.
// Exit status 1 with a clear message when the printer cannot print (paper end, cover open, offline).
import os from 'node:os';
import type { Command } from 'commander';
import { isGuichetError } from '@guichet/shared';
import { formatPrinterAddress, parsePrinterAddress } from './printer-address';
import { printerTransport } from './printer-transport';
import { ReceiptPrinter } from './receipt-printer';
import { testPageReceipt } from './test-page';

interface CommonOptions {
  printer: string;
  timeout: string;
}

function openPrinter(options: CommonOptions): ReceiptPrinter {
  const address = parsePrinterAddress(options.printer);
  const timeout = Number(options.timeout);
  return new ReceiptPrinter(printerTransport(address), {
    statusTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 1000,
  });
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`guichet printer: ${message}${isGuichetError(error) ? ` [${error.code}]` : ''}\n`);
  process.exitCode = 1;
}

export function registerPrinterCommand(program: Command): void {
  const printer = program
    .command('printer')
    .description('check an ESC/POS receipt printer (tcp://HOST:PORT, serial:/dev/ttyX[?baud=N], usb:/dev/usb/lp0)');

  printer
    .command('status')
    .description('read the real-time status (DLE EOT 1-4) and print it as JSON; exit 1 if the printer cannot print')
    .requiredOption('--printer <address>', 'tcp://HOST:PORT | serial:/dev/ttyX[?baud=N] | usb:/dev/usb/lp0')
    .option('--timeout <ms>', 'wait this long for each status byte', '1000')
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
        process.stdout.write(`${JSON.stringify(out)}\n`);
        if (report.health.state === 'fault' || report.health.state === 'offline') process.exitCode = 1;
      } catch (error) {
        fail(error);
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
    .action(async (options: CommonOptions & { lang: string; kioskId: string }) => {
      if (options.lang !== 'en' && options.lang !== 'fr') {
        fail(new Error(`--lang must be en or fr, not "${options.lang}"`));
        return;
      }
      let device: ReceiptPrinter | undefined;
      try {
        device = openPrinter(options);
        const result = await device.printReceipt(
          testPageReceipt({ kioskId: options.kioskId, lang: options.lang, printedAt: new Date() }),
        );
        process.stdout.write(`${JSON.stringify({ printed: true, bytes: result.bytes, ...result.health })}\n`);
      } catch (error) {
        fail(error);
      } finally {
        await device?.close();
      }
    });
}
