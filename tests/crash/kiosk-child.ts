// The crash test's kiosk: a real kiosk runtime (fleet link over socket.io, transaction journal in SQLite) with
// its real PIN pad driver and receipt printer driver, both over TCP to the simulators the test process keeps
// alive. Runs one citizen transaction per `run` command and reports each journal write; once armed, it kills
// itself with SIGKILL at the chosen write. Test code, started by crash.test.ts with an IPC channel.
import { pino } from 'pino';
import { PaymentTerminal } from '@guichet/drivers/payment-terminal/payment-terminal';
import { ReceiptPrinter } from '@guichet/drivers/printer/receipt-printer';
import { TcpTransport } from '@guichet/drivers/transport/tcp-transport';
import { SimulatedDeviceBoard } from '@guichet/kiosk/devices/device-board';
import { KioskRuntime } from '@guichet/kiosk/runtime/kiosk-runtime';
import type { TransactionSession } from '@guichet/kiosk/transaction/transaction-runner';
import { isGuichetError, type ServiceId } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { crashingObserver, sendToParent, type ToChild } from './crash-messages';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`kiosk child: ${name} is not set`);
  return value;
};

const kioskId = env('CRASH_KIOSK_ID');
const log = pino({ level: process.env.CRASH_LOG_LEVEL ?? 'silent', base: { app: 'crash-kiosk' } });
const observer = crashingObserver(sendToParent);

const terminal = new PaymentTerminal({
  transport: new TcpTransport({ host: '127.0.0.1', port: Number(env('CRASH_TERMINAL_PORT')) }),
  // The simulator answers in milliseconds: a sale unanswered for 10 s is lost, and a reference the terminal
  // does not know 2 s after the sale was sent never will be (a real PIN pad's windows are minutes long).
  saleTimeoutMs: 10_000,
  responseTimeoutMs: 5_000,
  authorisationWindowMs: 2_000,
  resolveRetryMs: 250,
  log,
});
const printer = new ReceiptPrinter(new TcpTransport({ host: '127.0.0.1', port: Number(env('CRASH_PRINTER_PORT')) }), {
  log,
});
await terminal.open();
await printer.connect();

const runtime = new KioskRuntime({
  kioskId,
  credential: env('CRASH_CREDENTIAL'),
  fleetUrl: env('CRASH_FLEET_URL'),
  dataDir: env('CRASH_KIOSK_DATA_DIR'),
  heartbeatIntervalMs: 5_000,
  devices: new SimulatedDeviceBoard(),
  log,
  // The fleet comes back within seconds in this test: reconnect and retry the hub quickly.
  backoff: { baseMs: 100, maxMs: 400 },
  transactionDevices: { terminal, printer },
  transactionOptions: {
    backoff: { baseMs: 100, maxMs: 400 },
    hubTimeoutMs: 10_000,
    onDurableStep: observer.observe,
  },
});
runtime.start();
const transactions = runtime.transactions!;
await transactions.ready;
// Ready to sell once recovery is done and the fleet link is up (a sale needs the hub's quote).
await eventually('the fleet link', () => runtime.link.connected, { timeoutMs: 30_000, everyMs: 10 });
sendToParent({ type: 'ready' });

async function run(serviceId: ServiceId, details: unknown): Promise<void> {
  const session: TransactionSession = await transactions.begin(serviceId, 'en');
  sendToParent({ type: 'began', txId: session.txId });
  await session.enterDetails(details);
  const quoted = await session.quote();
  // A quote that failed (the hub went away mid-quote) ends the transaction: nothing to pay.
  if (quoted.state === 'quoting') await session.pay();
  sendToParent({ type: 'paid', txId: session.txId, state: session.state });
  const record = await session.resolved();
  sendToParent({ type: 'resolved', txId: session.txId, record });
}

process.on('message', (message: ToChild) => {
  if (message.type === 'arm') observer.arm(message.at);
  else if (message.type === 'ping') sendToParent({ type: 'pong', id: message.id });
  else if (message.type === 'run')
    run(message.serviceId as ServiceId, message.details).catch((error: unknown) =>
      sendToParent({
        type: 'failed',
        message: isGuichetError(error) ? `${error.code}: ${error.message}` : String(error),
      }),
    );
});
// The parent going away (test finished or failed) ends the kiosk too.
process.on('disconnect', () => process.exit(0));
