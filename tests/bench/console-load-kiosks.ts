// The heartbeat load of console-10k.bench.ts, in a process of its own: thousands of kiosks, each on its own real
// socket.io link with its own credential (the kiosk protocol has one kiosk per connection), saying hello and then
// heartbeating at the fleet's interval with a random phase, devices steady. Talks to the bench over IPC.
import fs from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Heartbeat } from '@guichet/shared';

const url = process.env.GUICHET_FLEET_URL!;
const heartbeatMs = Number(process.env.GUICHET_HEARTBEAT_MS);
const credentials = JSON.parse(fs.readFileSync(process.env.GUICHET_CREDENTIALS_FILE!, 'utf8')) as Array<
  [string, string]
>;
const CONNECT_CONCURRENCY = 100;

let acked = 0;
let refused = 0;
const sockets: Socket[] = [];
const timers: NodeJS.Timeout[] = [];
const devices: Heartbeat['devices'] = {
  printer: { state: 'ok' },
  paymentTerminal: { state: 'ok' },
  cardReader: { state: 'ok' },
  touchScreen: { state: 'ok' },
};

function connect(kioskId: string, credential: string): Promise<void> {
  const socket = io(`${url}/kiosk`, {
    auth: { kioskId, credential, protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelayMax: 5_000,
  });
  sockets.push(socket);
  let seq = 0;
  const beat = () => {
    const body: Heartbeat = { kioskId, seq: seq++, sentAt: new Date().toISOString(), mode: 'in-service', devices };
    socket.emit('heartbeat', body, (ack: { ok: boolean }) => (ack.ok ? acked++ : refused++));
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.emit('hello', { protocolVersion: PROTOCOL_VERSION, kioskId, softwareVersion: '2.4.1', bootId: 'bench' });
      beat();
      const phase = Math.random() * heartbeatMs;
      timers.push(
        setTimeout(() => {
          beat();
          timers.push(setInterval(beat, heartbeatMs));
        }, phase),
      );
      resolve();
    });
    socket.once('connect_error', reject);
  });
}

const started = performance.now();
let next = 0;
let failed = 0;
await Promise.all(
  Array.from({ length: CONNECT_CONCURRENCY }, async () => {
    while (next < credentials.length) {
      const [kioskId, credential] = credentials[next++]!;
      await connect(kioskId, credential).catch(() => failed++);
    }
  }),
);
process.send!({
  type: 'ready',
  connected: credentials.length - failed,
  failed,
  ms: performance.now() - started,
  rssMb: process.memoryUsage().rss / 2 ** 20,
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'count') process.send!({ type: 'count', acked, refused });
  if (message.type === 'stop') {
    timers.forEach((t) => clearTimeout(t));
    sockets.forEach((s) => s.disconnect());
    process.disconnect();
    process.exit(0);
  }
});
// The bench gone (its IPC channel closed), nothing is left heartbeating.
process.on('disconnect', () => process.exit(0));
