// Live state of every kiosk: heartbeats update it in memory (written behind to SQLite periodically,
// never a row per heartbeat); a kiosk silent past the limit is marked offline and a `network` fault is
// appended to the event log with `since` = its last heartbeat; its return clears the fault. A timer's write
// that fails (storage unwritable) never escapes: it is reported to StorageHealth and retried with backoff.
import crypto from 'node:crypto';
import {
  backgroundTimers,
  backoffCeiling,
  GuichetError,
  type BackoffPolicy,
  type DeviceStatusMap,
  systemClock,
  type Clock,
  type FleetEvent,
  type Heartbeat,
  type Hello,
  type TimerHandle,
  type Timers,
} from '@guichet/shared';
import type { Logger } from '../logging/logger';
import type { EventLog } from '../storage/event-log';
import type { KioskStateStore } from '../storage/kiosk-state-store';
import { StorageHealth, storageErrorCode } from '../storage/storage-health';
import type { SitesRegistry } from '../registry/sites-registry';
import {
  applyFaultEvent,
  deviceFaultEvents,
  faultCleared,
  NETWORK_COMPONENT,
  networkLost,
  type OpenFaults,
} from './fault-rules';
import { kioskStatus, type KioskLiveState, type KioskView } from './kiosk-status';

export interface FleetMonitorOptions {
  offlineAfterMs: number;
  /**
   * After the fleet server starts, how long every kiosk has to check in before it can be declared
   * offline. Longer than the kiosks' longest reconnection delay (30 s), so a kiosk retrying on its own
   * schedule is not blamed for the server's restart.
   */
  startupGraceMs: number;
  stateFlushMs: number;
  clock?: Clock;
  /** Offline checks and the write-behind flush; by default they never keep the process alive alone. */
  timers?: Timers;
  /** Where failed writes are reported (default: a private one, logged to `log`). */
  storageHealth?: StorageHealth;
  /** Retry delays of a failed flush or offline write (default 1 s doubling to 60 s). */
  storageRetry?: BackoffPolicy;
}

export const DEFAULT_STORAGE_RETRY: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };
const FLUSH_WRITER = 'kiosk-state-flush';
const OFFLINE_WRITER = 'offline-detection';

export type { KioskView } from './kiosk-status';

/**
 * Why a kiosk's live view may look different now: a heartbeat that changed its devices, mode or reachability, a
 * hello (software version), offline detection, or an event appended for it (a fault opened or cleared, maintenance
 * planned or cancelled, by whichever writer). Heartbeats that change nothing but the time are not changes.
 */
export type KioskChangeReason = 'heartbeat' | 'hello' | 'offline' | 'event';
export type KioskChangeListener = (kioskId: string, reason: KioskChangeReason) => void;

/** Whether two device maps differ in what a person would see (state, code, detail), not in when they were checked. */
function devicesDiffer(before: DeviceStatusMap, after: DeviceStatusMap): boolean {
  const kinds = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof DeviceStatusMap>;
  for (const kind of kinds) {
    const a = before[kind];
    const b = after[kind];
    if (a?.state !== b?.state || a?.code !== b?.code || a?.detail !== b?.detail) return true;
  }
  return false;
}

export class FleetMonitor {
  private readonly live = new Map<string, KioskLiveState>();
  private readonly openFaults = new Map<string, OpenFaults>();
  private readonly offlineTimers = new Map<string, TimerHandle>();
  private readonly dirty = new Set<string>();
  private readonly deviceListeners = new Set<(kioskId: string, devices: DeviceStatusMap) => void>();
  private readonly changeListeners = new Set<KioskChangeListener>();
  private flushTimer: TimerHandle | undefined;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly health: StorageHealth;
  private readonly retry: BackoffPolicy;
  /** Consecutive failed flushes, and the time before which the interval skips its flush (the backoff). */
  private flushFailures = 0;
  private flushRetryAt = 0;
  private offlineWriteFailures = 0;
  private startedAt = new Date(0);
  /** Fault events are stamped no earlier than the last one, so a wall clock stepped back cannot reorder a clear before its detection. */
  private lastEventAt = 0;

  constructor(
    private readonly store: KioskStateStore,
    private readonly registry: SitesRegistry,
    private readonly events: EventLog,
    private readonly log: Logger,
    private readonly options: FleetMonitorOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? backgroundTimers;
    this.health = options.storageHealth ?? new StorageHealth(log, () => this.clock.now());
    this.retry = options.storageRetry ?? DEFAULT_STORAGE_RETRY;
  }

