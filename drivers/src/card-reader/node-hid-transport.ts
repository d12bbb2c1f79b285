// HidTransport over node-hid (loaded lazily, only when a real reader is configured). Hot-plug: when the device
// errors or is unplugged, node-hid emits 'error'; we close it, then poll HID.devices() with exponential backoff
// and reopen the first matching device by path (node-hid issue threads: reads fail with "could not read from HID
// device" after an unplug, and the old handle never recovers, so a new handle is the only way back). A reader
// that is absent at open() is polled for the same way, so a kiosk that boots with it unplugged recovers.
import { backoffCeiling, GuichetError, type BackoffPolicy } from '@guichet/shared';
import { loadNodeHid } from '../transport/load-native';
import { hidDescription, type HidTransport } from './hid-transport';
import { HidTransportListeners } from './hid-transport-listeners';
import { isKeyboardEmulation, keyboardModeError } from './reader-mode';

/** The slice of node-hid's module surface this transport uses (so tests can inject a fake: the "mock binding"). */
export interface NodeHidDevice {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

export interface NodeHidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  usagePage?: number | undefined;
}

export interface NodeHidModule {
  devices(): NodeHidDeviceInfo[];
  HID: new (path: string) => NodeHidDevice;
}

export interface NodeHidTransportOptions {
  vendorId: number;
  productIds: readonly number[];
  loadModule?: () => Promise<NodeHidModule>;
  /**
   * Reconnect polling: the shared backoff without jitter (one reader per kiosk, nobody to spread apart), first
   * delay `baseMs` doubled after each miss up to `maxMs` (default 250 ms to 5 s).
   */
  backoff?: BackoffPolicy;
}

async function loadRealNodeHid(): Promise<NodeHidModule> {
  const hid = (await loadNodeHid()) as unknown as NodeHidModule & { default?: NodeHidModule };
  // node-hid is CommonJS: its exports may sit on `default` when imported from ESM.
  return typeof hid.devices === 'function' ? hid : (hid.default as NodeHidModule);
}

export class NodeHidTransport extends HidTransportListeners implements HidTransport {
  readonly description: string;
  private hid: NodeHidModule | undefined;
  private device: NodeHidDevice | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = true;
  private readonly backoff: BackoffPolicy;

  constructor(private readonly options: NodeHidTransportOptions) {
    super();
    this.description = hidDescription(options.vendorId, options.productIds[0] ?? 0);
    this.backoff = options.backoff ?? { baseMs: 250, maxMs: 5000 };
  }

  get isOpen(): boolean {
    return this.device !== undefined;
  }

  async open(): Promise<void> {
    if (this.device) throw new GuichetError('TRANSPORT_ALREADY_OPEN', `${this.description} is already open`);
    this.hid ??= await (this.options.loadModule ?? loadRealNodeHid)();
    this.closed = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const found = this.tryOpen();
    if (found !== 'opened') {
      // Keep looking until close(): onConnection reports { connected: true } when the reader turns up (a reader
      // switched to HID mode re-enumerates with its HID product id).
      this.scheduleReconnect(0);
      if (found !== 'absent') throw keyboardModeError(found);
      throw new GuichetError(
        'CARD_READER_NOT_FOUND',
        `no card reader ${this.description} is plugged in (watching for it)`,
      );
    }
  }

  /** 'opened', 'absent', or the keyboard-emulation reader found instead of a HID-mode one (refused). */
  private tryOpen(): 'opened' | 'absent' | NodeHidDeviceInfo {
    const hid = this.hid;
    if (!hid) return 'absent';
    let path: string | undefined;
    let keyboard: NodeHidDeviceInfo | undefined;
    try {
      const mine = hid.devices().filter((d) => d.vendorId === this.options.vendorId);
      keyboard = mine.find((d) => isKeyboardEmulation(d));
      path = mine.find((d) => this.options.productIds.includes(d.productId) && d.path && !isKeyboardEmulation(d))?.path;
    } catch {
      return 'absent'; // enumeration itself failed (udev busy): try again at the next tick
    }
    if (!path) return keyboard ?? 'absent';
    let device: NodeHidDevice;
    try {
      device = new hid.HID(path);
    } catch {
      return 'absent'; // listed but not openable yet (permissions settling after a replug)
    }
    this.device = device;
    device.on('data', (data: Buffer) => {
      if (this.device === device) this.emitReport(data);
    });
    device.on('error', (error: Error) => this.lost(device, error));
    return 'opened';
  }

  private lost(device: NodeHidDevice, cause: Error): void {
    if (this.device !== device) return;
    this.device = undefined;
    try {
      device.close();
    } catch {
      // the handle is already dead; closing it is only hygiene
    }
    const error = new GuichetError(
      'CARD_READER_UNPLUGGED',
      `the card reader ${this.description} went away: ${cause.message}`,
      { cause },
    );
    this.emitConnection({ connected: false, error });
    if (!this.closed) this.scheduleReconnect(0);
  }

  /** Polls for the reader after backoff attempt `attempt` (0 for the first miss). */
  private scheduleReconnect(attempt: number): void {
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        if (this.closed) return;
        if (this.tryOpen() === 'opened') {
          this.emitConnection({ connected: true });
          return;
        }
        this.scheduleReconnect(attempt + 1);
      },
      backoffCeiling(attempt, this.backoff),
    );
  }

  close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const device = this.device;
    this.device = undefined;
    try {
      device?.close();
    } catch {
      // already gone
    }
    return Promise.resolve();
  }
}
