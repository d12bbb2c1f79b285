// End to end: `guichet sim printer` and `guichet printer status|test-page` as separate processes over TCP.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUICHET_BIN as bin, REPO_ROOT as root, runGuichet } from '../test-support/run-process';

const guichet = (args: string[]) => runGuichet(args);

let sim: ChildProcessWithoutNullStreams;
let address = '';
const simEvents: Array<Record<string, unknown>> = [];
let nextEvent: ((event: Record<string, unknown>) => void) | undefined;

function waitFor(predicate: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  const seen = simEvents.find(predicate);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulator did not report in time')), 20_000);
    nextEvent = (event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      nextEvent = undefined;
      resolve(event);
    };
  });
}

async function setFault(line: string, check: (event: Record<string, unknown>) => boolean): Promise<void> {
  simEvents.length = 0;
  sim.stdin.write(`${line}\n`);
  await waitFor((e) => e.event === 'faults' && check(e));
}

beforeAll(async () => {
  sim = spawn(process.execPath, [bin, 'sim', 'printer', '--listen', 'tcp://127.0.0.1:0', '--paper', 'near-end'], {
    cwd: root,
  });
  readline.createInterface({ input: sim.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as Record<string, unknown>;
    simEvents.push(event);
    nextEvent?.(event);
  });
  const listening = await waitFor((e) => e.event === 'listening');
  address = String(listening.listen);
});

afterAll(async () => {
  if (sim.exitCode === null) {
    const exited = new Promise((resolve) => sim.once('exit', resolve));
    sim.kill('SIGTERM');
    await exited;
  }
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
    simEvents.length = 0;
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
    expect(JSON.parse(stdout)).toMatchObject({ printed: true, state: 'warning' });
    const receipt = await waitFor((e) => e.event === 'receipt');
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

  it('bad addresses are refused', async () => {
    const result = await guichet(['printer', 'status', '--printer', 'lpt1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PRINTER_BAD_ADDRESS');
  });
});
