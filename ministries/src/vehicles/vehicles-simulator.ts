// Transportation's mainframe behind its TCP socket gateway: length-prefixed 200-byte fixed-width records in,
// the same out (RECORDS.md). Faults: slow, down, rejects, a truncated record, the answer sent twice.
import { createServer, type Socket } from 'node:net';
import { SimulatorBase, type SimulatorOptions } from '../common/simulator-base';
import { SEED_DRIVERS, SEED_VEHICLES, TAKEN_PLATE_TEXTS } from '../test-data';
import { decodeRequest, encodeResponse, frame, FrameReader, RC, VehiclesRecordError } from './records';
import { runTransaction, type VehiclesBook } from './transactions';

export interface VehiclesSimulatorOptions extends SimulatorOptions {
  book?: VehiclesBook;
}

export class VehiclesSimulator extends SimulatorBase {
  private readonly book: VehiclesBook;

  private constructor(options: VehiclesSimulatorOptions) {
    const server = createServer((socket) => this.serve(socket));
    super(server, 'vehicles.sqlite', options);
    this.book = options.book ?? { drivers: SEED_DRIVERS, vehicles: SEED_VEHICLES, takenPlateTexts: TAKEN_PLATE_TEXTS };
  }

  static async start(options: VehiclesSimulatorOptions): Promise<VehiclesSimulator> {
    const simulator = new VehiclesSimulator(options);
    await simulator.begin(options);
    return simulator;
  }

  private serve(socket: Socket): void {
    const reader = new FrameReader();
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = reader.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const bytes of frames) void this.answer(socket, bytes);
    });
  }

  private async answer(socket: Socket, bytes: Buffer): Promise<void> {
    this.countRequest();
    const faults = this.faults;
    let response: Buffer;
    try {
      const request = decodeRequest(bytes);
      response = encodeResponse(
        runTransaction(request, { book: this.book, store: this.store, today: this.now(), rejects: faults.rejects }),
      );
    } catch (error) {
      // An unreadable request is the caller's (RC 16); anything else is the host failing (RC 20).
      const unreadable = error instanceof VehiclesRecordError;
      response = encodeResponse({
        tranCode: bytes
          .subarray(0, 4)
          .toString('latin1')
          .replace(/[^\x20-\x7e]/g, '?'),
        returnCode: unreadable ? RC.badRequest : RC.systemUnavailable,
        reason: unreadable ? 'FMT' : 'HOST',
        clientRef: '',
        mtoRef: '',
        amountCents: 0,
        region: '',
        expiry: '',
        licenceStatus: '',
        demerits: 0,
        convictions: 0,
        message: unreadable ? 'RECORD FORMAT ERROR' : 'HOST SYSTEM UNAVAILABLE',
      });
    }
    await this.delays.wait(faults.delayMs);
    if (socket.destroyed) return;
    // A malformed answer: the gateway cuts the record short and garbles the return code.
    const out = faults.malformed
      ? frame(Buffer.concat([Buffer.from('VSTK?!'), response.subarray(6, 137)]))
      : frame(response);
    socket.write(out);
    if (faults.answersTwice) socket.write(out);
  }
}

export function startVehiclesSimulator(options: VehiclesSimulatorOptions): Promise<VehiclesSimulator> {
  return VehiclesSimulator.start(options);
}
