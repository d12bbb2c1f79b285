// `guichet sim payment-terminal --port /tmp/ttyX --script approve [--fault …]`: runs the PIN pad simulator
// (PAX POSLink, profile poslink) on one end of a pty pair (or a real serial port). Change it live, one command
// per line on standard input:
// `script decline`, `fault late`, `late-ms 5000`, `authorisation-ms 3000`, `while-authorising busy`, `state busy`,
// `transactions`. Reports one JSON object per line on stdout. `--records FILE` keeps the terminal's batch in a
// SQLite file that survives a restart (and that `guichet reconcile` reads).
import readline from 'node:readline';
import type { Command } from 'commander';
import { isGuichetError } from '@guichet/shared';
import { processIo, type CliIo } from '../../cli-io';
import { SerialTransport } from '../../transport/serial-transport';
import {
  CardholderScript,
  SIM_BRANDS,
  SimulatedCard,
  TerminalFault,
  TerminalProfile,
  WhileAuthorising,
} from './cardholder-scripts';
import { PaymentTerminalSimulator } from './terminal-simulator';
import { TerminalRecords } from './terminal-records';

interface SimOptions {
  port: string;
  profile: string;
  script: string;
  fault: string;
  lateMs: string;
  authorisationMs: string;
  whileAuthorising: string;
  brand: string;
  last4: string;
  baudRate: string;
  records?: string;
}

function report(io: CliIo, event: Record<string, unknown>): void {
  io.out(`${JSON.stringify(event)}\n`);
}

function settings(sim: PaymentTerminalSimulator): Record<string, unknown> {
  return {
    profile: sim.profile,
    script: sim.script,
    fault: sim.fault,
    lateMs: sim.lateMs,
    authorisationMs: sim.authorisationMs,
    whileAuthorising: sim.whileAuthorising,
    terminalState: sim.terminalState,
  };
}

export function applyCommand(sim: PaymentTerminalSimulator, line: string, io: CliIo = processIo): string | undefined {
  const [verb, value = ''] = line.trim().split(/\s+/);
  if (!verb) return undefined;
  if (verb === 'transactions') {
    report(io, {
      event: 'transactions',
      transactions: [...sim.transactions.values()].map((t) => ({
        reference: t.reference,
        state: t.state,
        amountCents: t.amountCents,
        terminalRef: t.terminalRef,
      })),
    });
    return undefined;
  }
  if (verb === 'script') {
    const parsed = CardholderScript.safeParse(value);
    if (!parsed.success) return `unknown script "${value}" (${CardholderScript.options.join(', ')})`;
    sim.script = parsed.data;
  } else if (verb === 'fault') {
    const parsed = TerminalFault.safeParse(value);
    if (!parsed.success) return `unknown fault "${value}" (${TerminalFault.options.join(', ')})`;
    sim.fault = parsed.data;
  } else if (verb === 'state' && ['ready', 'busy', 'error'].includes(value)) {
    sim.terminalState = value.toUpperCase() as 'READY' | 'BUSY' | 'ERROR';
  } else if (verb === 'while-authorising') {
    const parsed = WhileAuthorising.safeParse(value);
    if (!parsed.success) return `unknown while-authorising answer "${value}" (${WhileAuthorising.options.join(', ')})`;
    sim.whileAuthorising = parsed.data;
  } else if (verb === 'late-ms' && /^\d+$/.test(value)) sim.lateMs = Number(value);
  else if (verb === 'authorisation-ms' && /^\d+$/.test(value)) sim.authorisationMs = Number(value);
  else return `cannot apply "${line.trim()}"`;
  report(io, { event: 'settings', ...settings(sim) });
  return undefined;
}

