// The `guichet` binary end to end (a real `node provisioning/bin/guichet.js` process): `guichet sla` prints the
// fixture's report on stdout with exit status 0 and refuses bad input with one line on stderr and exit status 2;
// one smoke test per device command (printer status against a printer simulator, the card-reader pipe, the PIN
// pad simulator on a pty changed live over its stdin). The commands' other cases run in-process next to them
// (fleet-server/src/sla/cli.test.ts, drivers/src/printer/cli.test.ts, drivers/src/card-reader/cli.test.ts,
// drivers/src/sim/payment-terminal/cli.test.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readline from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { expectReportsClose } from '@guichet/fleet-server/test-support/report-comparison';
import { PaymentTerminal } from '@guichet/drivers/payment-terminal/payment-terminal';
import { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';
import { SerialTransport } from '@guichet/drivers/transport/serial-transport';
import { startPtyPair } from '@guichet/drivers/test-support/socat-pty';
import { GUICHET_BIN, REPO_ROOT, runGuichet, runProcess } from '../support/run-process';

const SEED1 = join(REPO_ROOT, 'tests/fixtures/sla/nov-2026-seed1');
const PERIOD = ['--from', '2026-11-01T04:00:00Z', '--to', '2026-12-01T05:00:00Z'];
const scratch = mkdtempSync(join(tmpdir(), 'guichet-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the guichet binary', () => {
  it('prints the SLA report of the fixture as JSON, exit 0', async () => {
    const run = await runGuichet([
      'sla',
      '--sites',
      join(SEED1, 'sites.json'),
      '--events',
      join(SEED1, 'events.jsonl'),
      ...PERIOD,
      '--clock',
      'wall',
      '--threshold',
      '0.95',
      '--repair-minutes',
      '90',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectReportsClose(JSON.parse(run.stdout), JSON.parse(readFileSync(join(SEED1, 'expected-wall.json'), 'utf8')));
  });

  it('refuses bad input with one line naming file and line, exit 2', async () => {
    const events = join(scratch, 'events.jsonl');
    const lines = readFileSync(join(SEED1, 'events.jsonl'), 'utf8').split('\n');
    lines[4] = lines[4]!.replace('"fault.', '"flt.');
    writeFileSync(events, lines.join('\n'));
    const run = await runGuichet(['sla', '--sites', join(SEED1, 'sites.json'), '--events', events, ...PERIOD]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^guichet sla: ${events}:5: unknown event type "flt\\.[a-z]+"[^\\n]*\\n$`));
  });

  it('printer status against a printer simulator: the status as JSON, exit 0', async () => {
    const printer = new PrinterSimulator();
    cleanups.push(() => printer.close());
    const { port } = await printer.listenTcp('127.0.0.1', 0);
    const address = `tcp://127.0.0.1:${port}`;
    const { code, stdout } = await runGuichet(['printer', 'status', '--printer', address]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ printer: address, state: 'ok' });
  });

  it('works as a shell pipe: guichet sim card-reader --swipe … | guichet card-reader decode', async () => {
    const node = `"${process.execPath}" "${GUICHET_BIN}"`;
    const piped = await runProcess('sh', [
      '-c',
      `${node} sim card-reader --swipe payment-card health-card | ${node} card-reader decode`,
    ]);
    expect(piped).toMatchObject({ code: 0, stderr: '' });
    const [card, health] = piped.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(card).toEqual({ kind: 'payment-card-refused', brand: 'visa', last4: '9855' });
    expect(health).toMatchObject({ kind: 'health-card', healthNumber: '1234-567-897' });
  });

  it('sim payment-terminal on a pty: decline script, then approve set over its stdin', async () => {
    const ptys = await startPtyPair(['ttyHOST', 'ttyPINPAD']);
    cleanups.push(() => ptys.stop());
    const child = spawn(
      process.execPath,
      [
        GUICHET_BIN,
        'sim',
        'payment-terminal',
        '--port',
        ptys.b,
        '--script',
        'decline',
        '--brand',
        'amex',
        '--last4',
        '1234',
      ],
      { cwd: REPO_ROOT },
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

    const terminal = new PaymentTerminal({
      transport: new SerialTransport({ path: ptys.a }),
      ackTimeoutMs: 300,
      saleTimeoutMs: 600,
      responseTimeoutMs: 1500,
    });
    await terminal.open();
    cleanups.push(() => terminal.close());
    expect(await terminal.sale({ amountCents: 1000, reference: 'CLI-1' })).toMatchObject({
      outcome: 'declined',
      brand: 'amex',
      last4: '1234',
    });
    child.stdin.write('script approve\n');
    await simReported('the approve script', (e) => e.event === 'settings' && e.script === 'approve');
    expect(await terminal.sale({ amountCents: 1000, reference: 'CLI-2' })).toMatchObject({ outcome: 'approved' });
    expect(events.filter((e) => e.event === 'request').map((e) => e.reference)).toEqual(['CLI-1', 'CLI-2']);
  });
});
