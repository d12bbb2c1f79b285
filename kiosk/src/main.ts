// Entry point of one kiosk runtime. Devices named in the configuration are driven by the real drivers
// (native libraries load only then); the others are simulated (devices/device-wiring.ts). Bad configuration
// ends it with one line naming the variable and exit status 2.
import { pino } from 'pino';
import { startupFailureLine } from '@guichet/shared/config/env-config';
import { kioskConfigFromEnv } from './config/kiosk-config';
import { startKioskDevices } from './devices/device-wiring';
import { KioskRuntime } from './runtime/kiosk-runtime';
import { startKioskScreen, type KioskScreen } from './ui-bridge/kiosk-screen';
import { loadAlternatives } from './ui-bridge/nearest-sites';
import type { KioskConfig } from './config/kiosk-config';
import type { CardReader } from '@guichet/drivers/card-reader/card-reader';
import type { Alternative } from './ui-bridge/screen-protocol';
import type { Logger } from 'pino';

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
  const screen = config.uiPort === 'off' ? undefined : await startScreen(config, runtime, devices.cardReader, log);
  const stop = () =>
    void (screen?.close() ?? Promise.resolve())
      .then(() => runtime.stop())
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

/**
 * The touch screen (kiosk/ui/dist served on 127.0.0.1). It is not the kiosk's heartbeat: a screen that cannot
 * start (port taken) is one log line, and the kiosk keeps reporting to the fleet so the fault is seen there.
 */
async function startScreen(
  config: KioskConfig,
  runtime: KioskRuntime,
  cardReader: CardReader,
  log: Logger,
): Promise<KioskScreen | undefined> {
  let alternatives: Alternative[] = [];
  if (config.sitesFile) {
    try {
      alternatives = loadAlternatives(config.sitesFile, config.kioskId);
    } catch (error) {
      log.warn({ event: 'sites-file-unusable', message: (error as Error).message }, 'no alternatives to show');
    }
  }
  try {
    return await startKioskScreen({
      runtime,
      devices: { cardReader },
      port: config.uiPort === 'off' ? 0 : config.uiPort,
      idleMs: config.idleMs,
      alternatives,
      log,
    });
  } catch (error) {
    log.error({ event: 'screen-failed', code: (error as { code?: string }).code }, 'the touch screen did not start');
    return undefined;
  }
}
