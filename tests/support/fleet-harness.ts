// Test harness: a real fleet server (real HTTP, socket.io, SQLite WAL files) on an ephemeral loopback
// port in a temporary data directory, with short heartbeat/offline timings and captured logs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@guichet/shared';
import { FleetServer, type FleetConfig, type FleetServerOptions } from '@guichet/fleet-server';

/** A strong token (the server refuses weak ones at start): 32 random bytes, base64url. */
export const ADMIN_TOKEN = 'O8EtqxWDuUw0ytkfzq7ZtHB8Oe5cmrc9RdB_ORZs1fg';

export interface CapturedLog {
  lines: Array<Record<string, unknown>>;
  text(): string;
}

export function captureLog(): { logger: pino.Logger; captured: CapturedLog } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, sink),
    captured: { lines, text: () => lines.map((l) => JSON.stringify(l)).join('\n') },
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `guichet-${prefix}-`));
}

/** A sites file with one always-open site and `count` kiosks K-001…, commissioned in the past. */
export function writeSitesFile(dir: string, count: number): string {
  const day = [['00:00', '24:00']];
  const file = {
    sites: [
      {
        id: 'site-test',
        name: 'Test Mall',
        kind: 'mall',
        timezone: 'America/Toronto',
        hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
      },
    ],
    kiosks: Array.from({ length: count }, (_, i) => ({
      id: `K-${String(i + 1).padStart(3, '0')}`,
      siteId: 'site-test',
      commissionedAt: '2025-01-01T00:00:00.000Z',
    })),
  };
  const filePath = path.join(dir, 'sites.json');
  fs.writeFileSync(filePath, JSON.stringify(file, null, 2));
  return filePath;
}

export function testFleetConfig(dataDir: string, sitesFile: string, overrides: Partial<FleetConfig> = {}): FleetConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    sitesFile,
    adminToken: ADMIN_TOKEN,
    heartbeatIntervalMs: 200,
    offlineAfterMs: 1_500,
    stateFlushMs: 200,
    logLevel: 'info',
    ...overrides,
  };
}

/** Starts a fleet server; `time` puts its clock and monitor timers on manual time (ManualTime). */
export async function startFleet(
  config: FleetConfig,
  logger?: pino.Logger,
  time: Omit<FleetServerOptions, 'logger'> = {},
): Promise<FleetServer> {
  const server = new FleetServer(config, { ...time, ...(logger ? { logger } : {}) });
  await server.start();
  return server;
}

export async function api<T = unknown>(
  server: FleetServer | string,
  pathname: string,
  init: RequestInit & { token?: string | null } = {},
): Promise<{ status: number; body: T }> {
  const base = typeof server === 'string' ? server : server.url;
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(`${base}${pathname}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * A kiosk's raw socket.io link (the real handshake, a freshly issued credential), connected; rejects with the
 * connect_error. Kept in `sockets` for the test to disconnect.
 */
export async function connectKioskSocket(server: FleetServer, kioskId: string, sockets: Socket[]): Promise<Socket> {
  const credential = server.credentials.issue(kioskId, new Date());
  const socket = io(`${server.url}/kiosk`, {
    auth: { kioskId, credential, protocolVersion: PROTOCOL_VERSION },
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}
