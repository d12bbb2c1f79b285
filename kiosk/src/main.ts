// Entry point of one kiosk runtime. Devices named in the configuration are driven by the real drivers
// (native libraries load only then); the others are simulated (devices/device-wiring.ts). Bad configuration
// ends it with one line naming the variable and exit status 2.
import { pino } from 'pino';
import { startupFailureLine } from '@guichet/shared/config/env-config';
import { kioskConfigFromEnv } from './config/kiosk-config';
import { startKioskDevices } from './devices/device-wiring';
import { KioskRuntime } from './runtime/kiosk-runtime';

try {
  const config = kioskConfigFromEnv(process.env);
  const log = pino({ level: config.logLevel, base: { app: 'guichet-kiosk' }, redact: ['credential', '*.credential'] });
  const devices = await startKioskDevices(config, {
    kioskId: config.kioskId,
    dataDir: config.dataDir,
    pollMs: config.devicePollMs,
    log,
  });
  const runtime = new KioskRuntime({
    ...config,
    devices: devices.board,
    transactionDevices: { terminal: devices.terminal, printer: devices.printer },
    log,
  });
  runtime.start();
  const stop = () =>
    void runtime
      .stop()
      .then(() => devices.close())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const line = startupFailureLine(error);
  if (line === undefined) throw error;
  console.error(`guichet kiosk: ${line}`);
  process.exit(2);
}
