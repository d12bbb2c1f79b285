// Target state per kiosk (balena-style): what the fleet wants a kiosk to be; kiosks converge to it.
import { TargetState } from '@guichet/shared';
import type { Db } from '../storage/database';

const DEFAULT_TARGET: TargetState = { version: 0, mode: 'in-service' };

export class TargetStates {
  constructor(private readonly db: Db) {}

  get(kioskId: string): TargetState {
    const row = this.db.prepare('SELECT body FROM target_state WHERE kiosk_id = ?').get(kioskId) as
      { body: string } | undefined;
    return row ? TargetState.parse(JSON.parse(row.body)) : DEFAULT_TARGET;
  }

  /** Sets the mode; the version increases so kiosks can tell a new target from a repeated one. */
  set(kioskId: string, mode: TargetState['mode'], reason: string | undefined): TargetState {
    const next: TargetState = { version: this.get(kioskId).version + 1, mode, ...(reason ? { reason } : {}) };
    this.db
      .prepare(
        'INSERT INTO target_state (kiosk_id, body) VALUES (?, ?) ON CONFLICT(kiosk_id) DO UPDATE SET body = excluded.body',
      )
      .run(kioskId, JSON.stringify(next));
    return next;
  }
}
