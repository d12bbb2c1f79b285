// The kiosk link recovers on its own: a hello the fleet never answers leads to a fresh connection
// (not a silent one), and a kiosk taken out of service stays so across a reboot with the fleet away.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { pino } from 'pino';
import { FleetLink, KioskRuntime, SimulatedDeviceBoard, TelemetryOutbox } from '@guichet/kiosk';
import { PROTOCOL_VERSION } from '@guichet/shared';
import { api, startFleet, tempDir, testFleetConfig, waitFor, writeSitesFile } from '../support/fleet-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const quiet = pino({ level: 'silent' });

describe('kiosk link recovery', () => {
  it('reconnects when its hello goes unanswered, instead of sitting on a silent connection', async () => {
    const httpServer = http.createServer();
    const io = new Server(httpServer);
    let connections = 0;
    const heartbeats: unknown[] = [];
    io.of('/kiosk').on('connection', (socket) => {
      connections += 1;
      const answer = connections > 1; // a busy fleet drops the first hello on the floor
      socket.on('hello', (_hello: unknown, ack: (a: unknown) => void) => {
        if (answer)
          ack({
            ok: true,
            welcome: {
              protocolVersion: PROTOCOL_VERSION,
              serverTime: new Date().toISOString(),
              heartbeatIntervalMs: 100,
              targetState: { version: 0, mode: 'in-service' },
            },
          });
      });
      socket.on('heartbeat', (beat: unknown, ack: (a: unknown) => void) => {
        heartbeats.push(beat);
        ack({ ok: true });
      });
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => void io.close(() => resolve())));
    const outbox = new TelemetryOutbox(`${tempDir('hello')}/outbox.db`);
    const link = new FleetLink({
      fleetUrl: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
      kioskId: 'K-001',
      credential: 'a-credential-long-enough',
      softwareVersion: 'test',
      bootId: 'b1',
      heartbeatIntervalMs: 100,
      ackTimeoutMs: 200,
      backoff: { baseMs: 50, maxMs: 200 },
      outbox,
      devices: () => ({}),
      mode: () => 'in-service',
      onTargetState: () => undefined,
      log: quiet,
    });
    cleanups.push(async () => {
      await link.stop();
      outbox.close();
    });
    link.start();
    await waitFor('heartbeats after a second connection', () => heartbeats.length >= 2, 5_000);
    expect(connections).toBe(2);
  });

  it('keeps a kiosk out of service across a reboot while the fleet is unreachable', async () => {
    const dir = tempDir('target');
    const server = await startFleet(testFleetConfig(dir, writeSitesFile(dir, 1)), quiet);
    const credential = server.credentials.issue('K-001', new Date());
    const options = {
      kioskId: 'K-001',
      credential,
      fleetUrl: server.url,
      dataDir: `${dir}/kiosk`,
      heartbeatIntervalMs: 100,
      devices: new SimulatedDeviceBoard(),
      log: quiet,
      backoff: { baseMs: 100, maxMs: 300 },
    };
    const first = new KioskRuntime(options);
    first.start();
    await waitFor('online', () => server.monitor.view('K-001', () => false)?.status === 'online');
    await api(server, '/api/v1/kiosks/K-001/target-state', {
      method: 'PUT',
      body: JSON.stringify({ mode: 'out-of-service', reason: 'card slot jammed' }),
    });
    await waitFor('applied', () => first.mode === 'out-of-service');
    await first.stop();
    await server.stop();

    const rebooted = new KioskRuntime(options);
    cleanups.push(() => rebooted.stop());
    expect(rebooted.mode).toBe('out-of-service');
  });
});
