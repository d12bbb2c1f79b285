// The human side of incidents in the fleet database: acknowledgement, assignee, notes and resolution, beside the
// engine's incidents and keyed by their id. The engine's facts (detection, repair, clock) are never stored here.
import type { Db } from '../storage/database';

export const INCIDENTS_MIGRATION = `CREATE TABLE incident_state (
     incident_id TEXT PRIMARY KEY,
     kiosk_id TEXT NOT NULL,
     acknowledged_by TEXT,
     acknowledged_at TEXT,
     assignee TEXT,
     resolved_by TEXT,
     resolved_at TEXT,
     resolution TEXT
   );
   CREATE INDEX incident_state_kiosk ON incident_state(kiosk_id);
   CREATE TABLE incident_history (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     incident_id TEXT NOT NULL,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     text TEXT
   );
   CREATE INDEX incident_history_incident ON incident_history(incident_id, seq);
   CREATE TABLE restock_tasks (
     task_id TEXT PRIMARY KEY,
     kiosk_id TEXT NOT NULL,
     opened_at TEXT NOT NULL,
     code TEXT NOT NULL,
     closed_at TEXT,
     closed_by TEXT,
     close_reason TEXT
   );
   CREATE INDEX restock_tasks_open ON restock_tasks(kiosk_id) WHERE closed_at IS NULL;`;

export type HistoryAction = 'acknowledge' | 'assign' | 'note' | 'resolve';

export interface IncidentHumanState {
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  assignee: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  action: HistoryAction;
  /** The note or resolution text, the assignee; null for an acknowledgement or an unassignment. */
  text: string | null;
}

export const NO_HUMAN_STATE: IncidentHumanState = {
  acknowledgedBy: null,
  acknowledgedAt: null,
  assignee: null,
  resolvedBy: null,
  resolvedAt: null,
  resolution: null,
};

interface StateRow {
  incident_id: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  assignee: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution: string | null;
}

function fromRow(row: StateRow): IncidentHumanState {
  return {
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
    assignee: row.assignee,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
  };
}

export class IncidentStore {
  private readonly ensure;
  private readonly selectOne;
  private readonly selectKiosk;
  private readonly selectAll;
  private readonly history;
  private readonly addHistory;
  private readonly setAck;
  private readonly setAssignee;
  private readonly setResolved;

  constructor(private readonly db: Db) {
    this.ensure = db.prepare('INSERT OR IGNORE INTO incident_state (incident_id, kiosk_id) VALUES (?, ?)');
    this.selectOne = db.prepare('SELECT * FROM incident_state WHERE incident_id = ?');
    this.selectKiosk = db.prepare('SELECT * FROM incident_state WHERE kiosk_id = ?');
    this.selectAll = db.prepare('SELECT * FROM incident_state');
    this.history = db.prepare(
      'SELECT at, actor, action, text FROM incident_history WHERE incident_id = ? ORDER BY seq',
    );
    this.addHistory = db.prepare(
      'INSERT INTO incident_history (incident_id, at, actor, action, text) VALUES (?, ?, ?, ?, ?)',
    );
    this.setAck = db.prepare(
      'UPDATE incident_state SET acknowledged_by = ?, acknowledged_at = ? WHERE incident_id = ? AND acknowledged_at IS NULL',
    );
    this.setAssignee = db.prepare('UPDATE incident_state SET assignee = ? WHERE incident_id = ?');
    this.setResolved = db.prepare(
      'UPDATE incident_state SET resolved_by = ?, resolved_at = ?, resolution = ? WHERE incident_id = ? AND resolved_at IS NULL',
    );
  }

  state(incidentId: string): IncidentHumanState {
    const row = this.selectOne.get(incidentId) as StateRow | undefined;
    return row ? fromRow(row) : NO_HUMAN_STATE;
  }

  /** Every incident with human state, by id (one read for a whole list). */
  states(kioskId?: string): Map<string, IncidentHumanState> {
    const rows = (kioskId === undefined ? this.selectAll.all() : this.selectKiosk.all(kioskId)) as StateRow[];
    return new Map(rows.map((row) => [row.incident_id, fromRow(row)]));
  }

  isAcknowledged(incidentId: string): boolean {
    return this.state(incidentId).acknowledgedAt !== null;
  }

  historyOf(incidentId: string): HistoryEntry[] {
    return this.history.all(incidentId) as HistoryEntry[];
  }

  /** Whether this acknowledged it (false: someone already had; nothing is written). */
  acknowledge(incidentId: string, kioskId: string, actor: string, at: Date): boolean {
    return this.db.transaction(() => {
      this.ensure.run(incidentId, kioskId);
      if (this.setAck.run(actor, at.toISOString(), incidentId).changes === 0) return false;
      this.addHistory.run(incidentId, at.toISOString(), actor, 'acknowledge', null);
      return true;
    })();
  }

  assign(incidentId: string, kioskId: string, actor: string, assignee: string | null, at: Date): void {
    this.db.transaction(() => {
      this.ensure.run(incidentId, kioskId);
      this.setAssignee.run(assignee, incidentId);
      this.addHistory.run(incidentId, at.toISOString(), actor, 'assign', assignee);
    })();
  }

  note(incidentId: string, kioskId: string, actor: string, text: string, at: Date): void {
    this.db.transaction(() => {
      this.ensure.run(incidentId, kioskId);
      this.addHistory.run(incidentId, at.toISOString(), actor, 'note', text);
    })();
  }

  /** Whether this resolved it (false: it already was; nothing is written). */
  resolve(incidentId: string, kioskId: string, actor: string, resolution: string, at: Date): boolean {
    return this.db.transaction(() => {
      this.ensure.run(incidentId, kioskId);
      if (this.setResolved.run(actor, at.toISOString(), resolution, incidentId).changes === 0) return false;
      this.addHistory.run(incidentId, at.toISOString(), actor, 'resolve', resolution);
      return true;
    })();
  }
}
