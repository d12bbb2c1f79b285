// The kiosks' last known live state (kiosk_state), written behind by the fleet monitor and read back at
// start-up: one row per kiosk, replaced in place, never a row per heartbeat.
import type { DeviceStatusMap, KioskMode } from '@guichet/shared';
import type { Db } from './database';

export interface SavedKioskState {
  kioskId: string;
  lastHeartbeatAt: Date | undefined;
  softwareVersion: string | undefined;
  mode: KioskMode | undefined;
  devices: DeviceStatusMap;
}

interface Row {
  kiosk_id: string;
  last_heartbeat_at: string | null;
  software_version: string | null;
  mode: string | null;
  devices: string;
}

export class KioskStateStore {
  private readonly selectAll;
  private readonly upsert;

  constructor(private readonly db: Db) {
    this.selectAll = db.prepare('SELECT kiosk_id, last_heartbeat_at, software_version, mode, devices FROM kiosk_state');
    this.upsert = db.prepare(
      `INSERT INTO kiosk_state (kiosk_id, last_heartbeat_at, software_version, mode, devices) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(kiosk_id) DO UPDATE SET last_heartbeat_at = excluded.last_heartbeat_at,
         software_version = excluded.software_version, mode = excluded.mode, devices = excluded.devices`,
    );
  }

  /** Every saved kiosk state, by kiosk id. */
  all(): Map<string, SavedKioskState> {
    const rows = this.selectAll.all() as Row[];
    return new Map(
      rows.map((row) => [
        row.kiosk_id,
        {
          kioskId: row.kiosk_id,
          lastHeartbeatAt: row.last_heartbeat_at ? new Date(row.last_heartbeat_at) : undefined,
          softwareVersion: row.software_version ?? undefined,
          mode: (row.mode as KioskMode | null) ?? undefined,
          devices: JSON.parse(row.devices) as DeviceStatusMap,
        },
      ]),
    );
  }

  /** Saves all the given states in one transaction, or none. */
  saveAll(states: readonly SavedKioskState[]): void {
    if (states.length === 0) return;
    this.db.transaction(() => {
      for (const s of states)
        this.upsert.run(
          s.kioskId,
          s.lastHeartbeatAt?.toISOString() ?? null,
          s.softwareVersion ?? null,
          s.mode ?? null,
          JSON.stringify(s.devices),
        );
    })();
  }
}
