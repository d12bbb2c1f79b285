// A 2D imager in USB CDC (USB-COM) mode, on the device end of a ByteTransport: each scan is written as the real
// imager sends it once programmed for Guichet — STX, optional AIM identifier, payload, ETX, optional CR LF suffix —
// in USB full-speed bulk packets of 64 bytes. Faults: a partial read (the frame stops mid-way), garbage on the
// line, a scan without the STX/ETX programming, and unplugging.
import { randomBytes } from 'node:crypto';
import type { ByteTransport } from '../../transport/byte-transport';
import { ETX, STX } from '../../id-scanner/scan-framing';
import { sampleLicencePayload, type SampleLicence } from './sample-licences';

export interface ImagerSimulatorOptions {
  /** Programmed with the STX prefix and ETX suffix Guichet expects (default); false: factory framing, no prefix. */
  stxEtx?: boolean;
  /** Bytes per write, as USB bulk packets (64 at full speed). */
  packetBytes?: number;
  /** Prefix the data with the PDF417 AIM identifier ]L0. */
  aimIdentifier?: boolean;
  /** Keep the imager's factory CR LF suffix after the ETX. */
  crLfSuffix?: boolean;
  /**
   * How to pull the cable. Default: close this end, which an in-memory pair's host does not see; over a socat
   * pty pair closing one end does not hang up the other (the pty master stays open), so pass the pair's stop().
   */
  unplug?: () => Promise<void>;
}

export type ImagerFault = 'partial-read' | 'garbage' | 'no-prefix-suffix' | 'unplug';
export const IMAGER_FAULTS: readonly ImagerFault[] = ['partial-read', 'garbage', 'no-prefix-suffix', 'unplug'];

export class ImagerSimulator {
  private readonly packetBytes: number;

  constructor(
    readonly transport: ByteTransport,
    private readonly options: ImagerSimulatorOptions = {},
  ) {
    this.packetBytes = options.packetBytes ?? 64;
  }

  async start(): Promise<void> {
    if (!this.transport.isOpen) await this.transport.open();
  }

  async stop(): Promise<void> {
    await this.transport.close();
  }

  /** The bytes the imager sends for one scan of `data` (a sample name or raw barcode data). */
  frame(data: SampleLicence | Uint8Array): Buffer {
    const payload = typeof data === 'string' ? sampleLicencePayload(data) : Buffer.from(data);
    const stxEtx = this.options.stxEtx ?? true;
    return Buffer.concat([
      stxEtx ? Buffer.of(STX) : Buffer.alloc(0),
      this.options.aimIdentifier ? Buffer.from(']L0', 'latin1') : Buffer.alloc(0),
      payload,
      stxEtx ? Buffer.of(ETX) : Buffer.alloc(0),
      this.options.crLfSuffix ? Buffer.from('\r\n', 'latin1') : Buffer.alloc(0),
    ]);
  }

  /** Scans a licence (or any barcode data). */
  async scan(data: SampleLicence | Uint8Array): Promise<void> {
    await this.send(this.frame(data));
  }

  /** Injects a fault; 'partial-read' and 'no-prefix-suffix' scan `data` (default: the Ontario sample). */
  async fault(fault: ImagerFault, data: SampleLicence | Uint8Array = 'ontario'): Promise<void> {
    switch (fault) {
      case 'partial-read': {
        const frame = this.frame(data);
        return this.send(frame.subarray(0, Math.floor(frame.length / 2)));
      }
      case 'garbage':
        // Never an STX: noise on the line, not a frame.
        return this.send(Buffer.from(randomBytes(48).map((byte) => (byte === STX ? 0x20 : byte))));
      case 'no-prefix-suffix': {
        // An imager reset to its factory suffix: payload and CR, no STX/ETX.
        const payload = typeof data === 'string' ? sampleLicencePayload(data) : Buffer.from(data);
        return this.send(Buffer.concat([payload, Buffer.from('\r', 'latin1')]));
      }
      case 'unplug':
        return this.options.unplug ? this.options.unplug() : this.transport.close();
    }
  }

  private async send(bytes: Buffer): Promise<void> {
    for (let at = 0; at < bytes.length; at += this.packetBytes)
      await this.transport.write(bytes.subarray(at, at + this.packetBytes));
  }
}
