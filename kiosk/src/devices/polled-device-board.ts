// The device manager of a kiosk with real drivers: each peripheral is probed on a schedule (the
// printer's DLE EOT status, …), reconnected when it went away, and a change of state or code is
// reported at once so the fleet hears about a paper-out without waiting for the next heartbeat.
import type { DeviceKind, DeviceStatus, DeviceStatusMap } from '@guichet/shared';
import type { DeviceBoard } from './device-board';

/** One peripheral as the board sees it: a health check that never throws. */
export interface DeviceProbe {
  kind: DeviceKind;
  check(): Promise<DeviceStatus>;
  close?(): Promise<void>;
}

export class PolledDeviceBoard implements DeviceBoard {
  private readonly current: DeviceStatusMap = {};
  private readonly listeners = new Set<(kind: DeviceKind, status: DeviceStatus) => void>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly probes: readonly DeviceProbe[],
    private readonly pollMs: number,
  ) {}

  /** Probes every device once, then on the schedule. */
  async start(): Promise<void> {
    await this.pollOnce();
    this.timer = setInterval(() => void this.pollOnce(), this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await Promise.all(this.probes.map((probe) => probe.close?.() ?? Promise.resolve()));
  }

  statuses(): DeviceStatusMap {
    return structuredClone(this.current);
  }

  onChange(listener: (kind: DeviceKind, status: DeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One round of checks; a round still running is not overlapped by the next. */
  pollOnce(): Promise<void> {
    this.running ??= (async () => {
      for (const probe of this.probes) {
        const status = await probe.check();
        const before = this.current[probe.kind];
        this.current[probe.kind] = status;
        if (!before || before.state !== status.state || before.code !== status.code) {
          for (const listener of this.listeners) listener(probe.kind, status);
        }
      }
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
