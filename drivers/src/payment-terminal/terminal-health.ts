// The payment terminal's health summary for the kiosk heartbeat (DeviceHealth), and the last one any
// PaymentTerminal recorded.
import type { DeviceHealth } from '../device-health';

let lastHealth: DeviceHealth | undefined;

export function recordPaymentTerminalHealth(health: DeviceHealth): void {
  lastHealth = health;
}

/** What the heartbeat reports: the last observation, or offline if the terminal was never reached. */
export function paymentTerminalHealth(): DeviceHealth {
  return lastHealth ?? { state: 'offline', code: 'PAYMENT_TERMINAL_NOT_CHECKED', detail: 'no exchange with the terminal yet', checkedAt: new Date().toISOString() };
}

export const TERMINAL_STATE_HEALTH = {
  READY: { state: 'ok' },
  BUSY: { state: 'warning', code: 'PAYMENT_TERMINAL_BUSY', detail: 'the terminal reports a transaction in progress' },
  ERROR: { state: 'fault', code: 'PAYMENT_TERMINAL_ERROR', detail: 'the terminal reports an internal error' },
} as const satisfies Record<string, Omit<DeviceHealth, 'checkedAt'>>;
