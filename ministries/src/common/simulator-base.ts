// What every ministry simulator shares: a listener that can go down and come back on the same port, injected
// faults, held (slow) answers, the ministry's own record store, and a count of requests seen so tests can wait
// for a request to arrive instead of sleeping.
import type { Server } from 'node:net';
import { join } from 'node:path';
import { Delays } from './delay';
import { FailureModes, type FailureModesInput } from './failure-modes';
import { SimListener, type ListenAddress } from './sim-listener';
import { SimStore, type MinistryRecord } from './sim-store';

export interface SimulatorOptions {
  /** Where the ministry keeps its records (created if missing); a restart on the same directory keeps them. */
  dataDir: string;
  host?: string;
  /** 0 (default) picks a free port; read it from `address`. */
  port?: number;
  faults?: FailureModesInput;
  /** The ministry's clock (permit expiries, dates of records). */
  now?: () => Date;
}

export abstract class SimulatorBase {
  protected readonly listener: SimListener;
  protected readonly delays = new Delays();
  protected readonly store: SimStore;
  protected readonly now: () => Date;
  private currentFaults: FailureModes;
  private seen = 0;

  protected constructor(server: Server, storeFile: string, options: SimulatorOptions) {
    this.listener = new SimListener(server);
    this.store = new SimStore(join(options.dataDir, storeFile));
    this.now = options.now ?? (() => new Date());
    this.currentFaults = FailureModes.parse(options.faults ?? {});
  }

  protected async begin(options: SimulatorOptions): Promise<void> {
    await this.listener.listen(options.host ?? '127.0.0.1', options.port ?? 0);
    if (this.currentFaults.down) await this.listener.down();
  }

  get address(): ListenAddress {
    return this.listener.address;
  }

  get faults(): FailureModes {
    return this.currentFaults;
  }

  /** Requests received so far (each delivery counts once, before any fault applies). */
  get requestsSeen(): number {
    return this.seen;
  }

  protected countRequest(): void {
    this.seen += 1;
  }

  /** Changes the faults; unset fields keep their value. `down: true` closes the listener, `false` reopens it. */
  async inject(faults: Partial<FailureModesInput>): Promise<void> {
    this.currentFaults = FailureModes.parse({ ...this.currentFaults, ...faults });
    if (this.currentFaults.down) await this.listener.down();
    else await this.listener.up();
  }

  /** Clears every fault. */
  async heal(): Promise<void> {
    this.currentFaults = FailureModes.parse({});
    await this.listener.up();
  }

  /** What the ministry has recorded (reconciliation, tests). */
  records(): MinistryRecord[] {
    return this.store.all();
  }

  async close(): Promise<void> {
    this.delays.cancelAll();
    await this.listener.close();
    this.store.close();
  }
}
