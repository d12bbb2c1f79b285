// The printer's health summary for the kiosk heartbeat: a pure mapping from decoded DLE EOT status (or the
// failure to get one) to DeviceHealth. Each ReceiptPrinter keeps its own last health (`health()`).
import { isGuichetError } from '@guichet/shared';
import type { DeviceHealth } from '../device-health';
import { STATUS_CONDITIONS } from './status-bits';
import type { PrinterStatus } from './status-decoder';

export function healthFromStatus(status: PrinterStatus, checkedAt: Date): DeviceHealth {
  const condition = STATUS_CONDITIONS.find(({ flag }) => status.flags[flag]);
  if (!condition) return { state: 'ok', checkedAt: checkedAt.toISOString() };
  return { state: condition.state, code: condition.code, detail: condition.detail, checkedAt: checkedAt.toISOString() };
}

/** No answer, a closed link or garbage: the printer cannot be used. */
export function healthFromFailure(error: unknown, checkedAt: Date): DeviceHealth {
  const code = isGuichetError(error) ? error.code : 'PRINTER_OFFLINE';
  const detail = (error instanceof Error ? error.message : String(error)).slice(0, 200);
  const state = code === 'PRINTER_STATUS_GARBLED' ? 'fault' : 'offline';
  return { state, code, detail, checkedAt: checkedAt.toISOString() };
}
