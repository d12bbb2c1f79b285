// The bridge's transports over real sockets: the UI's files served from its folder and nothing outside it,
// a snapshot on connect, intents carried both ways, bad input refused without a change.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { eventually } from '@guichet/shared/test-support/eventually';
import { FakeTransactionDesk } from '../test-support/fake-transaction-desk';
import { ManualTimers } from '../test-support/manual-timers';
import { BridgeMessage } from './screen-protocol';
import { idleMsFromEnv, startUiBridge, type UiBridge } from './ui-bridge';

let dir: string;
let bridge: UiBridge;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-ui-static-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  fs.writeFileSync(path.join(path.dirname(dir), 'guichet-secret.txt'), 'not for the screen');
  bridge = await startUiBridge({ desk: new FakeTransactionDesk(), staticDir: dir, timers: new ManualTimers() });
});

afterAll(async () => {
  await bridge?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(path.join(path.dirname(dir), 'guichet-secret.txt'), { force: true });
});

function rawStatus(requestPath: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    http
      .get(`${bridge.url}${requestPath}`, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
      .once('error', reject);
  });
}

function open(): Promise<{ socket: WebSocket; messages: BridgeMessage[] }> {
  const socket = new WebSocket(`${bridge.url.replace('http', 'ws')}/ws`);
  const messages: BridgeMessage[] = [];
  socket.on('message', (data: Buffer) => messages.push(BridgeMessage.parse(JSON.parse(data.toString('utf8')))));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, messages }));
    socket.once('error', reject);
  });
}

describe('UI bridge transports', () => {
  it('serves the UI folder with a strict content policy, and nothing outside it', async () => {
    const index = await fetch(bridge.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('<title>kiosk</title>');
    // Sent raw (fetch would normalise the dots away): an encoded ../ must not leave the folder.
    expect(await rawStatus('/..%2fguichet-secret.txt')).toBe(404);
    expect(await rawStatus(`/..%2f${path.basename(dir)}%2findex.html`)).toBe(200);
    expect((await fetch(`${bridge.url}/missing.js`)).status).toBe(404);
    expect((await fetch(bridge.url, { method: 'POST' })).status).toBe(405);
  });

  it('sends a snapshot on connect and after each intent; refuses bad JSON and bad intents without a change', async () => {
    const { socket, messages } = await open();
    await eventually('first snapshot', () => messages.length === 1);
    expect(messages[0]).toMatchObject({ type: 'screen', state: { view: { screen: 'attract' } } });
    socket.send('{not json');
    socket.send(JSON.stringify({ type: 'select-service', serviceId: 'vehicle-sticker-renewal' }));
    socket.send(JSON.stringify({ type: 'set-language', lang: 'de' }));
    await eventually('three refusals', () => messages.filter((m) => m.type === 'refused').length === 3);
    expect(messages.filter((m) => m.type === 'refused').map((m) => m.type === 'refused' && m.code)).toEqual([
      'UI_INTENT_INVALID',
      'UI_INTENT_NOT_NOW',
      'UI_INTENT_INVALID',
    ]);
    expect(bridge.controller.snapshot().view.screen).toBe('attract');
    socket.send(JSON.stringify({ type: 'start' }));
    await eventually('services screen', () =>
      messages.some((m) => m.type === 'screen' && m.state.view.screen === 'services'),
    );
    socket.close();
  });

  it('reads GUICHET_KIOSK_IDLE_MS, refusing nonsense', () => {
    expect(idleMsFromEnv({})).toBe(60_000);
    expect(idleMsFromEnv({ GUICHET_KIOSK_IDLE_MS: '90000' })).toBe(90_000);
    expect(() => idleMsFromEnv({ GUICHET_KIOSK_IDLE_MS: 'soon' })).toThrow(/GUICHET_KIOSK_IDLE_MS/);
  });
});
