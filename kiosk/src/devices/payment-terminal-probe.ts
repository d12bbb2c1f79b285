// The PIN pad as a probed device: asks its state (status request) when idle. A status request waits
// behind a sale in progress, so after a short wait the probe reports the last health it observed.
import type { DeviceStatus } from '@guichet/shared';
import type { PaymentTerminal } from '@guichet/drivers/payment-terminal/payment-terminal';
import type { DeviceProbe } from './polled-device-board';

export function paymentTerminalProbe(terminal: PaymentTerminal, waitMs = 2_000): DeviceProbe {
  return {
    kind: 'paymentTerminal',
    async check(): Promise<DeviceStatus> {
      let timer: NodeJS.Timeout | undefined;
      const busy = new Promise<DeviceStatus>((resolve) => {
        timer = setTimeout(() => resolve(terminal.currentHealth()), waitMs);
      });
      try {
        return await Promise.race([terminal.status(), busy]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => terminal.close(),
  };
}
