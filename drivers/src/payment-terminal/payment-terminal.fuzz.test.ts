// Fuzz of the driver's whole receive path (decoder → link → message codec → device): random bytes and random
// well-framed payloads from the terminal's side never throw, and the device still completes a sale after.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { PaymentTerminalSimulator } from '../sim/payment-terminal/terminal-simulator';
import { encodeFrame } from './frame-codec';
import { MemoryTransport } from '../transport/memory-transport';
import { PaymentTerminal } from './payment-terminal';
import { TerminalLink } from './terminal-link';

const noise = fc.oneof(
  fc.uint8Array({ maxLength: 120 }),
  // Well-framed (good LRC) payloads of plausible fields: exercises the message decoder behind the link.
  fc
    .array(
      fc.constantFrom(
        '0',
        'T01',
        'R03',
        'A01',
        'B01',
        '1.28',
        '01',
        '16',
        '000000',
        '100023',
        'R-1',
        '1',
        '4242',
        '************4242',
        '4242424242424242',
        '00\x1fAPPROVED\x1fA1\x1f9',
        '1\x1fR-1\x1f20261129150000',
        '',
      ),
      { maxLength: 16 },
    )
    .map((parts) => encodeFrame(Buffer.from(parts.join('\x1c')))),
);

describe('payment terminal receive path under random input', () => {
  let stops: Array<() => Promise<void>> = [];
  // Fake time moved on to the next due timer whenever idle: a timeout the noise provokes costs no real time.
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setTimerTickMode('nextTimerAsync');
  });
  afterEach(async () => {
    for (const stop of stops) await stop();
    stops = [];
    vi.useRealTimers();
  });

  it('TerminalLink.receive never throws and answers only with ACK/NAK bytes', async () => {
    const [host] = MemoryTransport.pair();
    await host.open();
    stops.push(() => host.close());
    const link = new TerminalLink(host);
    fc.assert(
      fc.property(fc.array(noise, { maxLength: 6 }), (chunks) => {
        for (const chunk of chunks) link.receive(chunk);
      }),
      { numRuns: 300 },
    );
    expect(Buffer.concat(host.written).every((byte) => byte === 0x06 || byte === 0x15)).toBe(true);
  });

  it('after random bytes from the terminal side, a sale still completes and health is not faulted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(noise, { minLength: 1, maxLength: 4 }),
        fc.nat({ max: 1_000_000 }),
        async (chunks, seed) => {
          const [host, device] = MemoryTransport.pair();
          const sim = new PaymentTerminalSimulator(device, { processingMs: 1, ackTimeoutMs: 100 });
          await sim.start();
          const terminal = new PaymentTerminal({
            transport: host,
            ackTimeoutMs: 100,
            saleTimeoutMs: 1500,
            responseTimeoutMs: 1500,
          });
          await terminal.open();
          try {
            for (const chunk of chunks) await device.write(chunk);
            await new Promise((resolve) => setImmediate(resolve));
            const result = await terminal.sale({ amountCents: 100 + (seed % 1000), reference: `F-${seed}` });
            expect(result.outcome).toBe('approved');
            expect(terminal.currentHealth().state).toBe('ok');
          } finally {
            await terminal.close();
            await sim.stop();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
