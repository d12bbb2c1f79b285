// The payment terminal's health summary for the kiosk heartbeat (DeviceHealth): the terminal's own state
// answers mapped to health. Each PaymentTerminal keeps its own last health (`currentHealth()`), so one
// process can drive several terminals (the demo runs 70 kiosks).
import type { DeviceHealth } from '../device-health';

export const TERMINAL_STATE_HEALTH = {
  READY: { state: 'ok' },
  BUSY: { state: 'warning', code: 'PAYMENT_TERMINAL_BUSY', detail: 'the terminal reports a transaction in progress' },
  ERROR: { state: 'fault', code: 'PAYMENT_TERMINAL_ERROR', detail: 'the terminal reports an internal error' },
} as const satisfies Record<string, Omit<DeviceHealth, 'checkedAt'>>;
