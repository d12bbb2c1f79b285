// POSLink over TCP: the driver on a real socket (TcpTransport, as `tcp://HOST:10009` opens it) against the
// simulator's TCP server — the same frames as on the serial line. Real I/O, waited on with the driver's own
// timeouts only.
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentTerminal } from '../../payment-terminal/payment-terminal';
import { parseTerminalAddress, terminalTransport } from '../../payment-terminal/terminal-address';
import { TerminalTcpServer } from './terminal-tcp-server';

describe('payment terminal over TCP', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('sells, looks up, voids and closes the batch over a socket', async () => {
    const server = new TerminalTcpServer({ processingMs: 5, card: { brand: 'VISA', last4: '1881' } });
    const { port } = await server.listen('127.0.0.1', 0);
    cleanups.push(() => server.close());
    const terminal = new PaymentTerminal({
      transport: terminalTransport(parseTerminalAddress(`tcp://127.0.0.1:${port}`)),
      ackTimeoutMs: 1000,
      saleTimeoutMs: 5000,
      responseTimeoutMs: 5000,
    });
    await terminal.open();
    cleanups.push(() => terminal.close());

    expect(await terminal.status()).toMatchObject({ state: 'ok' });
    expect(await terminal.sale({ amountCents: 1234, reference: 'TCP-1' })).toMatchObject({
      outcome: 'approved',
      brand: 'visa',
      last4: '1881',
      terminalReference: '1',
    });
    await terminal.sale({ amountCents: 500, reference: 'TCP-2' });
    expect(await terminal.queryTransaction('TCP-1')).toMatchObject({ state: 'approved', amountCents: 1234 });
    expect(await terminal.reverse('TCP-1')).toEqual({ outcome: 'reversed', reference: 'TCP-1' });
    expect(await terminal.queryTransaction('TCP-1')).toMatchObject({ state: 'reversed' });
    expect(await terminal.batchTotals()).toEqual({ batchNumber: 1, count: 1, totalCents: 500 });
    expect(server.current?.received.map((m) => m.name)).toEqual([
      'initializeRequest',
      'creditRequest',
      'creditRequest',
      'reportRequest',
      'reportRequest',
      'reportRequest',
      'reportRequest',
      'creditRequest',
      'reportRequest',
      'batchRequest',
    ]);
  });
});
