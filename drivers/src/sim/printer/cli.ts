// `guichet sim printer --listen tcp://127.0.0.1:9100|serial:/tmp/ttyB [--paper …] [--cover …] [--answer …]`:
// runs the ESC/POS printer simulator. Faults can also be changed while it runs, one command per line on
// standard input: `paper near-end`, `cover open`, `answer silent`, `unplug`, `replug`, `print` (show receipts).
import readline from 'node:readline';
import type { Command } from 'commander';
import { isGuichetError } from '@guichet/shared';
import { UsbLpTransport } from '../../transport/usb-lp-transport';
import { PrinterSimulator } from './printer-simulator';
import { renderText } from './receipt-text';
import { SimulatedPrinterState } from './simulated-state';

interface SimOptions {
  listen: string;
  paper: string;
  cover: string;
  answer: string;
  lateMs: string;
  dropAfter?: string;
  printSpeed?: string;
  columns: string;
}

function report(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function applyCommand(sim: PrinterSimulator, line: string, columns: number): void {
  const [verb, value] = line.trim().split(/\s+/);
  if (!verb) return;
  if (verb === 'unplug') sim.unplug();
  else if (verb === 'replug') sim.replug();
  else if (verb === 'print') process.stdout.write(`${sim.text(columns)}\n`);
  else {
    const key = verb === 'late-ms' ? 'lateMs' : verb;
    const parsed = SimulatedPrinterState.safeParse({ ...sim.faults, [key]: key === 'lateMs' ? Number(value) : value });
    if (!parsed.success) {
      process.stderr.write(
        `sim printer: cannot apply "${line.trim()}": ${parsed.error.issues[0]?.message ?? 'invalid'}\n`,
      );
      return;
    }
    sim.inject(parsed.data);
  }
  report({ event: 'faults', ...sim.faults });
}

export function registerPrinterSimCommand(sim: Command): void {
  sim
    .command('printer')
    .description('simulate an ESC/POS receipt printer on TCP or on one end of a pty pair')
    .option('--listen <address>', 'tcp://HOST:PORT or serial:/path/of/pty', 'tcp://127.0.0.1:9100')
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
        paper: options.paper,
        cover: options.cover,
        answer: options.answer,
        lateMs: Number(options.lateMs),
        dropAfterBytes: options.dropAfter === undefined ? undefined : Number(options.dropAfter),
        printBytesPerSecond: options.printSpeed === undefined ? undefined : Number(options.printSpeed),
      });
      if (!state.success) {
        process.stderr.write(
          `sim printer: ${state.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`,
        );
        process.exitCode = 2;
        return;
      }
      const columns = Number(options.columns) || 42;
      const simulator = new PrinterSimulator(state.data);
      try {
        const tcp = /^tcp:\/\/([^:]+):(\d+)$/.exec(options.listen);
        const serial = /^serial:(\/\S+)$/.exec(options.listen);
        if (tcp) {
          const where = await simulator.listenTcp(tcp[1], Number(tcp[2]));
          report({ event: 'listening', listen: `tcp://${where.host}:${where.port}`, ...simulator.faults });
        } else if (serial) {
          const transport = new UsbLpTransport({ path: serial[1] ?? '' });
          await transport.open();
          simulator.attach(transport);
          report({ event: 'listening', listen: options.listen, ...simulator.faults });
        } else {
          process.stderr.write(
            `sim printer: --listen must be tcp://HOST:PORT or serial:/path, not "${options.listen}"\n`,
          );
          process.exitCode = 2;
          return;
        }
      } catch (error) {
        process.stderr.write(
          `sim printer: cannot listen on ${options.listen}: ${(error as Error).message}${isGuichetError(error) ? ` [${error.code}]` : ''}\n`,
        );
        process.exitCode = 1;
        return;
      }
      let printedCount = 0;
      const ticker = setInterval(() => {
        const receipts = simulator.receipts();
        for (const receipt of receipts.slice(printedCount))
          report({ event: 'receipt', text: renderText(receipt, columns) });
        printedCount = receipts.length;
      }, 200);
      const input = readline.createInterface({ input: process.stdin });
      input.on('line', (line) => applyCommand(simulator, line, columns));
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      clearInterval(ticker);
      input.close();
      await simulator.close();
    });
}
