// The kiosk link's handling of fleet commands over a real socket.io server: remote commands go to the runtime's
// handler, a command type this kiosk does not know (a newer fleet) is answered COMMAND_UNSUPPORTED, a malformed
// one COMMAND_INVALID, and the target state is answered done as before.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Server, type Socket } from 'socket.io';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { KIOSK_NAMESPACE, type CommandResult, type RemoteCommand } from '@guichet/shared';
import { eventually } from '@guichet/shared/test-support/eventually';
import { FleetLink } from './fleet-link';
import { TelemetryOutbox } from './telemetry-outbox';

let io: Server;
let httpServer: http.Server;
let url: string;
let fleetSocket: Socket | undefined;
const results: CommandResult[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

beforeEach(async () => {
  results.length = 0;
  fleetSocket = undefined;
  httpServer = http.createServer();
  io = new Server(httpServer, { transports: ['websocket'] });
  io.of(KIOSK_NAMESPACE).on('connection', (socket) => {
    fleetSocket = socket;
    socket.on('hello', (_p: unknown, ack: (a: unknown) => void) =>
      ack({
        ok: true,
        welcome: {
          protocolVersion: 1,
          serverTime: new Date().toISOString(),
          heartbeatIntervalMs: 60_000,
          targetState: { version: 0, mode: 'in-service' },
        },
      }),
    );
    socket.on('heartbeat', (_p: unknown, ack: (a: unknown) => void) => ack({ ok: true }));
    socket.on('command.result', (result: CommandResult, ack: (a: unknown) => void) => {
      results.push(result);
      ack({ ok: true });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await io.close();
});

async function connect(onCommand?: (command: RemoteCommand) => void): Promise<FleetLink> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-link-commands-'));
  const outbox = new TelemetryOutbox(path.join(dir, 'outbox.db'));
  const link = new FleetLink({
    fleetUrl: url,
    kioskId: 'K-001',
    credential: 'credential-0123456789',
    softwareVersion: 'test',
    bootId: 'boot',
    heartbeatIntervalMs: 60_000,
    outbox,
    devices: () => ({}),
    mode: () => 'in-service',
    onTargetState: () => undefined,
    ...(onCommand ? { onCommand } : {}),
    log: pino({ level: 'silent' }),
  });
  cleanups.push(
    () => outbox.close(),
    () => link.stop(),
  );
  link.start();
  await eventually('link up', () => link.connected && fleetSocket !== undefined);
  return link;
}

it('hands remote commands to the runtime and answers what it cannot read', async () => {
  const received: RemoteCommand[] = [];
  await connect((command) => received.push(command));
  fleetSocket!.emit('command', { commandId: 'cmd-1', type: 'collect-logs', maxBytes: 2048 });
  fleetSocket!.emit('command', { commandId: 'cmd-2', type: 'self-destruct' });
  fleetSocket!.emit('command', { commandId: 'cmd-3', type: 'print-test-page', lang: 'de' });
  fleetSocket!.emit('command', { type: 'reboot' }); // no id: nothing to answer
  fleetSocket!.emit('command', {
    commandId: 'target-4',
    type: 'apply-target-state',
    targetState: { version: 4, mode: 'out-of-service' },
  });
  await eventually('three answers', () => results.length === 3);
  expect(received).toEqual([{ commandId: 'cmd-1', type: 'collect-logs', maxBytes: 2048 }]);
  const byId = Object.fromEntries(results.map((r) => [r.commandId, r.status + ':' + (r.error?.code ?? '')]));
  expect(byId).toEqual({
    'cmd-2': 'failed:COMMAND_UNSUPPORTED',
    'cmd-3': 'failed:COMMAND_INVALID',
    'target-4': 'done:',
  });
});

it('answers remote commands COMMAND_UNSUPPORTED when the runtime has no handler for them', async () => {
  await connect();
  fleetSocket!.emit('command', { commandId: 'cmd-9', type: 'reboot' });
  await eventually('answered', () => results.length === 1);
  expect(results[0]).toMatchObject({
    commandId: 'cmd-9',
    ok: false,
    status: 'failed',
    error: { code: 'COMMAND_UNSUPPORTED' },
  });
});
