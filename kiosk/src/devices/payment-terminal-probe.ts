// The PIN pad as a probed device: asks its state (status request) when idle. A status request waits
// behind a sale in progress, so after a short wait the probe reports the last health it observed.
import type { DeviceStatus } from '@guichet/shared';
import type { PaymentTerminal } from '@guichet/drivers/payment-terminal/payment-terminal';
import { realTimers, type DeviceTimers } from '@guichet/drivers/device/device-timers';
import type { DeviceProbe } from './polled-device-board';

export interface PaymentTerminalProbeOptions {
  /** How long to wait for the status answer before reporting the last observed health (default 2 s). */
  waitMs?: number;
  timers?: DeviceTimers;
}

export function paymentTerminalProbe(
  terminal: PaymentTerminal,
  options: PaymentTerminalProbeOptions = {},
): DeviceProbe {
  const { waitMs = 2_000, timers = realTimers } = options;
  return {
    kind: 'paymentTerminal',
    async check(): Promise<DeviceStatus> {
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
