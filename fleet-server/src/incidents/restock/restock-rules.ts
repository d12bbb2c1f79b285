// Restock tasks from the printer's paper (pure): near-end opens a task (the kiosk still works, so it is not an SLA
// incident); paper back to ok closes it. A task a technician closed is not reopened until the printer leaves
// near-end and enters it again.
import type { DeviceStatus } from '@guichet/shared';

/** The code the receipt printer driver reports with `warning` when the roll runs low. */
export const PAPER_NEAR_END = 'PRINTER_PAPER_NEAR_END';

export type PaperCondition = 'ok' | 'near-end' | 'other';

export function paperCondition(printer: DeviceStatus | undefined): PaperCondition | undefined {
  if (!printer) return undefined;
  if (printer.state === 'ok') return 'ok';
  if (printer.state === 'warning' && printer.code === PAPER_NEAR_END) return 'near-end';
  // A fault (paper end, cable) is the SLA's business; it neither opens nor closes a restock task.
  return 'other';
}

export type RestockStep = 'open' | 'close' | null;

/** What a printer report does to the kiosk's restock task, given the previous report's condition. */
export function restockStep(
  previous: PaperCondition | undefined,
  current: PaperCondition | undefined,
  taskOpen: boolean,
): RestockStep {
  if (current === 'near-end' && previous !== 'near-end' && !taskOpen) return 'open';
  if (current === 'ok' && taskOpen) return 'close';
  return null;
}