  /**
   * Rebuilds open faults from the event log and the last known state from SQLite. The fleet server's
   * own downtime is not the kiosks' fault: every kiosk gets a fresh grace period from start-up before it
   * can be declared offline.
   */
  start(): void {
    for (const event of this.events.all()) applyFaultEvent(this.openFaults, event);
    this.events.onAppend((appended) => {
      appended.forEach((event) => applyFaultEvent(this.openFaults, event));
      for (const kioskId of new Set(appended.map((event) => event.kioskId))) this.changed(kioskId, 'event');
    });
    const saved = this.store.all();
    this.startedAt = this.clock.now();
    for (const kiosk of this.registry.kiosks) {
      const row = saved.get(kiosk.id);
      const networkFaultOpen = this.openFaults.get(kiosk.id)?.has(NETWORK_COMPONENT) ?? false;
      this.live.set(kiosk.id, {
        kioskId: kiosk.id,
        lastHeartbeatAt: row?.lastHeartbeatAt,
        softwareVersion: row?.softwareVersion,
        mode: row?.mode,
        devices: row?.devices ?? {},
        reachable: row?.lastHeartbeatAt !== undefined && !networkFaultOpen,
      });
      if (!networkFaultOpen) this.armOfflineTimer(kiosk.id, this.options.startupGraceMs);
    }
    this.flushTimer = this.timers.setInterval(() => this.flush(), this.options.stateFlushMs);
  }

  stop(): void {
    for (const timer of this.offlineTimers.values()) this.timers.clearTimeout(timer);
    this.offlineTimers.clear();
    if (this.flushTimer !== undefined) this.timers.clearInterval(this.flushTimer);
    this.flushTimer = undefined;
    this.flush({ force: true });
  }

  recordHello(kioskId: string, hello: Hello): void {
    const state = this.live.get(kioskId);
    if (!state) return;
    const changed = state.softwareVersion !== hello.softwareVersion;
    state.softwareVersion = hello.softwareVersion;
    this.dirty.add(kioskId);
    if (changed) this.changed(kioskId, 'hello');
  }

