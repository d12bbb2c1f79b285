// Link-layer tests over an in-memory cable: ACK, NAK retransmission bounded to 3, ACK timeout, and the
// receiver's ACK/NAK answers to good and corrupted frames. Timeouts run on vitest's fake time, moved on to the
// next due timer whenever the test is idle (or on the link's own injected timers): nothing waits for real time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GuichetError, isGuichetError } from '@guichet/shared';
import { ACK, EOT, NAK, STX } from './control-bytes';
import { encodeFrame, FrameDecoder } from './frame-codec';
import { MemoryTransport } from '../transport/memory-transport';
import { frameMayHaveArrived, realTimers, TerminalLink, type LinkTimers } from './terminal-link';

/** A scripted peer: answers each received frame with the next byte of `answers` (nothing once exhausted). */
function scriptedPeer(peer: MemoryTransport, answers: number[]): { frames: Buffer[]; controls: number[] } {
  const decoder = new FrameDecoder();
  const seen = { frames: [] as Buffer[], controls: [] as number[] };
  peer.onData((chunk) => {
    for (const event of decoder.push(chunk)) {
      if (event.kind === 'frame') {
        seen.frames.push(event.payload);
        const answer = answers.shift();
        if (answer !== undefined) void peer.write(Uint8Array.from([answer]));
      } else if (event.kind === 'eot') seen.controls.push(EOT);
      else if (event.kind === 'ack') seen.controls.push(ACK);
      else if (event.kind === 'nak') seen.controls.push(NAK);
    }
  });
  return seen;
}

