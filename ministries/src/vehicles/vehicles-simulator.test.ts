// The mainframe simulator on the wire: an unreadable record gets RC 16, "answers twice" really sends two frames.
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '@guichet/shared/test-support/eventually';
import { tempDataDir, testTxId } from '../test-support';
import { decodeResponse, encodeRequest, frame, FrameReader } from './records';
import { startVehiclesSimulator, type VehiclesSimulator } from './vehicles-simulator';

describe('vehicles mainframe simulator on the wire', () => {
  let data: ReturnType<typeof tempDataDir>;
  let sim: VehiclesSimulator;
  let socket: Socket;
  const frames: Buffer[] = [];

  beforeEach(async () => {
    data = tempDataDir('vehicles-wire');
    sim = await startVehiclesSimulator({ dataDir: data.dir });
    frames.length = 0;
    const reader = new FrameReader();
    socket = connect(sim.address);
    socket.on('data', (chunk: Buffer) => frames.push(...reader.push(chunk)));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  });
  afterEach(async () => {
    socket.destroy();
    await sim.close();
    data.remove();
  });

  it('answers an unreadable record with RC 16 FMT', async () => {
    socket.write(frame(Buffer.from('VSTKX'.padEnd(200, '#'))));
    await eventually('an answer', () => frames.length >= 1);
    expect(decodeResponse(frames[0] ?? Buffer.alloc(0))).toMatchObject({ returnCode: '16', reason: 'FMT' });
  });

  it('sends the same answer twice when told to', async () => {
    await sim.inject({ answersTwice: true });
    const request = encodeRequest({
      tranCode: 'LKUP',
      function: 'I',
      clientRef: testTxId(1),
      origin: 'GUICHET',
      licenceNo: '',
      plate: '',
      amountCents: 0,
      street: '',
      unit: '',
      city: '',
      province: '',
      postalCode: '',
    });
    socket.write(frame(request));
    await eventually('two answers', () => frames.length >= 2);
    expect(frames[0]?.equals(frames[1] ?? Buffer.alloc(0))).toBe(true);
    expect(decodeResponse(frames[0] ?? Buffer.alloc(0))).toMatchObject({ returnCode: '12', clientRef: testTxId(1) });
  });
});
