import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { TcpTransport } from './tcp-transport';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function echoServer(): Promise<{ port: number; sockets: net.Socket[] }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (chunk) => socket.write(chunk));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as net.AddressInfo).port, sockets };
}

describe('TcpTransport', () => {
  it('sends and receives bytes, and reports its address', async () => {
    const { port } = await echoServer();
    const transport = new TcpTransport({ host: '127.0.0.1', port });
    cleanup.push(() => transport.close());
    await transport.open();
    expect(transport.isOpen).toBe(true);
    expect(transport.description).toBe(`tcp://127.0.0.1:${port}`);
    const got = new Promise<Buffer>((resolve) => transport.onData(resolve));
    await transport.write(Uint8Array.of(0x10, 0x04, 0x01));
    expect([...(await got)]).toEqual([0x10, 0x04, 0x01]);
  });

  it('refuses a closed port with a typed error', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const free = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(free));
      });
    });
    const transport = new TcpTransport({ host: '127.0.0.1', port });
    await expect(transport.open()).rejects.toMatchObject({ code: 'TRANSPORT_CONNECT_FAILED' });
    expect(transport.isOpen).toBe(false);
  });

  it('tells its listeners when the peer goes away, then refuses writes; it can open again', async () => {
    const { port, sockets } = await echoServer();
    const transport = new TcpTransport({ host: '127.0.0.1', port });
    cleanup.push(() => transport.close());
    await transport.open();
    const closed = new Promise<void>((resolve) => transport.onClose(() => resolve()));
    await eventually('the server to accept the connection', () => sockets.length === 1);
    sockets[0]?.destroy();
    await closed;
    expect(transport.isOpen).toBe(false);
    await expect(transport.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    await transport.open();
    expect(transport.isOpen).toBe(true);
  });
});