export function registerPaymentTerminalSimCommand(sim: Command, io: CliIo = processIo): void {
  sim
    .command('payment-terminal')
    .description('simulate a semi-integrated PIN pad (STX/ETX/LRC ECR protocol) on a serial port or pty')
    .requiredOption('--port <path>', 'serial port or pty path, e.g. /tmp/ttyX')
    .option('--profile <profile>', `terminal behaviour: ${TerminalProfile.options.join(' | ')}`, 'poslink')
    .option('--script <script>', `card holder: ${CardholderScript.options.join(' | ')}`, 'approve')
    .option('--fault <fault>', `fault injection: ${TerminalFault.options.join(' | ')}`, 'none')
    .option('--late-ms <ms>', 'delay of answers under --fault late', '3000')
    .option('--authorisation-ms <ms>', 'time a sale stays in progress before its result is recorded', '0')
    .option(
      '--while-authorising <answer>',
      `how queries and voids of a sale in progress are answered: ${WhileAuthorising.options.join(' | ')}`,
      'not-found',
    )
    .option('--brand <brand>', 'card brand: visa | mastercard | amex | interac', 'visa')
    .option('--last4 <digits>', 'last 4 digits of the simulated card', '4242')
    .option('--baud-rate <n>', 'serial speed', '9600')
    .option('--records <file>', 'durable batch (SQLite): every sale, decline and reversal, kept across restarts')
    .action(async (options: SimOptions) => {
      const profile = TerminalProfile.safeParse(options.profile);
      const script = CardholderScript.safeParse(options.script);
      const fault = TerminalFault.safeParse(options.fault);
      const card = SimulatedCard.safeParse({
        brand: SIM_BRANDS[options.brand as keyof typeof SIM_BRANDS],
        last4: options.last4,
      });
      const whileAuthorising = WhileAuthorising.safeParse(options.whileAuthorising);
      const lateMs = Number(options.lateMs);
      const authorisationMs = Number(options.authorisationMs);
      const isDelay = (ms: number): boolean => Number.isInteger(ms) && ms >= 0;
      if (
        !profile.success ||
        !script.success ||
        !fault.success ||
        !card.success ||
        !whileAuthorising.success ||
        !isDelay(lateMs) ||
        !isDelay(authorisationMs)
      ) {
        io.err(
          `sim payment-terminal: invalid option (profile: ${TerminalProfile.options.join('|')}; script: ${CardholderScript.options.join('|')}; fault: ${TerminalFault.options.join('|')}; while-authorising: ${WhileAuthorising.options.join('|')}; brand: ${Object.keys(SIM_BRANDS).join('|')}; last4: 4 digits; delays: whole ms)\n`,
        );
        io.exit(2);
        return;
      }
      let records: TerminalRecords | undefined;
      try {
        records = options.records === undefined ? undefined : TerminalRecords.open(options.records);
      } catch (error) {
        io.err(`sim payment-terminal: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}\n`);
        io.exit(2);
        return;
      }
      const transport = new SerialTransport({ path: options.port, baudRate: Number(options.baudRate) || 9600 });
      const simulator = new PaymentTerminalSimulator(transport, {
        profile: profile.data,
        script: script.data,
        fault: fault.data,
        lateMs,
        authorisationMs,
        whileAuthorising: whileAuthorising.data,
        card: card.data,
        records,
        onRequest: (message) =>
          report(io, {
            event: 'request',
            message: message.name,
            ...('reference' in message.fields ? { reference: message.fields.reference } : {}),
          }),
      });
      try {
        await simulator.start();
      } catch (error) {
        io.err(
          `sim payment-terminal: cannot open ${options.port}: ${(error as Error).message}${isGuichetError(error) ? ` [${error.code}]` : ''}\n`,
        );
        records?.close();
        io.exit(1);
        return;
      }
      report(io, {
        event: 'listening',
        port: options.port,
        ...settings(simulator),
        ...(options.records === undefined ? {} : { records: options.records, known: simulator.transactions.size }),
      });
      const input = readline.createInterface({ input: io.stdin });
      input.on('line', (line) => {
        const problem = applyCommand(simulator, line, io);
        if (problem) io.err(`sim payment-terminal: ${problem}\n`);
      });
      await new Promise<void>((resolve) => {
        void io.interrupted().then(resolve);
        transport.onClose(() => resolve());
      });
      input.close();
      await simulator.stop();
      records?.close();
    });
}
