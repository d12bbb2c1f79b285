// Restock tasks in the fleet database: opened and closed by the printer's paper reports (restock-rules), or closed
// by a technician. The open tasks are kept in memory too, so a heartbeat costs a map lookup, not a query.
import { z } from 'zod';
import { GuichetError, type DeviceStatusMap } from '@guichet/shared';
import type { Db } from '../../storage/database';
import { ChangeNotifier, type IncidentChange } from '../change-notifier';
import { paperCondition, restockStep, PAPER_NEAR_END, type PaperCondition } from './restock-rules';

export const RestockTask = z.object({
  taskId: z.string(),
  kind: z.literal('restock-paper'),
  kioskId: z.string(),
  openedAt: z.string(),
  code: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  /** `paper-ok`: the printer reported paper back; `technician`: closed by a person. */
  closeReason: z.enum(['paper-ok', 'technician']).nullable(),
});
export type RestockTask = z.infer<typeof RestockTask>;

/** The fleet itself, as the closer of a task the printer's report closed. */
export const FLEET_ACTOR = 'fleet';

interface TaskRow {
  task_id: string;
  kiosk_id: string;
  opened_at: string;
  code: string;
  closed_at: string | null;
  closed_by: string | null;
  close_reason: 'paper-ok' | 'technician' | null;
}

function fromRow(row: TaskRow): RestockTask {
  return {
    taskId: row.task_id,
    kind: 'restock-paper',
    kioskId: row.kiosk_id,
    openedAt: row.opened_at,
    code: row.code,
    status: row.closed_at === null ? 'open' : 'closed',
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    closeReason: row.close_reason,
  };
}

export class RestockTasks {
  readonly changes: ChangeNotifier<IncidentChange>;
  private readonly openByKiosk = new Map<string, string>();
  private readonly lastCondition = new Map<string, PaperCondition>();
  private readonly insert;
  private readonly closeRow;
  private readonly selectOne;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    onListenerError?: (error: unknown) => void,
  ) {
    this.changes = new ChangeNotifier(onListenerError);
    this.insert = db.prepare('INSERT INTO restock_tasks (task_id, kiosk_id, opened_at, code) VALUES (?, ?, ?, ?)');
    this.closeRow = db.prepare(
      'UPDATE restock_tasks SET closed_at = ?, closed_by = ?, close_reason = ? WHERE task_id = ? AND closed_at IS NULL',
    );
    this.selectOne = db.prepare('SELECT * FROM restock_tasks WHERE task_id = ?');
    for (const row of db
      .prepare('SELECT task_id, kiosk_id FROM restock_tasks WHERE closed_at IS NULL')
      .all() as TaskRow[])
      this.openByKiosk.set(row.kiosk_id, row.task_id);
  }

  /** A kiosk's devices as the fleet now knows them (after each heartbeat): opens or closes its restock task. */
  observe(kioskId: string, devices: DeviceStatusMap): void {
    const current = paperCondition(devices.printer);
    const previous = this.lastCondition.get(kioskId);
    const openTask = this.openByKiosk.get(kioskId);
    const step = restockStep(previous, current, openTask !== undefined);
    const at = this.now();
    if (step === 'open') {
      const taskId = `R-${kioskId}-${at.getTime()}`;
      this.insert.run(taskId, kioskId, at.toISOString(), PAPER_NEAR_END);
      this.openByKiosk.set(kioskId, taskId);
      this.changes.emit({ kind: 'task', taskId, kioskId, action: 'opened' });
    } else if (step === 'close' && openTask !== undefined) {
      this.closeRow.run(at.toISOString(), FLEET_ACTOR, 'paper-ok', openTask);
      this.openByKiosk.delete(kioskId);
      this.changes.emit({ kind: 'task', taskId: openTask, kioskId, action: 'closed' });
    }
    // Only once written: a write that failed is tried again on the next report.
    if (current !== undefined) this.lastCondition.set(kioskId, current);
  }

  get(taskId: string): RestockTask | undefined {
    const row = this.selectOne.get(taskId) as TaskRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Open tasks, or those closed or opened since `since` too; the oldest first. */
  list(status: 'open' | 'closed' | 'all', since: Date): RestockTask[] {
    const sql =
      status === 'open'
        ? 'SELECT * FROM restock_tasks WHERE closed_at IS NULL ORDER BY opened_at, task_id'
        : status === 'closed'
          ? 'SELECT * FROM restock_tasks WHERE closed_at >= ? ORDER BY opened_at, task_id'
          : 'SELECT * FROM restock_tasks WHERE closed_at IS NULL OR closed_at >= ? ORDER BY opened_at, task_id';
    const rows = (
      status === 'open' ? this.db.prepare(sql).all() : this.db.prepare(sql).all(since.toISOString())
    ) as TaskRow[];
    return rows.map(fromRow);
  }

  /** A technician closes a task (restocked, or nothing to do). GuichetError TASK_UNKNOWN / TASK_CLOSED. */
  close(taskId: string, closedBy: string): RestockTask {
    const task = this.get(taskId);
    if (!task) throw new GuichetError('TASK_UNKNOWN', `no task ${taskId}`);
    if (task.status === 'closed') throw new GuichetError('TASK_CLOSED', `task ${taskId} is already closed`);
    this.closeRow.run(this.now().toISOString(), closedBy, 'technician', taskId);
    this.openByKiosk.delete(task.kioskId);
    this.changes.emit({ kind: 'task', taskId, kioskId: task.kioskId, action: 'closed' });
    return this.get(taskId)!;
  }
}
