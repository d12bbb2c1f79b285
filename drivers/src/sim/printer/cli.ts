// `guichet sim printer --listen tcp://127.0.0.1:9100|serial:/tmp/ttyB [--paper …] [--cover …] [--answer …]`:
// [--profile epson-tm-t88|generic-escpos|custom-kiosk]: runs the ESC/POS printer simulator. Faults can also be changed while it runs, one command per line on
// standard input: `paper near-end`, `cover open`, `answer silent`, `unplug`, `replug`, `print` (show receipts).
import readline from 'node:readline';
import type { Command } from 'commander';
import { isGuichetError } from '@guichet/shared';
import { processIo, type CliIo } from '../../cli-io';
import { UsbLpTransport } from '../../transport/usb-lp-transport';
import { PrinterSimulator } from './printer-simulator';
import { renderText } from './receipt-text';
import { SimulatedPrinterState } from './simulated-state';

interface SimOptions {
  listen: string;
  profile: string;
  paper: string;
  cover: string;
  answer: string;
  lateMs: string;
  dropAfter?: string;
  printSpeed?: string;
  columns: string;
}

function report(io: CliIo, event: Record<string, unknown>): void {
  io.out(`${JSON.stringify(event)}\n`);
}

function applyCommand(io: CliIo, sim: PrinterSimulator, line: string, columns: number): void {
  const [verb, value] = line.trim().split(/\s+/);
  if (!verb) return;
  if (verb === 'unplug') sim.unplug();
  else if (verb === 'replug') sim.replug();
  else if (verb === 'print') io.out(`${sim.text(columns)}\n`);
  else {
    const key = verb === 'late-ms' ? 'lateMs' : verb;
    const parsed = SimulatedPrinterState.safeParse({ ...sim.faults, [key]: key === 'lateMs' ? Number(value) : value });
    if (!parsed.success) {
      io.err(`sim printer: cannot apply "${line.trim()}": ${parsed.error.issues[0]?.message ?? 'invalid'}\n`);
      return;
    }
    sim.inject(parsed.data);
  }
  report(io, { event: 'faults', ...sim.faults });
}

export function registerPrinterSimCommand(sim: Command, io: CliIo = processIo): void {
  sim
    .command('printer')
    .description('simulate an ESC/POS receipt printer on TCP or on one end of a pty pair')
    .option('--listen <address>', 'tcp://HOST:PORT or serial:/path/of/pty', 'tcp://127.0.0.1:9100')
    .option('--profile <model>', 'epson-tm-t88 | generic-escpos (DLE EOT only) | custom-kiosk', 'epson-tm-t88')
    .option('--paper <state>', 'ok | near-end | end', 'ok')
    .option('--cover <state>', 'closed | open', 'closed')
    .option('--answer <mode>', 'normal | silent | late | garbage', 'normal')
    .option('--late-ms <ms>', 'delay of late answers', '3000')
    .option('--drop-after <bytes>', 'close each connection after this many bytes (cable pulled mid-receipt)')
    .option(
      '--print-speed <bytes-per-second>',
      'process data at this speed; DLE EOT is answered ahead of it (default: instant)',
    )
    .option('--columns <n>', 'paper width in characters for the text rendering', '42')
    .action(async (options: SimOptions) => {
      const state = SimulatedPrinterState.safeParse({
        profile: options.profile,
        paper: options.paper,
        cover: options.cover,
        answer: options.answer,
        lateMs: Number(options.lateMs),
        dropAfterBytes: options.dropAfter === undefined ? undefined : Number(options.dropAfter),
        printBytesPerSecond: options.printSpeed === undefined ? undefined : Number(options.printSpeed),
      });
      if (!state.success) {
        io.err(`sim printer: ${state.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`);
        io.exit(2);
        return;
      }
      const columns = Number(options.columns) || 42;
      const simulator = new PrinterSimulator(state.data);
      try {
        const tcp = /^tcp:\/\/([^:]+):(\d+)$/.exec(options.listen);
        const serial = /^serial:(\/\S+)$/.exec(options.listen);
        if (tcp) {
          const where = await simulator.listenTcp(tcp[1], Number(tcp[2]));
          report(io, { event: 'listening', listen: `tcp://${where.host}:${where.port}`, ...simulator.faults });
        } else if (serial) {
          const transport = new UsbLpTransport({ path: serial[1] ?? '' });
          await transport.open();
          simulator.attach(transport);
          report(io, { event: 'listening', listen: options.listen, ...simulator.faults });
        } else {
          io.err(`sim printer: --listen must be tcp://HOST:PORT or serial:/path, not "${options.listen}"\n`);
          io.exit(2);
          return;
        }
      } catch (error) {
        io.err(
          `sim printer: cannot listen on ${options.listen}: ${(error as Error).message}${isGuichetError(error) ? ` [${error.code}]` : ''}\n`,
        );
        io.exit(1);
        return;
      }
      let printedCount = 0;
      const ticker = setInterval(() => {
        const receipts = simulator.receipts();
        for (const receipt of receipts.slice(printedCount))
          report(io, { event: 'receipt', text: renderText(receipt, columns) });
        printedCount = receipts.length;
      }, 200);
      const input = readline.createInterface({ input: io.stdin });
      input.on('line', (line) => applyCommand(io, simulator, line, columns));
      await io.interrupted();
      clearInterval(ticker);
      input.close();
      await simulator.close();
    });
}
