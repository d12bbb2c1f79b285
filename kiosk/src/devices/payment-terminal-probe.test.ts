// The PIN pad probe on injected timers: a status answer is reported as is; a terminal that stays silent (busy
// with a sale, or gone) is reported with its last observed health once the probe's wait runs out, not before.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentTerminal } from '@guichet/drivers/payment-terminal/payment-terminal';
import { PaymentTerminalSimulator } from '@guichet/drivers/sim/payment-terminal/terminal-simulator';
import { MemoryTransport } from '@guichet/drivers/transport/memory-transport';
import { manualTimers } from '@guichet/drivers/test-support/manual-timers';
import { paymentTerminalProbe } from './payment-terminal-probe';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('payment terminal probe', () => {
  it('reports the status answer, and the last health after its wait when the terminal stays silent', async () => {
    const clock = manualTimers();
    const [kioskEnd, terminalEnd] = MemoryTransport.pair();
    const simulator = new PaymentTerminalSimulator(terminalEnd, { processingMs: 0 });
    await simulator.start();
    cleanups.push(() => simulator.stop());
    // The driver's own acknowledgement wait is far longer than the probe's, so only the probe's wait can end it.
    const terminal = new PaymentTerminal({ transport: kioskEnd, ackTimeoutMs: 60_000, timers: clock.timers });
    await terminal.open();
    const probe = paymentTerminalProbe(terminal, { waitMs: 2_000, timers: clock.timers });
    cleanups.push(() => probe.close!());

    simulator.terminalState = 'ERROR';
    expect(await probe.check()).toMatchObject({ state: 'fault' });
    simulator.terminalState = 'READY';
    expect(await probe.check()).toMatchObject({ state: 'ok' });

    simulator.fault = 'no-answer';
    let settled = false;
    const silent = probe.check().finally(() => (settled = true));
    await nextTurn();
    clock.advance(1_999);
    await nextTurn();
    expect(settled).toBe(false);
    clock.advance(1);
    await nextTurn();
    expect(settled).toBe(true); // on the injected clock: no real 2 s went by
    expect(await silent).toMatchObject({ state: 'ok' });
  });

  it('reopens a line that went away, and reports it offline while it stays down', async () => {
    const [kioskEnd, terminalEnd] = MemoryTransport.pair();
    const simulator = new PaymentTerminalSimulator(terminalEnd, { processingMs: 0 });
    await simulator.start();
    cleanups.push(() => simulator.stop());
    const terminal = new PaymentTerminal({ transport: kioskEnd });
    const probe = paymentTerminalProbe(terminal);
    cleanups.push(() => probe.close!());
    // Never opened (the port was absent at start-up): the first check opens it.
    expect(await probe.check()).toMatchObject({ state: 'ok' });
    await kioskEnd.close();
    expect(terminal.currentHealth()).toMatchObject({ state: 'offline', code: 'PAYMENT_TERMINAL_DISCONNECTED' });
    expect(await probe.check()).toMatchObject({ state: 'ok' });
    expect(kioskEnd.isOpen).toBe(true);
  });
});
