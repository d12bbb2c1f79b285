// Integration over a real transport: the driver and the simulator each on one end of a socat pty pair,
// talking through SerialTransport (node-serialport's OS binding): in-process, and against
// `guichet sim payment-terminal` run as a separate process, changed live over its stdin (the one spawn-based
// smoke test of that command; its options and live commands are tested in-process in sim/payment-terminal).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import readline from 'node:readline';
import { eventually } from '@guichet/shared/test-support/eventually';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialTransport } from '../transport/serial-transport';
import { PaymentTerminalSimulator } from '../sim/payment-terminal/terminal-simulator';
import { PaymentTerminal } from './payment-terminal';
import { GUICHET_BIN as bin, REPO_ROOT as root } from '../test-support/run-process';
import { startPtyPair } from '../test-support/socat-pty';

describe('payment terminal over a socat pty pair', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function pair(): Promise<{ host: string; device: string }> {
    const ptys = await startPtyPair(['ttyHOST', 'ttyPINPAD']);
    cleanups.push(() => ptys.stop());
    return { host: ptys.a, device: ptys.b };
  }

  async function driver(hostPath: string): Promise<PaymentTerminal> {
    const terminal = new PaymentTerminal({
      transport: new SerialTransport({ path: hostPath }),
      ackTimeoutMs: 300,
      saleTimeoutMs: 600,
      responseTimeoutMs: 1500,
    });
    await terminal.open();
    cleanups.push(() => terminal.close());
    return terminal;
  }

  it('sale approved; then the unknown-outcome case: late answer → unknown, query → approved, reversal → reversed', async () => {
    const { host, device } = await pair();
    const sim = new PaymentTerminalSimulator(new SerialTransport({ path: device }), {
      processingMs: 10,
      lateMs: 1000,
      card: { brand: 'MC', last4: '5454' },
    });
    await sim.start();
    cleanups.push(() => sim.stop());
    const terminal = await driver(host);

    expect(await terminal.sale({ amountCents: 2350, reference: 'PTY-1' })).toMatchObject({
      outcome: 'approved',
      brand: 'mastercard',
      last4: '5454',
      terminalReference: '1',
    });

    sim.fault = 'late';
    const sale = await terminal.sale({ amountCents: 6000, reference: 'PTY-2' });
    expect(sale.outcome).toBe('unknown');
    expect(sale.outcome).not.toBe('declined');
    sim.fault = 'none';
    expect(await terminal.queryTransaction('PTY-2')).toMatchObject({ state: 'approved', amountCents: 6000 });
    expect(await terminal.reverse('PTY-2')).toEqual({ outcome: 'reversed', reference: 'PTY-2' });
    expect(sim.transactions.get('PTY-2')?.state).toBe('REVERSED');
  });

  it('against `guichet sim payment-terminal` in its own process: decline script, then approve set over stdin', async () => {
    const { host, device } = await pair();
    const child: ChildProcessWithoutNullStreams = spawn(
      process.execPath,
      [bin, 'sim', 'payment-terminal', '--port', device, '--script', 'decline', '--brand', 'amex', '--last4', '1234'],
      { cwd: root },
    );
    cleanups.push(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    });
    const events: Array<Record<string, unknown>> = [];
    readline
      .createInterface({ input: child.stdout })
      .on('line', (line) => events.push(JSON.parse(line) as Record<string, unknown>));
    const simReported = (what: string, test: (e: Record<string, unknown>) => boolean) =>
      eventually(`the simulator to report ${what}`, () => events.some(test), { timeoutMs: 15_000 });
    await simReported('listening', (e) => e.event === 'listening');

    const terminal = await driver(host);
    expect(await terminal.sale({ amountCents: 1000, reference: 'CLI-1' })).toMatchObject({
      outcome: 'declined',
      reason: 'declined',
      brand: 'amex',
      last4: '1234',
    });
    child.stdin.write('script approve\n');
    await simReported('the approve script', (e) => e.event === 'settings' && e.script === 'approve');
    expect(await terminal.sale({ amountCents: 1000, reference: 'CLI-2' })).toMatchObject({
      outcome: 'approved',
      brand: 'amex',
    });
    expect(events.filter((e) => e.event === 'request').map((e) => e.reference)).toEqual(['CLI-1', 'CLI-2']);
  }, 30_000);
});
