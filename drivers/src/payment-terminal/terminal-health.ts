// The payment terminal's health summary for the kiosk heartbeat (DeviceHealth): the answer to POSLink's A00
// Initialize mapped to health. Each PaymentTerminal keeps its own last health (`currentHealth()`), so one
// process can drive several terminals (the demo runs 70 kiosks).
import type { DeviceHealth } from '../device-health';

/** A01 answered 000000 is a ready terminal; any other response code is a terminal reporting a fault. */
export const TERMINAL_STATE_HEALTH = {
  READY: { state: 'ok' },
  ERROR: { state: 'fault', code: 'PAYMENT_TERMINAL_ERROR', detail: 'the terminal answered Initialize with an error' },
} as const satisfies Record<string, Omit<DeviceHealth, 'checkedAt'>>;
