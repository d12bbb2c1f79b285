// Integration over a real transport: the driver and the simulator each on one end of a socat pty pair,
// talking through SerialTransport (node-serialport's OS binding). The same against `guichet sim payment-terminal`
// in its own process is tests/integration/guichet-cli.test.ts; its options and live commands are tested
// in-process in sim/payment-terminal.
import { afterEach, describe, expect, it } from 'vitest';
import { SerialTransport } from '../transport/serial-transport';
import { PaymentTerminalSimulator } from '../sim/payment-terminal/terminal-simulator';
import { PaymentTerminal } from './payment-terminal';
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
});
