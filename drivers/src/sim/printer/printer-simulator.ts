// A protocol-faithful receipt printer: takes ESC/POS over TCP (port 9100 style) or over any ByteTransport
// (e.g. one end of a socat pty pair), answers DLE EOT from its state, records what it printed, and takes
// injected faults (paper near-end/end, cover open, unplug, silent, late or garbage answers, mid-job drops).
// With a print speed set, data waits in a receive buffer while DLE EOT (real-time) is answered at once, and
// GS ( H process-ID requests are answered only when the mechanism reaches them — never after a paper end.
// Profiles (simulated-state.ts) make it an Epson, a generic DLE EOT-only printer or a Custom-style one.
import net from 'node:net';
import { DLE, EOT, processIdResponse } from '../../printer/escpos-commands';
import type { ByteTransport } from '../../transport/byte-transport';
import { EscPosDecoder, type PrintedBlock } from './escpos-decoder';
import { renderText } from './receipt-text';
import {
  answersProcessId,
  answersTransmitStatus,
  canPrint,
  transmitStatusReply,
  GARBAGE_REPLY,
  SimulatedPrinterState,
  statusReply,
  type SimulatedPrinterFaults,
} from './simulated-state';

interface Link {
  write(bytes: Uint8Array): void;
  close(): void;
}

export class PrinterSimulator {
  private state: SimulatedPrinterState;
  private readonly printed: PrintedBlock[] = [];
  private readonly links = new Set<Link>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: net.Server | undefined;
  private unplugged = false;
  private replyOverride: ((n: number) => Uint8Array) | undefined;
  statusRequests = 0;

  constructor(faults: SimulatedPrinterFaults = {}) {
    this.state = SimulatedPrinterState.parse(faults);
  }

  get faults(): SimulatedPrinterState {
    return { ...this.state };
  }

  /** Changes the printer's condition; what is not given stays as it was. */
  inject(faults: SimulatedPrinterFaults): void {
    this.state = SimulatedPrinterState.parse({ ...this.state, ...faults });
  }

  /** Pulls the cable: every link closes and new connections are dropped until replug(). */
  unplug(): void {
    this.unplugged = true;
    for (const link of this.links) link.close();
    this.links.clear();
  }

  replug(): void {
    this.unplugged = false;
  }

  /** Every printed block so far, in order (lines, QR codes, cuts). */
  blocks(): PrintedBlock[] {
    return [...this.printed];
  }

  /** Printed blocks grouped by cut: one entry per receipt that was cut off. */
  receipts(): PrintedBlock[][] {
    const receipts: PrintedBlock[][] = [];
    let current: PrintedBlock[] = [];
    for (const block of this.printed) {
      current.push(block);
      if (block.kind === 'cut') {
        receipts.push(current);
        current = [];
      }
    }
    return receipts;
  }

  text(columns = 42): string {
    return renderText(this.printed, columns);
  }

