// A protocol-faithful receipt printer: takes ESC/POS over TCP (port 9100 style) or over any ByteTransport
// (e.g. one end of a socat pty pair), answers DLE EOT from its state, records what it printed, and takes
// injected faults (paper near-end/end, cover open, unplug, silent, late or garbage answers, mid-job drops).
import net from 'node:net';
import type { ByteTransport } from '../../transport/byte-transport';
import { EscPosDecoder, type PrintedBlock } from './escpos-decoder';
import { renderText } from './receipt-text';
import { canPrint, GARBAGE_REPLY, SimulatedPrinterState, statusReply, type SimulatedPrinterFaults } from './simulated-state';

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
    const link: Link = { write: (bytes) => void transport.write(bytes).catch(() => undefined), close: () => void transport.close() };
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
    let received = 0;
    subscribe((chunk) => {
      if (this.unplugged || !this.links.has(link)) return;
      const limit = this.state.dropAfterBytes;
      let data: Uint8Array = chunk;
      if (limit !== undefined && received + chunk.length >= limit) {
        data = chunk.subarray(0, Math.max(0, limit - received));
        this.handle(link, decoder, data);
        link.close();
        this.links.delete(link);
        return;
      }
      received += chunk.length;
      this.handle(link, decoder, data);
    });
  }

  private handle(link: Link, decoder: EscPosDecoder, data: Uint8Array): void {
    const paperLeft = this.state.paperEndAfterBytes;
    if (paperLeft !== undefined) {
      // Decode what fits on the roll, then the rest meets an empty roll.
      if (data.length >= paperLeft) {
        this.decode(link, decoder, data.subarray(0, paperLeft));
        this.state = { ...this.state, paper: 'end', paperEndAfterBytes: undefined };
        this.decode(link, decoder, data.subarray(paperLeft));
        return;
      }
      this.state = { ...this.state, paperEndAfterBytes: paperLeft - data.length };
    }
    this.decode(link, decoder, data);
  }

  private decode(link: Link, decoder: EscPosDecoder, data: Uint8Array): void {
    for (const event of decoder.push(data)) {
      if (event.kind === 'status-request') this.answer(link, event.n);
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
