// A kiosk installed without its built UI: the bridge logs one line and every page is a bilingual "out of
// order" notice (503), never a crash; the demo panel is served only when the demo hands over its simulators.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PrinterSimulator } from '@guichet/drivers/sim/printer/printer-simulator';
import { FakeTransactionDesk } from '../test-support/fake-transaction-desk';
import { ManualTimers } from '../test-support/manual-timers';
import { demoPanelRoutes } from './demo-panel';
import { startUiBridge, type UiBridge } from './ui-bridge';

let dir: string;
let bridge: UiBridge;
const lines: Array<Record<string, unknown>> = [];
const printer = new PrinterSimulator();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-ui-empty-'));
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ level: 'info' }, sink);
  bridge = await startUiBridge({
    desk: new FakeTransactionDesk(),
    staticDir: dir,
    timers: new ManualTimers(),
    extraRoutes: demoPanelRoutes({ printer }, log),
    log,
  });
});

afterAll(async () => {
  await bridge?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('serves an out-of-order notice when the UI is not built, after one log line', async () => {
  for (const page of ['/', '/assets/index.js']) {
    const res = await fetch(`${bridge.url}${page}`);
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(body).toContain('This kiosk is out of order');
    expect(body).toContain('Ce kiosque est hors service');
    expect(body).toContain('npm run build:ui');
  }
  expect(lines.filter((l) => String(l.msg).includes('not built'))).toHaveLength(1);
});

it('serves the demo panel with the actions of the simulators it was given, and applies them', async () => {
  const page = await (await fetch(`${bridge.url}/demo-panel`)).text();
  expect(page).toContain('Printer: out of paper');
  expect(page).not.toContain('Next card');
  const res = await fetch(`${bridge.url}/demo-panel/paper-out`, { method: 'POST', redirect: 'manual' });
  expect(res.status).toBe(303);
  expect(printer.faults.paper).toBe('end');
  expect((await fetch(`${bridge.url}/demo-panel/decline`, { method: 'POST', redirect: 'manual' })).status).toBe(404);
  expect((await fetch(`${bridge.url}/demo-panel/paper-out`)).status).toBe(404);
});