describe('TerminalLink', () => {
  let cable: [MemoryTransport, MemoryTransport];
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setTimerTickMode('nextTimerAsync');
  });
  afterEach(async () => {
    await Promise.all(cable.map((end) => end.close()));
    vi.useRealTimers();
  });

  async function openCable(): Promise<[MemoryTransport, MemoryTransport]> {
    cable = MemoryTransport.pair();
    await Promise.all(cable.map((end) => end.open()));
    return cable;
  }

  it('resolves when the peer ACKs the first attempt', async () => {
    const [host, terminal] = await openCable();
    const seen = scriptedPeer(terminal, [ACK]);
    const link = new TerminalLink(host, { ackTimeoutMs: 200 });
    link.start();
    await link.send(Buffer.from('A00\x1c1.28'));
    expect(seen.frames).toHaveLength(1);
    expect(link.stats.retransmissions).toBe(0);
  });

  it('a terminal that answers with its response frame instead of an ACK: the frame counts as the ACK', async () => {
    const [host, terminal] = await openCable();
    const decoder = new FrameDecoder();
    const frames: Buffer[] = [];
    terminal.onData((chunk) => {
      for (const event of decoder.push(chunk))
        if (event.kind === 'frame') {
          frames.push(event.payload);
          void terminal.write(encodeFrame(Buffer.from('0\x1cA01\x1c1.28\x1c000000\x1cOK')));
        }
    });
    const link = new TerminalLink(host, { ackTimeoutMs: 200 });
    const delivered: Buffer[] = [];
    link.onMessage((payload) => delivered.push(payload));
    link.start();
    await link.send(Buffer.from('A00\x1c1.28'));
    expect(frames).toHaveLength(1);
    expect(link.stats.retransmissions).toBe(0);
    expect(delivered.map((payload) => payload.toString('latin1'))).toEqual(['0\x1cA01\x1c1.28\x1c000000\x1cOK']);
  });

  it('retransmits after a NAK and succeeds on the second attempt', async () => {
    const [host, terminal] = await openCable();
    const seen = scriptedPeer(terminal, [NAK, ACK]);
    const link = new TerminalLink(host, { ackTimeoutMs: 200 });
    link.start();
    await link.send(Buffer.from('A00\x1c1.28'));
    expect(seen.frames.map(String)).toEqual(['A00\x1c1.28', 'A00\x1c1.28']);
    expect(link.stats.retransmissions).toBe(1);
  });

  it('gives up after 3 NAKs (NAK storm) with PAYMENT_LINK_NAK and sends EOT', async () => {
    const [host, terminal] = await openCable();
    const seen = scriptedPeer(terminal, [NAK, NAK, NAK, NAK, NAK]);
    const link = new TerminalLink(host, { ackTimeoutMs: 200 });
    link.start();
    await expect(link.send(Buffer.from('A00'))).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'PAYMENT_LINK_NAK'),
    );
    expect(seen.frames).toHaveLength(3);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.controls).toEqual([EOT]);
  });

  it('gives up after 3 unanswered attempts with PAYMENT_LINK_NO_ACK', async () => {
    const [host, terminal] = await openCable();
    const seen = scriptedPeer(terminal, []);
    const link = new TerminalLink(host, { ackTimeoutMs: 20 });
    link.start();
    await expect(link.send(Buffer.from('A00'))).rejects.toSatisfy((error: unknown) =>
      isGuichetError(error, 'PAYMENT_LINK_NO_ACK'),
    );
    expect(seen.frames).toHaveLength(3);
  });

  it('ACKs a good frame and delivers it; NAKs a corrupted one and does not deliver it', async () => {
    const [host, terminal] = await openCable();
    const seen = scriptedPeer(terminal, []);
    const link = new TerminalLink(host);
    link.start();
    const delivered: string[] = [];
    link.onMessage((payload) => delivered.push(payload.toString()));
    const good = encodeFrame(Buffer.from('A01\x1c1.28\x1c000000\x1cREADY'));
    const bad = Buffer.from(good);
    bad.writeUInt8(bad.readUInt8(3) ^ 0x01, 3);
    await terminal.write(bad);
    await terminal.write(good);
    await vi.waitFor(() => expect(seen.controls).toHaveLength(2));
    expect(delivered).toEqual(['A01\x1c1.28\x1c000000\x1cREADY']);
    expect(seen.controls).toEqual([NAK, ACK]);
  });

  it('rejects with TRANSPORT_CLOSED, nothing written, when the transport is closed before the first attempt', async () => {
    const [host] = await openCable();
    const link = new TerminalLink(host);
    await host.close();
    const error = await link.send(Buffer.from('A00')).catch((caught: unknown) => caught);
    expect(isGuichetError(error, 'TRANSPORT_CLOSED')).toBe(true);
    expect((error as GuichetError).details).toMatchObject({ framesWritten: 0, naks: 0 });
    expect(frameMayHaveArrived(error)).toBe(false);
    expect(host.written).toHaveLength(0);
  });

  it('a transport lost after a frame was written is PAYMENT_LINK_LOST (the peer may have it), at once, not after the ACK timeout', async () => {
    const [host, terminal] = await openCable();
    // The peer takes the frame but its ACK is lost; then the adapter goes away during the wait.
    const seen = scriptedPeer(terminal, []);
    const link = new TerminalLink(host, { ackTimeoutMs: 60_000 });
    link.start();
    const sending = link.send(Buffer.from('T00\x1c1.28')).catch((caught: unknown) => caught);
    for (let turns = 0; turns < 1000 && seen.frames.length < 1; turns++)
      await new Promise((resolve) => setImmediate(resolve));
    await host.close();
    const error = await sending;
    expect(isGuichetError(error, 'PAYMENT_LINK_LOST')).toBe(true);
    expect((error as GuichetError).details).toMatchObject({ framesWritten: 1, naks: 0 });
    expect(frameMayHaveArrived(error)).toBe(true);
  });

  it('a resend that fails to write is PAYMENT_LINK_LOST, and a frame NAKed before the loss cannot have arrived', async () => {
    const [host, terminal] = await openCable();
    scriptedPeer(terminal, [NAK]);
    const failing = Object.create(host) as MemoryTransport;
    let writes = 0;
    failing.write = (data: Uint8Array) =>
      ++writes === 1 ? host.write(data) : Promise.reject(new GuichetError('TRANSPORT_WRITE_FAILED', 'EIO'));
    const link = new TerminalLink(failing, { ackTimeoutMs: 200 });
    link.start();
    const error = await link.send(Buffer.from('T00')).catch((caught: unknown) => caught);
    expect(isGuichetError(error, 'PAYMENT_LINK_LOST')).toBe(true);
    expect((error as GuichetError).cause).toMatchObject({ code: 'TRANSPORT_WRITE_FAILED' });
    // First attempt NAKed, the second's write failed (bytes may have left): it may have arrived.
    expect((error as GuichetError).details).toMatchObject({ framesWritten: 2, naks: 1 });
    expect(frameMayHaveArrived(error)).toBe(true);
    expect(
      frameMayHaveArrived(new GuichetError('PAYMENT_LINK_NAK', 'x', { details: { framesWritten: 3, naks: 3 } })),
    ).toBe(false);
    expect(frameMayHaveArrived(new Error('anything else'))).toBe(true);
  });

  it('a stray STX on the line does not swallow the ACK that follows it after the inter-byte timeout', async () => {
    const [host, terminal] = await openCable();
    let now = 0;
    const timers: LinkTimers = { ...realTimers, now: () => now };
    const link = new TerminalLink(host, { ackTimeoutMs: 2_000, timers });
    link.start();
    const sending = link.send(Buffer.from('A00\x1c1.28'));
    await terminal.write(Uint8Array.from([STX]));
    // The memory cable delivers on the next turn: let the STX reach the decoder before the clock moves.
    await new Promise((resolve) => setImmediate(resolve));
    now += 250;
    await terminal.write(Uint8Array.from([ACK]));
    await sending;
    expect(link.stats).toMatchObject({ framesSent: 1, retransmissions: 0 });
  });

  it('retransmits on an injected clock: no real waiting, each ACK timeout fires one resend', async () => {
    const [host, terminal] = await openCable();
    const seen = scriptedPeer(terminal, []);
    const due: Array<() => void> = [];
    const timers: LinkTimers = { setTimeout: (callback) => due.push(callback), clearTimeout: () => undefined };
    const link = new TerminalLink(host, { ackTimeoutMs: 60_000, timers });
    link.start();
    const sending = link.send(Buffer.from('B00\x1c1.28'));
    const tick = async (): Promise<void> => {
      await new Promise((resolve) => setImmediate(resolve));
      due.shift()?.();
    };
    await tick();
    await tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.frames).toHaveLength(3);
    void terminal.write(Uint8Array.from([ACK]));
    await sending;
    expect(link.stats).toMatchObject({ framesSent: 3, retransmissions: 2 });
  });
});
