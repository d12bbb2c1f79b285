// Entry point of one kiosk runtime. Devices named in the configuration are driven by the real drivers
// (native libraries load only then); the others are simulated (devices/device-wiring.ts). Bad configuration
// ends it with one line naming the variable and exit status 2.
import { pino } from 'pino';
import { parseRebootCommand, RESTART_EXIT_CODE } from './commands/command-effects';
import { fileLogSource, LogRing } from './commands/log-excerpt';
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
  // collect-logs reads the log file the service manager writes, or else the last lines logged, kept in memory.
  const ring = config.logFile ? undefined : new LogRing();
  const log = pino(
    { level: config.logLevel, base: { app: 'guichet-kiosk' }, redact: ['credential', '*.credential'] },
    ring ? pino.multistream([{ stream: process.stdout }, { stream: ring }]) : process.stdout,
  );
  const devices = await startKioskDevices(config, {
    kioskId: config.kioskId,
    dataDir: config.dataDir,
    pollMs: config.devicePollMs,
    log,
  });
  const { rebootCommand, logFile, ...runtimeConfig } = config;
  const ui: { screen?: KioskScreen | undefined } = {};
  const shutdown = (code: number): void =>
    void (ui.screen?.close() ?? Promise.resolve())
      .then(() => runtime.stop())
      .then(() => devices.close())
      .then(() => process.exit(code));
  const runtime = new KioskRuntime({
    ...runtimeConfig,
    devices: devices.board,
    transactionDevices: { terminal: devices.terminal, printer: devices.printer },
    log,
    logs: logFile ? fileLogSource(logFile) : ring!,
    ...(rebootCommand ? { rebootCommand: parseRebootCommand(rebootCommand)! } : {}),
    // A restart the fleet asked for: stop cleanly, then exit with the status systemd restarts on.
    commandEffects: { restartRuntime: () => shutdown(RESTART_EXIT_CODE) },
  });
  runtime.start();
  ui.screen = config.uiPort === 'off' ? undefined : await startScreen(config, runtime, devices.cardReader, log);
  const stop = () => shutdown(0);
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
