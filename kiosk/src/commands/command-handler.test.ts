// The kiosk's remote-command handler against real citizen transactions (TransactionRig: real journal, link to a
// fake hub, real printer driver and simulator), a real command store and injected effects: restarts wait for the
// transaction in flight, a redelivered command runs once, refusals and failures carry their codes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandResult, RemoteCommand } from '@guichet/shared';
import { ManualTime } from '@guichet/shared/test-support/manual-time';
import { eventually } from '@guichet/shared/test-support/eventually';
import { TransactionRig } from '../test-support/transaction-rig';
import { CommandHandler, type CommandHandlerOptions } from './command-handler';
import { CommandStore } from './command-store';
import { LogRing } from './log-excerpt';

let rig: TransactionRig;
let dir: string;
let store: CommandStore;
let time: ManualTime;
let sent: CommandResult[];
let restarts: number;
let reboots: number;

beforeEach(async () => {
  rig = await new TransactionRig().start();
  await rig.ready();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-commands-'));
  store = new CommandStore(path.join(dir, 'K.commands.db'));
  time = new ManualTime('2026-11-29T15:00:00.000Z');
  sent = [];
  restarts = 0;
  reboots = 0;
});

afterEach(async () => {
  store.close();
  await rig.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function handler(overrides: Partial<CommandHandlerOptions> = {}): CommandHandler {
  return new CommandHandler({
    kioskId: 'K-001',
    store,
    send: (result) => {
      sent.push(result);
      return Promise.resolve(true);
    },
    effects: {
      restartRuntime: () => {
        restarts++;
      },
      reboot: () => {
        reboots++;
        return Promise.resolve(0);
      },
    },
    gate: rig.transactions,
    printer: rig.printer,
    now: () => time.now(),
    timers: time,
    maxDeferMs: 10 * 60_000,
    log: pino({ level: 'silent' }),
    ...overrides,
  });
}

const statuses = (commandId: string) =>
  sent.filter((r) => r.commandId === commandId).map((r) => r.status + (r.error ? `:${r.error.code}` : ''));

describe('remote command handler', () => {
  it('defers a restart while a citizen transaction is in flight, refuses new ones meanwhile, then restarts once', async () => {
    const session = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    expect(rig.transactions.idle).toBe(false);
    const commands = handler();
    const handling = commands.handle({ commandId: 'c-restart', type: 'restart-runtime' });
    await eventually('accepted', () => statuses('c-restart').length > 0);
    expect(statuses('c-restart')).toEqual(['accepted']);
    expect(restarts).toBe(0);
    // The next citizen is not let in while the restart waits.
    await expect(rig.transactions.begin('vehicle-sticker-renewal', 'en')).rejects.toMatchObject({
      code: 'TX_NOT_READY',
    });
    await session.cancel();
    await handling;
    expect(restarts).toBe(1);
    expect(statuses('c-restart')).toEqual(['accepted', 'done']);
    // The hold is released: the kiosk sells again (in the demo the runtime only reconnected).
    const next = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await next.cancel();
  });

  it('runs a redelivered command once and answers it again from its record', async () => {
    const commands = handler();
    const restart: RemoteCommand = { commandId: 'c-dup', type: 'restart-runtime' };
    await commands.handle(restart);
    await commands.handle(restart);
    expect(restarts).toBe(1);
    expect(statuses('c-dup')).toEqual(['accepted', 'done', 'done']);
    // A new runtime on the same store (after the restart) does not run it again either.
    const after = handler();
    after.settleInterrupted();
    await after.handle(restart);
    expect(restarts).toBe(1);
    expect(statuses('c-dup').at(-1)).toBe('done');
  });

  it('gives up a deferred reboot with KIOSK_BUSY when the transaction outlasts the wait (manual time)', async () => {
    const session = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    const handling = handler().handle({ commandId: 'c-reboot', type: 'reboot' });
    await eventually('accepted', () => statuses('c-reboot').length > 0);
    expect(statuses('c-reboot')).toEqual(['accepted']);
    await time.advance(10 * 60_000);
    await handling;
    expect(reboots).toBe(0);
    expect(statuses('c-reboot')).toEqual(['accepted', 'failed:KIOSK_BUSY']);
    await session.cancel();
    expect(reboots).toBe(0);
  });

  it('refuses a reboot without a configured command, and reports a failing one', async () => {
    await handler({ effects: { restartRuntime: () => undefined } }).handle({ commandId: 'c-r1', type: 'reboot' });
    expect(statuses('c-r1')).toEqual(['failed:REBOOT_NOT_CONFIGURED']);
    await handler({ effects: { restartRuntime: () => undefined, reboot: () => Promise.resolve(1) } }).handle({
      commandId: 'c-r2',
      type: 'reboot',
    });
    expect(statuses('c-r2')).toEqual(['accepted', 'failed:REBOOT_FAILED']);
  });

  it('prints the test page on the real printer driver and says how the print was confirmed', async () => {
    await handler().handle({ commandId: 'c-page', type: 'print-test-page', lang: 'fr' });
    const done = sent.find((r) => r.commandId === 'c-page' && r.status === 'done')!;
    expect(done.output).toMatchObject({ kind: 'test-page', confirmed: true });
    expect(['process-id', 'gs-r']).toContain((done.output as { confirmation: string }).confirmation);
    const text = rig.printerSim.text();
    expect(text).toContain("Page d'essai de l'imprimante");
    expect(text).toContain('K-001');
  });

  it('reports a printer fault as the driver names it', async () => {
    rig.printerSim.inject({ paper: 'end' });
    await handler().handle({ commandId: 'c-page2', type: 'print-test-page', lang: 'en' });
    expect(statuses('c-page2')[1]).toMatch(/^failed:PRINTER_/);
  });

  it('collects logs at once, bounded and scrubbed', async () => {
    const ring = new LogRing();
    const log = pino({ level: 'info' }, ring);
    for (let i = 0; i < 3000; i++) log.info({ component: 'test', event: 'tick', i }, 'a line of the kiosk log');
    log.warn({ component: 'test', pan: '4111111111111111', note: 'card 4111 1111 1111 1111 seen' }, 'should not');
    const session = await rig.transactions.begin('vehicle-sticker-renewal', 'en');
    await handler({ logs: ring }).handle({ commandId: 'c-logs', type: 'collect-logs', maxBytes: 8 * 1024 });
    const done = sent.find((r) => r.commandId === 'c-logs')!;
    expect(done.status).toBe('done'); // not deferred: a transaction is in flight
    const output = done.output as { kind: string; text: string; bytes: number; truncated: boolean; redacted: number };
    expect(output.kind).toBe('logs');
    expect(Buffer.byteLength(output.text)).toBe(output.bytes);
    expect(output.bytes).toBeLessThanOrEqual(8 * 1024);
    expect(output.truncated).toBe(true);
    expect(output.text).not.toContain('4111');
    expect(output.redacted).toBe(2);
    expect(output.text.trimEnd().split('\n').at(-1)).toContain('should not');
    await session.cancel();
  });

  it('settles at start what the last runtime left unfinished: a reboot done, anything else INTERRUPTED', () => {
    store.take('c-was-rebooting', 'reboot', time.now());
    store.take('c-was-printing', 'print-test-page', time.now());
    handler().settleInterrupted();
    expect(store.get('c-was-rebooting')!.result).toMatchObject({ status: 'done' });
    expect(store.get('c-was-printing')!.result).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
  });
});
