// The flooding kiosk connection of link-flood.bench.ts, in a process of its own so its sending does not compete with
// the fleet server's event loop: connects as GUICHET_KIOSK_ID, prints "ready", waits for "go" on stdin, sends
// GUICHET_FLOOD telemetry messages in bursts of 1,000 without waiting, then prints one JSON line (counts, duration) and exits.
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@guichet/shared';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const kioskId = env('GUICHET_KIOSK_ID');
const total = Number(env('GUICHET_FLOOD'));
const socket = io(`${env('GUICHET_FLEET_URL')}/kiosk`, {
  auth: { kioskId, credential: env('GUICHET_KIOSK_CREDENTIAL'), protocolVersion: PROTOCOL_VERSION },
  forceNew: true,
  transports: ['websocket'],
  reconnection: false,
});
await new Promise<void>((resolve, reject) => {
  socket.once('connect', () => resolve());
  socket.once('connect_error', reject);
});
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const start = process.hrtime.bigint();
let limited = 0;
let answered = 0;
for (let sent = 0; sent < total; sent += 1_000) {
  const burst = Array.from({ length: Math.min(1_000, total - sent) }, (_, i) => {
    const seq = sent + i + 1;
    const record = {
      streamId: 'flood',
      seq,
      at: new Date().toISOString(),
      kind: 'kiosk.mode-changed',
      data: { mode: 'in-service', version: seq },
    };
    return socket.emitWithAck('telemetry', { kioskId, records: [record] }) as Promise<{ error?: { code: string } }>;
  });
  for (const ack of await Promise.all(burst)) {
    answered++;
    if (ack.error?.code === 'RATE_LIMITED') limited++;
  }
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(`${JSON.stringify({ answered, limited, ms })}\n`);
socket.disconnect();
process.exit(0);