  /**
   * Calls `listener` after a kiosk's live view changed (see KioskChangeReason), synchronously and possibly more than
   * once per change (a heartbeat that opens a fault also appends an event): listeners coalesce. Returns the unsubscribe.
   */
  onChange(listener: KioskChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(kioskId: string, reason: KioskChangeReason): void {
    for (const listener of this.changeListeners) {
      try {
        listener(kioskId, reason);
      } catch (error) {
        // A listener's failure must not refuse the kiosk's heartbeat nor stop offline detection.
        this.log.error(
          { component: 'fleet-monitor', kioskId, event: 'change-listener.failed', err: error },
          'change listener failed',
        );
      }
    }
  }

  recordHeartbeat(kioskId: string, heartbeat: Heartbeat): void {
    const state = this.live.get(kioskId);
    if (!state) return;
    const now = this.eventTime();
    const open = this.openFaults.get(kioskId) ?? new Map<string, string>();
    const events: FleetEvent[] = [];
    const networkFault = open.get(NETWORK_COMPONENT);
    if (networkFault !== undefined) events.push(faultCleared(kioskId, networkFault, now));
    events.push(...deviceFaultEvents(kioskId, open, heartbeat.devices, now, newFaultId));
    if (events.length > 0) {
      try {
        this.events.append(events);
      } catch (error) {
        // Nothing changes: the kiosk gets a typed refusal in its ack and sends its next heartbeat as usual.
        throw new GuichetError(
          'STORAGE_UNAVAILABLE',
          `the fleet server cannot record this heartbeat's faults (${storageErrorCode(error)})`,
          { cause: error },
        );
      }
    }
    if (networkFault !== undefined)
      this.log.info({ component: 'fleet-monitor', kioskId, event: 'kiosk.online' }, 'kiosk back online');
    const devices = { ...state.devices, ...heartbeat.devices };
    const changed = !state.reachable || state.mode !== heartbeat.mode || devicesDiffer(state.devices, devices);
    state.lastHeartbeatAt = now;
    state.mode = heartbeat.mode;
    state.devices = devices;
    state.reachable = true;
    this.dirty.add(kioskId);
    this.armOfflineTimer(kioskId, this.options.offlineAfterMs);
    if (changed) this.changed(kioskId, 'heartbeat');
    for (const listener of this.deviceListeners) {
      try {
        listener(kioskId, state.devices);
      } catch (error) {
        // A follower's failure (restock tasks' storage) never refuses the heartbeat: it sees the next one.
        this.log.warn(
          { component: 'fleet-monitor', kioskId, event: 'devices.listener-failed', err: error },
          'device listener failed',
        );
      }
    }
  }

  /** Follows each kiosk's devices as known after every heartbeat (restock tasks); returns the unsubscribe function. */
  onDevices(listener: (kioskId: string, devices: DeviceStatusMap) => void): () => void {
    this.deviceListeners.add(listener);
    return () => this.deviceListeners.delete(listener);
  }

  view(kioskId: string, maintenanceActive: (kioskId: string) => boolean): KioskView | undefined {
    const state = this.live.get(kioskId);
    const kiosk = this.registry.kiosk(kioskId);
    if (!state || !kiosk) return undefined;
    const open = this.openFaults.get(kioskId) ?? new Map<string, string>();
    const deviceFaults = [...open.keys()].filter((component) => component !== NETWORK_COMPONENT).length;
    return {
      id: kioskId,
      siteId: kiosk.siteId,
      siteName: this.registry.site(kiosk.siteId)?.name ?? null,
      city: this.registry.site(kiosk.siteId)?.city ?? null,
      status: kioskStatus(state, deviceFaults, maintenanceActive(kioskId)),
      lastHeartbeatAt: state.lastHeartbeatAt?.toISOString() ?? null,
      softwareVersion: state.softwareVersion ?? null,
      devices: state.devices,
      openFaults: [...open.entries()].map(([component, faultId]) => ({ faultId, component })),
    };
  }

  views(maintenanceActive: (kioskId: string) => boolean): KioskView[] {
    return this.registry.kiosks.map((kiosk) => this.view(kiosk.id, maintenanceActive)!);
  }

  private armOfflineTimer(kioskId: string, delayMs: number): void {
    const existing = this.offlineTimers.get(kioskId);
    if (existing !== undefined) this.timers.clearTimeout(existing);
    this.offlineTimers.set(
      kioskId,
      this.timers.setTimeout(() => this.confirmOffline(kioskId), Math.max(0, delayMs)),
    );
  }

  /**
   * Timers run before pending socket input is read: after the event loop was blocked (a long report, a
   * GC pause) the heartbeats that did arrive are still queued. Look again after one turn of I/O.
   */
  private confirmOffline(kioskId: string): void {
    const armed = this.offlineTimers.get(kioskId);
    this.timers.setImmediate(() => {
      if (this.offlineTimers.get(kioskId) === armed) this.markOffline(kioskId);
    });
  }

  private markOffline(kioskId: string): void {
    this.offlineTimers.delete(kioskId);
    const state = this.live.get(kioskId);
    if (!state) return;
    const open = this.openFaults.get(kioskId);
    if (open?.has(NETWORK_COMPONENT)) return;
    const kiosk = this.registry.kiosk(kioskId);
    const now = this.eventTime();
    // Only kiosks in service can be faulted: not after decommissioning, and not before commissioning —
    // a kiosk commissioned later is watched from then on.
    if (kiosk?.decommissionedAt && new Date(kiosk.decommissionedAt) <= now) return;
    if (kiosk?.commissionedAt && new Date(kiosk.commissionedAt) > now) {
      this.armOfflineTimer(
        kioskId,
        new Date(kiosk.commissionedAt).getTime() + this.options.offlineAfterMs - now.getTime(),
      );
      return;
    }
    // The fleet cannot vouch for what it did not watch: silence before this server started counts from its start.
    const since =
      state.lastHeartbeatAt && state.lastHeartbeatAt < this.startedAt ? this.startedAt : state.lastHeartbeatAt;
    try {
      this.events.append([networkLost(kioskId, newFaultId(), now, since)]);
      this.offlineWriteFailures = 0;
      this.health.succeeded(OFFLINE_WRITER);
    } catch (error) {
      // Not recorded, so not offline yet: look again after the backoff (a heartbeat meanwhile cancels it).
      this.health.failed(OFFLINE_WRITER, error);
      this.armOfflineTimer(kioskId, backoffCeiling(this.offlineWriteFailures++, this.retry));
      return;
    }
    state.reachable = false;
    this.changed(kioskId, 'offline');
    this.log.warn(
      {
        component: 'fleet-monitor',
        kioskId,
        event: 'kiosk.offline',
        lastHeartbeatAt: state.lastHeartbeatAt?.toISOString() ?? null,
      },
      'kiosk silent: marked offline',
    );
  }

  private eventTime(): Date {
    this.lastEventAt = Math.max(this.lastEventAt, this.clock.now().getTime());
    return new Date(this.lastEventAt);
  }

  /**
   * Writes the live state of kiosks changed since the last flush, in one transaction. A failed write keeps them
   * dirty and the interval's next flushes wait out the backoff; `force` (at stop) tries regardless. Never throws.
   */
  flush(options: { force?: boolean } = {}): void {
    const now = this.clock.now().getTime();
    if (!options.force && now < this.flushRetryAt) return;
    const ids = [...this.dirty];
    try {
      this.store.saveAll(ids.map((id) => this.live.get(id)!));
    } catch (error) {
      this.health.failed(FLUSH_WRITER, error);
      this.flushRetryAt = now + backoffCeiling(this.flushFailures++, this.retry);
      return;
    }
    for (const id of ids) this.dirty.delete(id);
    this.flushFailures = 0;
    this.flushRetryAt = 0;
    this.health.succeeded(FLUSH_WRITER);
  }
}

function newFaultId(): string {
  return `F-${crypto.randomUUID()}`;
}