  listenTcp(host = '127.0.0.1', port = 9100): Promise<{ host: string; port: number }> {
    const server = net.createServer((socket) => {
      socket.on('error', () => socket.destroy());
      if (this.unplugged) {
        socket.destroy();
        return;
      }
      const link: Link = { write: (bytes) => void socket.write(bytes), close: () => socket.destroy() };
      this.serve(link, (listener) => socket.on('data', listener));
      socket.once('close', () => this.links.delete(link));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const address = server.address() as net.AddressInfo;
        resolve({ host: address.address, port: address.port });
      });
    });
  }

  /** Serves one already-open transport, e.g. the simulator's end of a pty pair. */
  attach(transport: ByteTransport): void {
    const link: Link = {
      write: (bytes) => void transport.write(bytes).catch(() => undefined),
      close: () => void transport.close(),
    };
    this.serve(link, (listener) => transport.onData(listener));
    transport.onClose(() => this.links.delete(link));
  }

  /** Answers DLE EOT with whatever bytes `reply` gives (fuzzing the driver); undefined restores real answers. */
  replyWith(reply: ((n: number) => Uint8Array) | undefined): void {
    this.replyOverride = reply;
  }

  /** Sends unsolicited bytes on every link (line noise, a confused printer). */
  babble(bytes: Uint8Array): void {
    for (const link of this.links) link.write(bytes);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const link of this.links) link.close();
    this.links.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private serve(link: Link, subscribe: (listener: (chunk: Buffer) => void) => void): void {
    this.links.add(link);
    const decoder = new EscPosDecoder();
    const buffer = new ReceiveBuffer();
    let received = 0;
    subscribe((chunk) => {
      if (this.unplugged || !this.links.has(link)) return;
      const limit = this.state.dropAfterBytes;
      let data: Uint8Array = chunk;
      const drop = limit !== undefined && received + chunk.length >= limit;
      if (drop) data = chunk.subarray(0, Math.max(0, limit - received));
      received += data.length;
      this.receive(link, decoder, buffer, data);
      if (drop) {
        link.close();
        this.links.delete(link);
      }
    });
  }

  private receive(link: Link, decoder: EscPosDecoder, buffer: ReceiveBuffer, data: Uint8Array): void {
    if (this.state.printBytesPerSecond === undefined && buffer.isEmpty) {
      this.handle(link, decoder, data, false);
      return;
    }
    // Real-time commands are executed on arrival, whatever is still waiting in the receive buffer.
    for (const n of buffer.realTimeRequests(data)) this.answer(link, n);
    buffer.enqueue(data);
    this.pump(link, decoder, buffer);
  }

  /** Works through the receive buffer at the print speed, on real elapsed time (robust on a loaded machine). */
  private pump(link: Link, decoder: EscPosDecoder, buffer: ReceiveBuffer): void {
    if (buffer.pumping) return;
    buffer.pumping = true;
    let last = performance.now();
    const tick = (): void => {
      if (!this.links.has(link)) {
        buffer.pumping = false;
        return;
      }
      const now = performance.now();
      const speed = this.state.printBytesPerSecond ?? Number.MAX_SAFE_INTEGER;
      const budget = Math.max(1, Math.floor(((now - last) * speed) / 1000));
      last = now;
      const data = buffer.take(budget);
      if (data.length > 0) this.handle(link, decoder, data, true);
      if (buffer.isEmpty) {
        buffer.pumping = false;
        return;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        tick();
      }, 10);
      this.timers.add(timer);
    };
    tick();
  }

  private handle(link: Link, decoder: EscPosDecoder, data: Uint8Array, realTimeAnswered: boolean): void {
    const paperLeft = this.state.paperEndAfterBytes;
    if (paperLeft !== undefined) {
      // Decode what fits on the roll, then the rest meets an empty roll.
      if (data.length >= paperLeft) {
        this.decode(link, decoder, data.subarray(0, paperLeft), realTimeAnswered);
        this.state = { ...this.state, paper: 'end', paperEndAfterBytes: undefined };
        this.decode(link, decoder, data.subarray(paperLeft), realTimeAnswered);
        return;
      }
      this.state = { ...this.state, paperEndAfterBytes: paperLeft - data.length };
    }
    this.decode(link, decoder, data, realTimeAnswered);
  }

  private decode(link: Link, decoder: EscPosDecoder, data: Uint8Array, realTimeAnswered: boolean): void {
    for (const event of decoder.push(data)) {
      if (event.kind === 'status-request') {
        if (!realTimeAnswered) this.answer(link, event.n);
      } else if (event.kind === 'process-id') {
        // Epson: a printer stopped by paper end or an open cover does not get this far, so it does not answer.
        if (answersProcessId(this.state) && canPrint(this.state) && this.state.answer !== 'silent')
          link.write(processIdResponse(event.id));
      } else if (event.kind === 'transmit-status') {
        // Like GS ( H, GS r is executed in buffer order, so a stopped printer does not get to it.
        if (
          event.n === 1 &&
          answersTransmitStatus(this.state) &&
          canPrint(this.state) &&
          this.state.answer !== 'silent'
        )
          link.write(Uint8Array.of(transmitStatusReply(this.state)));
      }
      // A printer with no paper or an open cover prints nothing (Epson: it goes offline and stops).
      else if (event.kind === 'printed' && canPrint(this.state)) this.printed.push(event.block);
    }
  }

  private answer(link: Link, n: number): void {
    this.statusRequests += 1;
    if (this.replyOverride) {
      link.write(this.replyOverride(n));
      return;
    }
    const reply = statusReply(n, this.state);
    if (reply === undefined) return;
    switch (this.state.answer) {
      case 'normal':
        link.write(Uint8Array.of(reply));
        return;
      case 'silent':
        return;
      case 'garbage':
        link.write(Uint8Array.of(GARBAGE_REPLY));
        return;
      case 'late': {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (this.links.has(link)) link.write(Uint8Array.of(reply));
        }, this.state.lateMs);
        this.timers.add(timer);
        return;
      }
    }
  }
}

/** One link's receive buffer: data waiting for the print mechanism, and the DLE EOT scanner for arrivals. */
class ReceiveBuffer {
  private readonly chunks: Uint8Array[] = [];
  private tail: number[] = [];
  pumping = false;

  get isEmpty(): boolean {
    return this.chunks.length === 0;
  }

  enqueue(data: Uint8Array): void {
    if (data.length > 0) this.chunks.push(Uint8Array.from(data));
  }

  take(max: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let left = max;
    while (left > 0 && this.chunks.length > 0) {
      const head = this.chunks[0] as Uint8Array;
      if (head.length <= left) {
        parts.push(head);
        this.chunks.shift();
        left -= head.length;
      } else {
        parts.push(head.subarray(0, left));
        this.chunks[0] = head.subarray(left);
        left = 0;
      }
    }
    return Buffer.concat(parts);
  }

  /** DLE EOT n sequences in newly arrived bytes (also across chunk boundaries), as a printer's interface sees them. */
  realTimeRequests(data: Uint8Array): number[] {
    const tail = this.tail;
    const at = (i: number): number | undefined => (i < tail.length ? tail[i] : data[i - tail.length]);
    const total = tail.length + data.length;
    const found: number[] = [];
    for (let i = 0; i + 2 < total; i++) if (at(i) === DLE && at(i + 1) === EOT) found.push(at(i + 2) ?? 0);
    this.tail = [];
    for (let i = Math.max(0, total - 2); i < total; i++) this.tail.push(at(i) ?? 0);
    return found;
  }
}
