// A failed HTTP call is `down` only when the request certainly never left: checked with real fetches against a
// closed port and a server that drops the connection once the request has arrived.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchFailureReason, serverErrorReason } from './http-failure';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer(onConnection);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function failure(url: string): Promise<unknown> {
  return fetch(url, { method: 'POST', body: '{}' }).then(
    () => 'answered',
    (error: unknown) => error,
  );
}

describe('fetchFailureReason', () => {
  it('is down when nothing listens (connection refused)', async () => {
    const port = await listen(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(fetchFailureReason(await failure(`http://127.0.0.1:${port}/commit`))).toBe('down');
  });

  it('is connection-lost when the connection drops after the request arrived', async () => {
    let received = false;
    const port = await listen((socket) =>
      socket.on('data', () => {
        received = true;
        socket.destroy();
      }),
    );
    expect(fetchFailureReason(await failure(`http://127.0.0.1:${port}/commit`))).toBe('connection-lost');
    expect(received).toBe(true);
  });
});

describe('serverErrorReason', () => {
  it('takes 503 as down, a gateway error as possibly received, anything else as unreadable', () => {
    expect([503, 502, 504, 500, 404].map(serverErrorReason)).toEqual([
      'down',
      'connection-lost',
      'connection-lost',
      'malformed-answer',
      'malformed-answer',
    ]);
  });
});
