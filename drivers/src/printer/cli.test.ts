// `guichet printer status|test-page` against `guichet sim printer` over real TCP, both run in-process from their
// own command registrations (in-memory stdin/stdout/stderr and exit status). The binary's own smoke test is in
// tests/integration/guichet-cli.test.ts.
import { eventually } from '@guichet/shared/test-support/eventually';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSimCommand } from '../sim/cli';
import { runCli, startCli, type RunningCli } from '../test-support/run-cli';
import { registerPrinterCommand } from './cli';

const guichet = (args: string[]) => runCli(registerPrinterCommand, args);

let sim: RunningCli;
let address = '';

/** The simulator's JSON events so far. */
const simEvents = (): Array<Record<string, unknown>> =>
  sim.lines().map((line) => JSON.parse(line) as Record<string, unknown>);

function waitFor(what: string, predicate: (event: Record<string, unknown>) => boolean, after = 0) {
  return eventually(what, () => simEvents().slice(after).find(predicate));
}

async function setFault(line: string, check: (event: Record<string, unknown>) => boolean): Promise<void> {
  const after = simEvents().length;
  sim.write(line);
  await waitFor(`the simulator to apply "${line}"`, (e) => e.event === 'faults' && check(e), after);
}

beforeAll(async () => {
  sim = startCli(registerSimCommand, ['sim', 'printer', '--listen', 'tcp://127.0.0.1:0', '--paper', 'near-end']);
  const listening = await waitFor('the simulator to listen', (e) => e.event === 'listening');
  address = String(listening.listen);
});

afterAll(async () => {
  sim.interrupt();
  expect((await sim.done).code).toBe(0);
});

describe('guichet printer CLI against guichet sim printer', () => {
  it('status prints the status as JSON: paper near-end is a warning, exit 0', async () => {
    const { code, stdout } = await guichet(['printer', 'status', '--printer', address]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      printer: address,
      state: 'warning',
      code: 'PRINTER_PAPER_NEAR_END',
      flags: { paperNearEnd: true, paperEnd: false },
    });
  });

  it('test-page prints the bilingual page, which the simulator decodes', async () => {
    const after = simEvents().length;
    const { code, stdout } = await guichet([
      'printer',
      'test-page',
      '--printer',
      address,
      '--lang',
      'fr',
      '--kiosk-id',
      'NB-MON-003',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      printed: true,
      state: 'warning',
      confirmation: 'process-id',
      confirmed: true,
    });
    const receipt = await waitFor('the receipt', (e) => e.event === 'receipt', after);
    const text = String(receipt.text);
    expect(text).toContain("Page d'essai de l'imprimante");
    expect(text).toContain('Printer test page');
    expect(text).toContain('NB-MON-003');
    expect(text).toContain('é è ê ë à â ç');
    expect(text).toMatch(/\[QR: guichet:test-page:NB-MON-003:/);
    expect(text).toContain('--- partial cut ---');
  });

  it('test-page exits 1 with a clear message on paper end, then on cover open', async () => {
    await setFault('paper end', (e) => e.paper === 'end');
    const paperEnd = await guichet(['printer', 'test-page', '--printer', address]);
    expect(paperEnd.code).toBe(1);
    expect(paperEnd.stderr).toMatch(/paper roll is empty.*PRINTER_PAPER_END/);
    const status = await guichet(['printer', 'status', '--printer', address]);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'fault', code: 'PRINTER_PAPER_END' });

    await setFault('paper ok', (e) => e.paper === 'ok');
    await setFault('cover open', (e) => e.cover === 'open');
    const cover = await guichet(['printer', 'test-page', '--printer', address, '--lang', 'en']);
    expect(cover.code).toBe(1);
    expect(cover.stderr).toMatch(/cover is open.*PRINTER_COVER_OPEN/);
    await setFault('cover closed', (e) => e.cover === 'closed');
  });

  it('test-page and status exit 1 when the printer does not answer', async () => {
    await setFault('answer silent', (e) => e.answer === 'silent');
    const page = await guichet(['printer', 'test-page', '--printer', address, '--timeout', '200']);
    expect(page.code).toBe(1);
    expect(page.stderr).toMatch(/did not answer.*PRINTER_NO_ANSWER/);
    const status = await guichet(['printer', 'status', '--printer', address, '--timeout', '200']);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'offline', code: 'PRINTER_NO_ANSWER' });
    await setFault('answer normal', (e) => e.answer === 'normal');
  });

  it('bad addresses and bad languages are refused; a missing --printer is bad usage (exit 2)', async () => {
    // Bad input is usage (exit 2), not "the printer cannot print" (exit 1).
    const result = await guichet(['printer', 'status', '--printer', 'lpt1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PRINTER_BAD_ADDRESS');
    const bogus = await guichet(['printer', 'status', '--printer', 'bogus://x']);
    expect(bogus).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('PRINTER_BAD_ADDRESS') as unknown,
    });
    const lang = await guichet(['printer', 'test-page', '--printer', address, '--lang', 'de']);
    expect(lang).toMatchObject({ code: 2, stderr: expect.stringContaining('--lang must be en or fr') as unknown });
    const model = await guichet(['printer', 'status', '--printer', address, '--model', 'tm-9000']);
    expect(model).toMatchObject({ code: 2, stderr: expect.stringContaining('PRINTER_BAD_OPTION') as unknown });
    const usage = await guichet(['printer', 'status']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '--printer <address>'");
  });
});

describe('guichet printer test-page on a printer without GS ( H (sim --profile generic-escpos)', () => {
  it('exits 0 and says the print is unconfirmed, polled by DLE EOT', async () => {
    const generic = startCli(registerSimCommand, [
      'sim',
      'printer',
      '--listen',
      'tcp://127.0.0.1:0',
      '--profile',
      'generic-escpos',
    ]);
    try {
      const listening = await eventually('the generic simulator to listen', () =>
        generic
          .lines()
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .find((e) => e.event === 'listening'),
      );
      expect(listening).toMatchObject({ profile: 'generic-escpos' });
      const page = await guichet([
        'printer',
        'test-page',
        '--printer',
        String(listening.listen),
        '--model',
        'generic-escpos',
        '--timeout',
        '200',
      ]);
      expect(page.code).toBe(0);
      expect(JSON.parse(page.stdout)).toMatchObject({ printed: true, confirmation: 'status-poll', confirmed: false });
      expect(page.stderr).toContain('UNCONFIRMED');
    } finally {
      generic.interrupt();
      expect((await generic.done).code).toBe(0);
    }
  });
});
