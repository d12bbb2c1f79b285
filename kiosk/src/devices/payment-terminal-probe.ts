// The PIN pad as a probed device: reopens its line if it was never opened or went away, then asks its state
// (status request). A status request waits behind a sale in progress, so after a short wait the probe reports
// the last health it observed.
import type { DeviceStatus } from '@guichet/shared';
import type { PaymentTerminal } from '@guichet/drivers/payment-terminal/payment-terminal';
import { realTimers, type DeviceTimers } from '@guichet/drivers/device/device-timers';
import type { DeviceProbe } from './polled-device-board';

export interface PaymentTerminalProbeOptions {
  /** How long to wait for the status answer before reporting the last observed health (default 2 s). */
  waitMs?: number;
  timers?: DeviceTimers;
}

/** Health codes of a terminal whose line is not open: the probe tries to open it again. */
const LINE_DOWN = new Set(['PAYMENT_TERMINAL_NOT_OPEN', 'PAYMENT_TERMINAL_DISCONNECTED']);

export function paymentTerminalProbe(
  terminal: PaymentTerminal,
  options: PaymentTerminalProbeOptions = {},
): DeviceProbe {
  const { waitMs = 2_000, timers = realTimers } = options;
  return {
    kind: 'paymentTerminal',
    async check(): Promise<DeviceStatus> {
      if (LINE_DOWN.has(terminal.currentHealth().code ?? '')) {
        try {
          await terminal.open();
        } catch {
          return terminal.currentHealth();
        }
      }
      let timer: unknown;
      const busy = new Promise<DeviceStatus>((resolve) => {
        timer = timers.setTimeout(() => resolve(terminal.currentHealth()), waitMs);
      });
      try {
        return await Promise.race([terminal.status(), busy]);
      } finally {
        timers.clearTimeout(timer);
      }
    },
    close: () => terminal.close(),
  };
}
